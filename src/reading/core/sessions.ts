import { UserError } from '../../errors/user-error';
import { LIMITS } from '../../render/limits';
import { parseDuration } from '../../time/parse-duration';
import { nextSubject, pendingOccurrence } from './due-occurrences';
import { nextOccurrence } from './next-occurrence';
import { parseTime, parseWeekday } from './parse-plan-input';
import type {
  LocalTime,
  PromptSubject,
  ReadingPlan,
  SessionPlace,
  SessionSettings,
  WeeklySchedule,
} from './plan';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** A session lasts an hour unless the organiser says otherwise. */
export const DEFAULT_SESSION_MS = HOUR;
export const SESSION_DURATION_RANGE = { min: 5 * MINUTE, max: DAY } as const;
export const REMINDER_RANGE = { min: 5 * MINUTE, max: 6 * DAY } as const;
/** A session's scheduled event exists from a week before it (Discord lists at most 100 a server). */
export const EVENT_HORIZON_MS = WEEK;

/** What `/reading start` was given about the sessions, as typed. */
export interface SessionInput {
  readonly meeting: string | null;
  /** A voice or stage channel picked in the channel option. */
  readonly placeChannel: Extract<SessionPlace, { channelId: string }> | undefined;
  /** Free text: an address, a video link. */
  readonly placeText: string | null;
  readonly duration: string | null;
  readonly remind: string | null;
}

/**
 * The plan's sessions from the options of `/reading start`; undefined when none was given (the
 * plan then has no events and no reminders). Every mistake is a `UserError` naming what to write.
 */
export function parseSessions(
  input: SessionInput,
  schedule: WeeklySchedule,
): SessionSettings | undefined {
  const given = [input.meeting, input.placeText, input.duration, input.remind].some(
    (value) => value !== null,
  );
  if (!given && input.placeChannel === undefined) return undefined;
  const meeting =
    input.meeting === null
      ? { weekday: schedule.weekday, time: schedule.time }
      : parseMeeting(input.meeting, schedule);
  const place = parsePlace(input.placeChannel, input.placeText);
  const durationMs =
    input.duration === null
      ? DEFAULT_SESSION_MS
      : parseInRange(input.duration, SESSION_DURATION_RANGE, 'sessions.badDuration');
  const remindMs =
    input.remind === null
      ? undefined
      : parseInRange(input.remind, REMINDER_RANGE, 'sessions.badRemind');
  if (remindMs !== undefined && remindMs >= meetingGapMs(schedule, meeting)) {
    // The reminder goes in the week's thread, which the prompt opens: it must come after it.
    throw new UserError('sessions.remindBeforePrompt', { remind: input.remind?.trim() ?? '' });
  }
  return {
    meeting,
    ...(place !== undefined && { place }),
    durationMs,
    ...(remindMs !== undefined && { remindMs }),
  };
}

/**
 * "jeudi 19:00", "Thursday 19:00", or one of the two ("20:00": the prompt's day; "jeudi": the
 * prompt's time). Weekdays and times are read as for the prompt's own.
 */
export function parseMeeting(
  input: string,
  schedule: Pick<WeeklySchedule, 'weekday' | 'time'>,
): SessionSettings['meeting'] {
  const words = input.trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  const hasTime = /\d/.test(last);
  const dayWords = hasTime ? words.slice(0, -1) : words;
  try {
    return {
      weekday: dayWords.length === 0 ? schedule.weekday : parseWeekday(dayWords.join(' ')),
      time: hasTime ? parseTime(last) : schedule.time,
    };
  } catch {
    throw new UserError('sessions.badMeeting', { input: input.trim() });
  }
}

function parsePlace(
  channel: SessionInput['placeChannel'],
  text: string | null,
): SessionPlace | undefined {
  if (channel !== undefined && text !== null) throw new UserError('sessions.twoPlaces');
  if (channel !== undefined) return channel;
  if (text === null) return undefined;
  const location = text.trim().replace(/\s+/g, ' ');
  if (location === '' || location.length > LIMITS.eventLocation) {
    throw new UserError('sessions.badPlace', { max: LIMITS.eventLocation });
  }
  return { kind: 'text', location };
}

function parseInRange(
  input: string,
  range: { readonly min: number; readonly max: number },
  key: 'sessions.badDuration' | 'sessions.badRemind',
): number {
  const ms = parseDuration(input);
  if (ms === undefined || ms < range.min || ms > range.max) {
    throw new UserError(key, { input: input.trim() });
  }
  return ms;
}

/** Wall-clock time from the prompt to the meeting within the week: 0 when they coincide. */
export function meetingGapMs(
  schedule: Pick<WeeklySchedule, 'weekday' | 'time'>,
  meeting: SessionSettings['meeting'],
): number {
  const inWeek = (weekday: number, time: LocalTime) =>
    (weekday - 1) * DAY + time.hour * HOUR + time.minute * MINUTE + time.second * 1000;
  return (
    (((inWeek(meeting.weekday, meeting.time) - inWeek(schedule.weekday, schedule.time)) % WEEK) +
      WEEK) %
    WEEK
  );
}

/** A week's session starts at the first meeting time at or after its prompt's time. */
export function sessionStart(
  plan: Pick<ReadingPlan, 'timeZone'>,
  settings: SessionSettings,
  promptAt: Date,
): Date {
  return nextOccurrence(
    { ...settings.meeting, timeZone: plan.timeZone },
    new Date(promptAt.getTime() - 1),
  ).at;
}

/** One week's session: when, about what, and the thread its prompt opened (once posted). */
export interface Session {
  /** The prompt's local date: with the plan id, the week's key. */
  readonly localDate: string;
  readonly promptAt: Date;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly subject: PromptSubject;
  readonly posted: boolean;
  readonly threadId: string | undefined;
}

/**
 * The session of the week whose prompt is dated `localDate`: a posted week, or the pending one of
 * an active plan. Undefined for a week that went by without a prompt (skipped, missed) or not yet
 * due, and for a plan without sessions.
 */
export function sessionOf(
  plan: ReadingPlan,
  localDate: string,
  sectionCount: number,
): Session | undefined {
  const settings = plan.sessions;
  if (settings === undefined) return undefined;
  const post = plan.posts.find((entry) => entry.localDate === localDate);
  const pending = plan.state === 'active' ? pendingOccurrence(plan) : undefined;
  const week =
    post !== undefined
      ? {
          promptAt: new Date(post.scheduledAt),
          subject: post.subject,
          posted: true,
          threadId: post.threadId,
        }
      : pending?.localDate === localDate
        ? {
            promptAt: pending.at,
            subject: nextSubject(plan, sectionCount),
            posted: false,
            threadId: undefined,
          }
        : undefined;
  if (week === undefined) return undefined;
  const startAt = sessionStart(plan, settings, week.promptAt);
  return { localDate, ...week, startAt, endAt: new Date(startAt.getTime() + settings.durationMs) };
}

/**
 * The weeks whose session may need Tribune's attention after the plan changed: its last post
 * (its session may still be ahead), its last miss (a skipped week's event is cancelled) and its
 * pending week (the next to post; paused, its event is cancelled). Earlier sessions are over.
 */
export function weeksToFollow(plan: ReadingPlan): string[] {
  const weeks = [
    plan.posts.at(-1)?.localDate,
    plan.misses.at(-1)?.localDate,
    pendingOccurrence(plan).localDate,
  ];
  return [...new Set(weeks.filter((week) => week !== undefined))];
}

/** The plan's next session not yet started, for `/reading status`. */
export function nextSession(
  plan: ReadingPlan,
  sectionCount: number,
  now: Date,
): Session | undefined {
  return weeksToFollow(plan)
    .map((week) => sessionOf(plan, week, sectionCount))
    .filter((session): session is Session => session !== undefined && session.startAt > now)
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime())[0];
}
