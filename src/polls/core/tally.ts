import type { Tally } from './poll';

/** Counts each member's choices; choices outside the poll's options (never stored) are ignored. */
export function tallyVotes(optionCount: number, votes: Iterable<readonly number[]>): Tally {
  const counts = Array.from({ length: optionCount }, () => 0);
  let voters = 0;
  for (const choices of votes) {
    const valid = new Set(choices.filter((choice) => choice >= 0 && choice < optionCount));
    if (valid.size === 0) continue;
    voters += 1;
    for (const choice of valid) counts[choice] = (counts[choice] ?? 0) + 1;
  }
  return { counts, voters };
}

/** Share of voters who chose an option, in whole percent (multiple choice can sum above 100). */
export function percentOfVoters(count: number, voters: number): number {
  return voters === 0 ? 0 : Math.round((count / voters) * 100);
}

/** Indices of the options with the most votes: one winner, several for a tie, none without votes. */
export function leadingOptions(tally: Tally): number[] {
  const top = Math.max(0, ...tally.counts);
  if (top === 0) return [];
  return tally.counts.flatMap((count, index) => (count === top ? [index] : []));
}
