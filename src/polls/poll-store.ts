import type { Store } from '../store/store';
import { isClosed, type PollRecord, type Tally, type VoteRecord } from './core/poll';
import { tallyVotes } from './core/tally';

/**
 * Polls in the store. Key layout (every key under Keyv's `tribune:` namespace):
 *
 * - `poll:<pollId>` → `PollRecord`: definition and state. Written at creation, then only by
 *   compare-and-set (`store.update`): closing, freezing the tally, claiming the announcement.
 * - `vote:<pollId>:<voterKey>` → `VoteRecord`: one key per member (user id, or an HMAC for
 *   anonymous polls), so concurrent voters never write the same key; a member's own clicks are
 *   compare-and-set on their key. Tallies are computed from the ordered prefix listing.
 * - `guild-polls:<guildId>:<pollId>` → `PollSummary`: a server's polls, for autocomplete.
 * - `poll-deadline:<pollId>` → `{ closesAt }`: open polls, whose timers are re-armed on start.
 * - `poll-purge:<closedAt, 15 digits>:<pollId>` → `{}`: closed polls whose votes are still kept,
 *   in closing order, so the retention purge reads only the expired ones.
 *
 * Poll ids never contain ":", so no prefix of one poll matches another's.
 */
export interface PollSummary {
  readonly pollId: string;
  readonly question: string;
  readonly createdAt: number;
  readonly closesAt: number;
  readonly closed: boolean;
}

const pollKey = (pollId: string) => `poll:${pollId}`;
const votePrefix = (pollId: string) => `vote:${pollId}:`;
const voteKey = (pollId: string, voter: string) => `${votePrefix(pollId)}${voter}`;
const guildPrefix = (guildId: string) => `guild-polls:${guildId}:`;
const DEADLINE_PREFIX = 'poll-deadline:';
const PURGE_PREFIX = 'poll-purge:';
const purgeKey = (closedAt: number, pollId: string) =>
  `${PURGE_PREFIX}${String(closedAt).padStart(15, '0')}:${pollId}`;

/** The creator key of a poll whose creator asked to be forgotten. */
export const FORGOTTEN_CREATOR = '';

export class PollStore {
  constructor(private readonly store: Store) {}

  /** Stores a new poll and its index keys; false (and nothing stored) if the id is taken. */
  async create(poll: PollRecord): Promise<boolean> {
    if (!(await this.store.setIfAbsent(pollKey(poll.id), poll))) return false;
    await this.store.set(`${DEADLINE_PREFIX}${poll.id}`, { closesAt: poll.closesAt });
    await this.store.set(`${guildPrefix(poll.guildId)}${poll.id}`, summaryOf(poll));
    return true;
  }

  get(pollId: string): Promise<PollRecord | undefined> {
    return this.store.get<PollRecord>(pollKey(pollId));
  }

  /** Several polls in one query, in the order asked (undefined for a missing one). */
  getMany(pollIds: readonly string[]): Promise<(PollRecord | undefined)[]> {
    return this.store.getMany<PollRecord>(pollIds.map(pollKey));
  }

  /** One member's vote, changed atomically: `change` may run again if another write came first. */
  changeVote(
    pollId: string,
    voter: string,
    change: (current: VoteRecord | undefined) => VoteRecord | undefined,
  ): Promise<VoteRecord | undefined> {
    return this.store.update<VoteRecord>(voteKey(pollId, voter), change);
  }

  /**
   * A member's first vote (the usual click in a burst) in one statement: stored only if they have
   * none, with the poll as it was when the vote was written (closed meanwhile, or gone).
   * Undefined, and nothing written, when they already have a vote.
   */
  async addFirstVote(
    pollId: string,
    voter: string,
    vote: VoteRecord,
  ): Promise<{ poll: PollRecord | undefined } | undefined> {
    const outcome = await this.store.setIfAbsentWatching<PollRecord>(
      voteKey(pollId, voter),
      vote,
      pollKey(pollId),
    );
    return outcome.stored ? { poll: outcome.watched } : undefined;
  }

  getVote(pollId: string, voter: string): Promise<VoteRecord | undefined> {
    return this.store.get<VoteRecord>(voteKey(pollId, voter));
  }

  /** Every poll of every server (for `/privacy`, which looks for one member everywhere). */
  async all(): Promise<PollRecord[]> {
    return (await this.store.entries<PollRecord>('poll:')).map(([, poll]) => poll);
  }

  /** The votes stored under these (poll, voter key) pairs, in the same order. */
  getVotes(
    pairs: readonly { pollId: string; voter: string }[],
  ): Promise<(VoteRecord | undefined)[]> {
    return this.store.getMany<VoteRecord>(pairs.map(({ pollId, voter }) => voteKey(pollId, voter)));
  }

  /**
   * Deletes one member's vote (`/privacy delete`). A closed poll's tally is frozen first, so its
   * announced results stay as they are; an open poll's tally just no longer counts it.
   */
  async forgetVote(pollId: string, voter: string): Promise<boolean> {
    const poll = await this.get(pollId);
    if (poll !== undefined && isClosed(poll)) await this.freezeTally(pollId);
    return this.store.delete(voteKey(pollId, voter));
  }

  /**
   * Forgets who created a poll: the poll stays for those who voted, only moderators may still
   * close or export it. No user id or hash equals the empty key.
   */
  async forgetCreator(pollId: string): Promise<void> {
    await this.store.update<PollRecord>(pollKey(pollId), (current) =>
      current && current.creatorKey !== FORGOTTEN_CREATOR
        ? { ...current, creatorKey: FORGOTTEN_CREATOR }
        : undefined,
    );
  }

  /** Every voter's record, by voter key. */
  async votes(pollId: string): Promise<[voter: string, vote: VoteRecord][]> {
    const prefix = votePrefix(pollId);
    const entries = await this.store.entries<VoteRecord>(prefix);
    return entries.map(([key, vote]) => [key.slice(prefix.length), vote]);
  }

  /** The frozen tally of a closed poll, else the count of the stored votes. */
  async tally(poll: PollRecord): Promise<Tally> {
    if (poll.finalTally !== undefined) return poll.finalTally;
    return this.countVotes(poll);
  }

  /**
   * Closes an open poll, once across processes (compare-and-set). Returns the closed poll if this
   * call closed it, undefined if it was already closed or does not exist.
   */
  async close(pollId: string, closedAt: number): Promise<PollRecord | undefined> {
    const outcome = { closedHere: false };
    const result = await this.store.update<PollRecord>(pollKey(pollId), (current) => {
      outcome.closedHere = current !== undefined && !isClosed(current);
      return outcome.closedHere && current ? { ...current, closedAt } : undefined;
    });
    return outcome.closedHere ? result : undefined;
  }

  /**
   * After a close: freezes the tally (if not yet), marks the poll closed in its server's list,
   * queues its votes for the retention purge and forgets its deadline. Every step is idempotent,
   * so it can be finished by whichever process finds it unfinished.
   */
  async settleClosed(poll: PollRecord): Promise<PollRecord> {
    const closedAt = poll.closedAt ?? poll.closesAt;
    const settled = await this.freezeTally(poll.id);
    if (poll.votesPurgedAt === undefined) {
      await this.store.setIfAbsent(purgeKey(closedAt, poll.id), {});
    }
    await this.store.set(`${guildPrefix(poll.guildId)}${poll.id}`, summaryOf(settled ?? poll));
    await this.store.delete(`${DEADLINE_PREFIX}${poll.id}`);
    return settled ?? poll;
  }

  /** Claims the posting of the final results: true for exactly one caller. */
  async claimAnnouncement(pollId: string): Promise<boolean> {
    let claimed = false;
    await this.store.update<PollRecord>(pollKey(pollId), (current) => {
      claimed = current !== undefined && current.announced !== true;
      return claimed && current ? { ...current, announced: true } : undefined;
    });
    return claimed;
  }

  /** Open polls (and closed ones whose closing was interrupted), with their deadlines. */
  async deadlines(): Promise<{ pollId: string; closesAt: number }[]> {
    const entries = await this.store.entries<{ closesAt: number }>(DEADLINE_PREFIX);
    return entries.map(([key, value]) => ({
      pollId: key.slice(DEADLINE_PREFIX.length),
      closesAt: value.closesAt,
    }));
  }

  /** Drops the deadline of a poll that no longer exists. */
  async forgetDeadline(pollId: string): Promise<void> {
    await this.store.delete(`${DEADLINE_PREFIX}${pollId}`);
  }

  guildPolls(guildId: string): Promise<PollSummary[]> {
    return this.store
      .entries<PollSummary>(guildPrefix(guildId))
      .then((entries) => entries.map(([, summary]) => summary));
  }

  /** Ids of closed polls whose votes are kept and which closed at or before `closedBefore`. */
  async closedBefore(closedBefore: number): Promise<string[]> {
    // Keys are in closing order: only the expired ones are read, however many polls are kept.
    const keys = await this.store.keysBetween(PURGE_PREFIX, purgeKey(closedBefore + 1, ''));
    return keys.map((key) => key.slice(key.lastIndexOf(':') + 1));
  }

  /** Deletes a closed poll's individual votes, after freezing its tally; the totals stay. */
  async purgeVotes(pollId: string, now: number): Promise<void> {
    const poll = await this.get(pollId);
    if (poll?.closedAt === undefined) return;
    await this.freezeTally(pollId);
    await this.store.deletePrefix(votePrefix(pollId));
    await this.store.update<PollRecord>(pollKey(pollId), (current) =>
      current && current.votesPurgedAt === undefined
        ? { ...current, votesPurgedAt: now }
        : undefined,
    );
    await this.store.delete(purgeKey(poll.closedAt, pollId));
  }

  private async freezeTally(pollId: string): Promise<PollRecord | undefined> {
    const poll = await this.get(pollId);
    if (!poll || poll.finalTally !== undefined) return poll;
    const finalTally = await this.countVotes(poll);
    return this.store.update<PollRecord>(pollKey(pollId), (current) =>
      current && current.finalTally === undefined ? { ...current, finalTally } : undefined,
    );
  }

  private async countVotes(poll: PollRecord): Promise<Tally> {
    const votes = await this.store.entries<VoteRecord>(votePrefix(poll.id));
    return tallyVotes(
      poll.options.length,
      votes.map(([, vote]) => vote.choices),
    );
  }
}

function summaryOf(poll: PollRecord): PollSummary {
  return {
    pollId: poll.id,
    question: poll.question,
    createdAt: poll.createdAt,
    closesAt: poll.closesAt,
    closed: isClosed(poll),
  };
}
