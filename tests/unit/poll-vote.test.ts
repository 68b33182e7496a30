import { describe, expect, it } from 'vitest';
import { applyVote, DOUBLE_CLICK_MS, type VoteOutcome } from '../../src/polls/core/apply-vote';
import type { VoteRecord } from '../../src/polls/core/poll';
import { leadingOptions, percentOfVoters, tallyVotes } from '../../src/polls/core/tally';

const LATER = 10 * DOUBLE_CLICK_MS;

/** A member's choices after a series of clicks, spaced like a person clicks. */
function clicks(
  maxChoices: number,
  options: number[],
): { choices: number[]; outcomes: VoteOutcome[] } {
  let record: VoteRecord | undefined;
  const outcomes: VoteOutcome[] = [];
  options.forEach((option, index) => {
    const applied = applyVote(record, option, maxChoices, (index + 1) * LATER);
    outcomes.push(applied.outcome);
    record = applied.record ?? record;
  });
  return { choices: [...(record?.choices ?? [])], outcomes };
}

describe('applyVote', () => {
  it.each<[string, number, number[], number[], VoteOutcome[]]>([
    ['single: a first vote', 1, [2], [2], ['chosen']],
    ['single: a new choice replaces the old one', 1, [0, 2], [2], ['chosen', 'chosen']],
    ['single: clicking the current choice withdraws it', 1, [1, 1], [], ['chosen', 'removed']],
    ['single: vote again after withdrawing', 1, [1, 1, 0], [0], ['chosen', 'removed', 'chosen']],
    ['multiple: clicks add options, sorted', 3, [2, 0], [0, 2], ['chosen', 'chosen']],
    ['multiple: a click toggles an option off', 3, [2, 0, 2], [0], ['chosen', 'chosen', 'removed']],
    [
      'multiple: beyond max_choices nothing changes',
      2,
      [0, 1, 2],
      [0, 1],
      ['chosen', 'chosen', 'limitReached'],
    ],
    [
      'multiple: after removing one, another fits',
      2,
      [0, 1, 2, 1, 2],
      [0, 2],
      ['chosen', 'chosen', 'limitReached', 'removed', 'chosen'],
    ],
    [
      'multiple: max = options, all chosen',
      3,
      [0, 1, 2],
      [0, 1, 2],
      ['chosen', 'chosen', 'chosen'],
    ],
  ])('%s', (_, maxChoices, options, choices, outcomes) => {
    expect(clicks(maxChoices, options)).toEqual({ choices, outcomes });
  });

  it('counts a double click once instead of voting then withdrawing', () => {
    const first = applyVote(undefined, 1, 1, 1000);
    const second = applyVote(first.record, 1, 1, 1000 + DOUBLE_CLICK_MS - 1);
    expect(second).toEqual({ outcome: 'repeated', choices: [1], record: undefined });
    const deliberate = applyVote(first.record, 1, 1, 1000 + DOUBLE_CLICK_MS);
    expect(deliberate.outcome).toBe('removed');
  });

  it('treats a quick click on another option as a change of mind', () => {
    const first = applyVote(undefined, 1, 1, 1000);
    expect(applyVote(first.record, 2, 1, 1001).choices).toEqual([2]);
  });

  it('does not mistake a click for a double click when the clock went back', () => {
    const first = applyVote(undefined, 1, 1, 5000);
    expect(applyVote(first.record, 1, 1, 4000).outcome).toBe('removed');
  });

  it('stores nothing when the limit is reached', () => {
    const record: VoteRecord = { choices: [0, 1] };
    expect(applyVote(record, 2, 2, LATER)).toEqual({
      outcome: 'limitReached',
      choices: [0, 1],
      record: undefined,
    });
  });
});

describe('tallyVotes', () => {
  it.each<[string, number, number[][], number[], number]>([
    ['no votes', 3, [], [0, 0, 0], 0],
    ['single choice', 3, [[0], [2], [2]], [1, 0, 2], 3],
    ['multiple choice counts each option once per voter', 3, [[0, 1], [1, 2], [1]], [1, 3, 1], 3],
    ['withdrawn votes are not voters', 2, [[0], [], [1]], [1, 1], 2],
    ['choices outside the options are ignored', 2, [[0, 5], [-1], [1, 1]], [1, 1], 2],
  ])('%s', (_, optionCount, votes, counts, voters) => {
    expect(tallyVotes(optionCount, votes)).toEqual({ counts, voters });
  });
});

describe('percentOfVoters and leadingOptions', () => {
  it.each([
    [0, 0, 0],
    [1, 3, 33],
    [2, 3, 67],
    [3, 3, 100],
  ])('%d of %d voters → %d %%', (count, voters, percent) => {
    expect(percentOfVoters(count, voters)).toBe(percent);
  });

  it.each<[string, number[], number[]]>([
    ['no votes: no winner', [0, 0, 0], []],
    ['one winner', [1, 4, 2], [1]],
    ['a tie names every leader', [3, 1, 3], [0, 2]],
    ['everyone tied', [2, 2], [0, 1]],
  ])('%s', (_, counts, leaders) => {
    expect(leadingOptions({ counts, voters: 5 })).toEqual(leaders);
  });
});
