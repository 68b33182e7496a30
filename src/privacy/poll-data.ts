import { isClosed, type PollRecord } from '../polls/core/poll';
import type { PollStore } from '../polls/poll-store';
import { creatorKey, voterKey } from '../polls/core/voter-key';
import type { MemberVote } from './core/member-data';

/**
 * A member's votes and created polls, found from the poll key layout: `vote:<poll>:<voter>` where
 * the voter is the user id, or for anonymous polls HMAC(POLL_SECRET, poll id + user id), which
 * is recomputed here, so finding a member's anonymous votes needs no stored user id. Without the
 * secret, anonymous polls cannot be linked to anyone, so there is nothing of theirs to find.
 */
export async function findPollData(
  polls: PollStore,
  userId: string,
  secret: string | undefined,
): Promise<{ votes: MemberVote[]; pollsCreated: string[] }> {
  const linkable = (await polls.all()).filter((poll) => !poll.anonymous || secret !== undefined);
  const candidates = linkable.map((poll) => ({ poll, voter: voterKey(poll, userId, secret) }));
  const stored = await polls.getVotes(
    candidates.map(({ poll, voter }) => ({ pollId: poll.id, voter })),
  );
  const votes = candidates
    .filter((_, index) => stored[index] !== undefined)
    .map(({ poll, voter }) => ({ pollId: poll.id, voter, open: !isClosed(poll) }));
  const pollsCreated = linkable
    .filter((poll: PollRecord) => poll.creatorKey === creatorKey(poll, userId, secret))
    .map((poll) => poll.id);
  return { votes, pollsCreated };
}

/**
 * Deletes the votes found (open polls then show their new tally, closed ones keep their frozen
 * results) and forgets the member as creator of the polls found, which stay for their voters.
 */
export async function erasePollData(
  polls: PollStore,
  found: { readonly votes: readonly MemberVote[]; readonly pollsCreated: readonly string[] },
  showVotes: (pollId: string) => void,
): Promise<void> {
  for (const vote of found.votes) {
    await polls.forgetVote(vote.pollId, vote.voter);
    if (vote.open) showVotes(vote.pollId);
  }
  for (const pollId of found.pollsCreated) await polls.forgetCreator(pollId);
}
