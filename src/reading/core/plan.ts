import type { Locale } from '../../i18n/locale';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A wall-clock time. Organisers give minutes; seconds exist so tests can schedule seconds ahead. */
export interface LocalTime {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** When a plan posts: every week on that weekday at that local time in that IANA zone. */
export interface WeeklySchedule {
  readonly weekday: Weekday;
  readonly time: LocalTime;
  readonly timeZone: string;
}

/** One weekly slot of a plan. */
export interface Occurrence {
  /** The instant it is due (after moving a time skipped by daylight saving to the first valid one). */
  readonly at: Date;
  /** Its date in the plan's zone, YYYY-MM-DD: with the plan id, the occurrence's idempotency key. */
  readonly localDate: string;
}

/** What a prompt is about: a section of the text, or the closing prompt after the last one. */
export type PromptSubject =
  | { readonly kind: 'section'; readonly section: number; readonly week: number }
  | { readonly kind: 'closing' };

/** Why a plan stopped posting on its own. `manual` is `/reading pause`. */
export type PauseReason = 'manual' | 'channel-deleted' | 'missing-permission' | 'text-missing';

/** Why an occurrence went by without a prompt. */
export type MissReason =
  | 'too-late'
  | 'skipped'
  | 'failed'
  | 'interrupted'
  | 'channel-deleted'
  | 'missing-permission'
  | 'text-missing';

export interface PostRecord {
  readonly subject: PromptSubject;
  readonly localDate: string;
  /** ISO instants. */
  readonly scheduledAt: string;
  readonly postedAt: string;
  readonly late: boolean;
  readonly messageId: string;
  readonly threadId: string | undefined;
}

export interface MissRecord {
  readonly localDate: string;
  readonly scheduledAt: string;
  readonly reason: MissReason;
  /** When it was given up, ISO. */
  readonly at: string;
  /** A short technical description of a failure, for the organiser. */
  readonly detail?: string;
}

export interface ReadingPlan extends WeeklySchedule {
  readonly id: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly textId: string;
  readonly roleId: string | undefined;
  readonly thread: boolean;
  /** Language of the prompts when the server's own cannot be read at posting time. */
  readonly locale: Locale;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly firstSection: number;
  /** Section the next prompt is about; past the last section, the next prompt is the closing one. */
  readonly nextSection: number;
  readonly state: 'active' | 'paused' | 'finished';
  readonly pauseReason: PauseReason | undefined;
  /**
   * ISO instant: occurrences after it are pending, those at or before it are done (posted, skipped
   * or given up). Moving it forward is how every outcome is applied exactly once.
   */
  readonly anchor: string;
  /** Every prompt posted, in order: the closing recap lists them. */
  readonly posts: readonly PostRecord[];
  /** The most recent occurrences that went by without a prompt (at most MAX_MISSES). */
  readonly misses: readonly MissRecord[];
  /** The weekly discussion, when the organiser gave one; plans stored before it lack it. */
  readonly sessions?: SessionSettings;
}

/**
 * Where a session takes place: a voice or stage channel of the server, or free text (an address,
 * a video link), which Discord shows as an external event's location.
 */
export type SessionPlace =
  | { readonly kind: 'voice' | 'stage'; readonly channelId: string }
  | { readonly kind: 'text'; readonly location: string };

/**
 * Each week's discussion of the section posted that week: the first meeting time at or after the
 * prompt. With a place, Tribune keeps a Discord scheduled event for it; with `remindMs`, it posts
 * a reminder in the week's thread that long before it.
 */
export interface SessionSettings {
  readonly meeting: { readonly weekday: Weekday; readonly time: LocalTime };
  /** Absent: no scheduled events. */
  readonly place?: SessionPlace;
  readonly durationMs: number;
  /** Absent: no reminder. */
  readonly remindMs?: number;
}

export const MAX_MISSES = 10;
