import { createHash } from 'node:crypto';
import type { Store } from '../store/store';
import { dedupeKeys, type DedupeKey } from './core/dedupe';
import type { ArchivedProposal, Proposal } from './core/proposal';

const OPEN_PREFIX = 'proposal:';
const ARCHIVE_PREFIX = 'proposal-archive:';
const openKey = (guildId: string, id: string) => `${OPEN_PREFIX}${guildId}:${id}`;
const archiveKey = (guildId: string, id: string) => `${ARCHIVE_PREFIX}${guildId}:${id}`;
/** Folded titles and links are hashed: keys stay short whatever was typed. */
const claimKey = (guildId: string, key: DedupeKey) =>
  `proposal-claim:${guildId}:${createHash('sha256').update(`${key.on}\0${key.value}`).digest('hex').slice(0, 32)}`;
const roundKey = (guildId: string) => `proposal-round:${guildId}`;

/** A vote being posted in a server; once posted, the poll and the proposals it archives. */
export interface VoteRound {
  /** Unique to the round: only its owner releases it. */
  readonly token: string;
  /** Epoch milliseconds: a round older than `ROUND_STALE_MS` belongs to a process that died. */
  readonly at: number;
  readonly pollId?: string;
  readonly ids?: readonly string[];
}

/** A round lasts the time to post one poll; one this old was left by a process that died. */
export const ROUND_STALE_MS = 2 * 60_000;

/**
 * Proposals in the store. Key layout:
 *
 * | key                                     | value            | written with                      |
 * |-----------------------------------------|------------------|-----------------------------------|
 * | `proposal:<guildId>:<id>`               | Proposal         | `set`, before its claims          |
 * | `proposal-claim:<guildId>:<hash>`       | proposal id      | `setIfAbsent`: one a title, link  |
 * | `proposal-archive:<guildId>:<id>`       | ArchivedProposal | `set` once put to a vote          |
 * | `proposal-round:<guildId>`              | VoteRound        | `setIfAbsent`: one vote at a time |
 *
 * Ids sort by time, so a server's waiting proposals list oldest first. A proposal is written
 * before its claims, so a claim whose proposal is missing is stale (a process died between two
 * writes, or after releasing claims and before deleting): it is taken over by compare-and-set.
 * Claims are released before their proposal is deleted, for the same reason.
 */
export class ProposalStore {
  constructor(private readonly store: Store) {}

  /** A server's waiting proposals, oldest first. */
  async open(guildId: string): Promise<Proposal[]> {
    return (await this.store.entries<Proposal>(`${OPEN_PREFIX}${guildId}:`)).map(([, p]) => p);
  }

  async openCount(guildId: string): Promise<number> {
    return (await this.store.keys(`${OPEN_PREFIX}${guildId}:`)).length;
  }

  get(guildId: string, id: string): Promise<Proposal | undefined> {
    return this.store.get<Proposal>(openKey(guildId, id));
  }

  /**
   * Stores a proposal unless one like it waits (same title or link, folded): then nothing is
   * kept, and the one found is returned with what they share.
   */
  async add(proposal: Proposal): Promise<{ on: DedupeKey['on']; of: Proposal } | undefined> {
    await this.store.set(openKey(proposal.guildId, proposal.id), proposal);
    const taken: DedupeKey[] = [];
    for (const key of dedupeKeys(proposal)) {
      const holder = await this.claim(proposal, key);
      if (holder !== undefined) {
        for (const claimed of taken) await this.store.delete(claimKey(proposal.guildId, claimed));
        await this.store.delete(openKey(proposal.guildId, proposal.id));
        return { on: key.on, of: holder };
      }
      taken.push(key);
    }
    return undefined;
  }

  /** Withdraws a waiting proposal; false when it was not waiting any more. */
  async remove(proposal: Proposal): Promise<boolean> {
    await this.releaseClaims(proposal);
    return this.store.delete(openKey(proposal.guildId, proposal.id));
  }

  /** Moves proposals put to a vote from the waiting list to the archive. */
  async archive(proposals: readonly Proposal[], pollId: string, at: number): Promise<void> {
    for (const proposal of proposals) {
      const archived: ArchivedProposal = { ...proposal, pollId, archivedAt: at };
      await this.store.set(archiveKey(proposal.guildId, proposal.id), archived);
      await this.releaseClaims(proposal);
      await this.store.delete(openKey(proposal.guildId, proposal.id));
    }
  }

  /** Every waiting proposal, of every server (`/privacy`). */
  async allOpen(): Promise<Proposal[]> {
    return (await this.store.entries<Proposal>(OPEN_PREFIX)).map(([, proposal]) => proposal);
  }

  /** Every archived proposal, of every server (`/privacy`). */
  async allArchived(): Promise<ArchivedProposal[]> {
    return (await this.store.entries<ArchivedProposal>(ARCHIVE_PREFIX)).map(([, p]) => p);
  }

  async removeArchived(proposal: ArchivedProposal): Promise<void> {
    await this.store.delete(archiveKey(proposal.guildId, proposal.id));
  }

  /**
   * Claims a server's vote for this round; a stale round (its process died) is taken over and
   * handed back, so that the caller finishes its archive. Undefined while another round runs.
   */
  async claimRound(
    guildId: string,
    round: VoteRound,
  ): Promise<{ readonly stale: VoteRound | undefined } | undefined> {
    if (await this.store.setIfAbsent(roundKey(guildId), round)) return { stale: undefined };
    const current = await this.store.get<VoteRound>(roundKey(guildId));
    if (current === undefined) {
      return (await this.store.setIfAbsent(roundKey(guildId), round))
        ? { stale: undefined }
        : undefined;
    }
    if (round.at - current.at < ROUND_STALE_MS) return undefined;
    const taken = await this.store.update<VoteRound>(roundKey(guildId), (stored) =>
      stored?.token === current.token ? round : undefined,
    );
    return taken?.token === round.token ? { stale: current } : undefined;
  }

  /** Records the poll a round posted and what it archives, before archiving. */
  async recordRound(guildId: string, round: VoteRound): Promise<void> {
    await this.store.set(roundKey(guildId), round);
  }

  /** Ends a round, if it is still this one's. */
  async releaseRound(guildId: string, round: VoteRound): Promise<void> {
    if ((await this.store.get<VoteRound>(roundKey(guildId)))?.token === round.token) {
      await this.store.delete(roundKey(guildId));
    }
  }

  /** Claims a title or link for a proposal; undefined once claimed, else the proposal holding it. */
  private async claim(proposal: Proposal, key: DedupeKey): Promise<Proposal | undefined> {
    const claim = claimKey(proposal.guildId, key);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (await this.store.setIfAbsent(claim, proposal.id)) return undefined;
      const holderId = await this.store.get<string>(claim);
      if (holderId === undefined) continue; // released meanwhile: claim again
      const holder = await this.get(proposal.guildId, holderId);
      if (holder !== undefined) return holder;
      const result = await this.store.update<string>(claim, (current) =>
        current === holderId ? proposal.id : undefined,
      );
      if (result === proposal.id) return undefined;
    }
    throw new Error(`could not claim a proposal's ${key.on}`);
  }

  /** Frees a proposal's title and link, where they are still its own. */
  private async releaseClaims(proposal: Proposal): Promise<void> {
    for (const key of dedupeKeys(proposal)) {
      const claim = claimKey(proposal.guildId, key);
      if ((await this.store.get<string>(claim)) === proposal.id) await this.store.delete(claim);
    }
  }
}
