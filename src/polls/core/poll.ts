import type { Locale } from '../../i18n/locale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What issue 3 allows a poll to be. Discord's limits are checked where messages are rendered. */
export const POLL_LIMITS = {
  questionLength: 300,
  optionLength: 80,
  minOptions: 2,
  maxOptions: 20,
  minDurationMs: 1000,
  maxDurationMs: 90 * DAY,
  defaultDurationMs: 24 * HOUR,
} as const;

export type ResultsVisibility = 'live' | 'hidden';

/**
 * A poll's settings, each declared here once: what `/poll create` asks, what `validatePoll`
 * checks (the same rules for other features), and, but the duration, what the record keeps.
 */
export interface PollSettings {
  readonly question: string;
  readonly options: readonly string[];
  readonly durationMs: number;
  /** 1 = single choice. */
  readonly maxChoices: number;
  readonly anonymous: boolean;
  readonly results: ResultsVisibility;
  /** Only members with this role may vote. */
  readonly roleId?: string;
  /** The final results come with a bar chart (a picture); records from before it read as true. */
  readonly chart: boolean;
}

/**
 * A poll as typed or passed by another feature, before any check: the settings, all but the
 * question and options optional (defaults apply), the duration as typed.
 */
export type PollInput = Pick<PollSettings, 'question' | 'options'> & {
  readonly [Setting in Exclude<keyof PollSettings, 'question' | 'options' | 'durationMs'>]?:
    PollSettings[Setting] | undefined;
} & {
  /** Milliseconds, or what a member typed (`30m`, `12h`, `3d`); default 24 h. */
  readonly duration?: number | string | undefined;
};

/** Where a poll is posted and by whom: given by the interaction (or the feature posting it). */
export interface PollOrigin {
  readonly guildId: string;
  readonly channelId: string;
  readonly creatorId: string;
  /** Language of the poll message and of the errors. */
  readonly locale: Locale;
}

/** Counts per option (by index) and the number of members who chose at least one. */
export interface Tally {
  readonly counts: readonly number[];
  readonly voters: number;
}

/**
 * `poll:<id>` in the store: the settings (the duration as `closesAt`), where it is, and its state.
 * Closed once `closedAt` is set.
 */
export interface PollRecord extends Omit<PollSettings, 'durationMs' | 'chart'> {
  /** Absent in records from before the setting existed: read as true. */
  readonly chart?: boolean;
  readonly id: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly messageId: string;
  /** The creator's user id; for anonymous polls a keyed hash of it (see `voter-key.ts`). */
  readonly creatorKey: string;
  /** Language of the public poll message (the server's). */
  readonly locale: Locale;
  /** Epoch milliseconds, like every time below. */
  readonly createdAt: number;
  readonly closesAt: number;
  readonly closedAt?: number;
  /** Frozen at close, so results outlive the purge of individual votes. */
  readonly finalTally?: Tally;
  /** Set (once, by compare-and-set) by the process that posts the final results. */
  readonly announced?: boolean;
  readonly votesPurgedAt?: number;
}

/** `vote:<pollId>:<voterKey>`: one member's current choices (option indices, ascending). */
export interface VoteRecord {
  readonly choices: readonly number[];
  /** The last change, to recognise a double click. */
  readonly lastClick?: { readonly option: number; readonly at: number };
}

export function isClosed(poll: Pick<PollRecord, 'closedAt'>): boolean {
  return poll.closedAt !== undefined;
}
