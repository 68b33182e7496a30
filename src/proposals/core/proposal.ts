import { POLL_LIMITS } from '../../polls/core/poll';

/** What issue 13 allows a proposal to be, and how many a server and a poll hold. */
export const PROPOSAL_LIMITS = {
  titleLength: 200,
  linkLength: 512,
  noteLength: 500,
  /** Proposals waiting at once in a server: a list members can still read through. */
  openPerServer: 100,
  /** Proposals in one poll: as many as a poll has options. */
  perPoll: POLL_LIMITS.maxOptions,
} as const;

/** What a member typed in `/proposal add`. */
export interface ProposalInput {
  readonly title: string;
  readonly link?: string | undefined;
  readonly note?: string | undefined;
}

/** A proposal's text once checked: spacing tidied, the link as a normalised http(s) URL. */
export interface ProposalText {
  readonly title: string;
  readonly link?: string;
  readonly note?: string;
}

/** `proposal:<guildId>:<id>`: a proposal waiting for the next vote. */
export interface Proposal extends ProposalText {
  /** Sortable by time: the list and the poll take proposals oldest first. */
  readonly id: string;
  readonly guildId: string;
  /** The proposer's user id, shown as a mention that never pings. */
  readonly proposedBy: string;
  /** Epoch milliseconds. */
  readonly proposedAt: number;
}

/** `proposal-archive:<guildId>:<id>`: a proposal once put to a vote, kept until its proposer erases it. */
export interface ArchivedProposal extends Proposal {
  readonly pollId: string;
  readonly archivedAt: number;
}

/** Width of the time part of an id: base 36 epoch milliseconds stay 9 digits until the year 5188. */
const TIME_WIDTH = 9;
/** Width of the sequence part: 36⁴ proposals made by one process within one millisecond. */
const SEQUENCE_WIDTH = 4;

/**
 * A proposal id: the time it was made then the process's count of proposals (base 36, fixed
 * widths, so ids and keys sort by time, and one process's proposals of one millisecond in the
 * order made), then random characters (two processes in one millisecond). Never contains `:`
 * (keys, button ids).
 */
export function proposalId(now: number, sequence: number, random: string): string {
  const time = Math.max(0, Math.floor(now)).toString(36).padStart(TIME_WIDTH, '0');
  const count = (sequence % 36 ** SEQUENCE_WIDTH).toString(36).padStart(SEQUENCE_WIDTH, '0');
  return `${time}${count}${random}`;
}
