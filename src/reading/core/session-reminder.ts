import type { Text } from '../../content/text';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { discordTime } from '../../render/discord-time';
import { escapeMarkdown } from '../../render/markdown';
import { clip, type MessageView } from '../../render/view';
import type { DuePolicy } from './due-occurrences';
import type { ReadingPlan, SessionPlace } from './plan';
import { sessionOf, type Session } from './sessions';

/** What the store holds about a week's reminder: claimed before posting, so it goes out once. */
export type ReminderRecord =
  | { readonly state: 'claimed'; readonly by: string; readonly at: string }
  | { readonly state: 'posted'; readonly messageId: string; readonly at: string }
  | { readonly state: 'skipped'; readonly reason: ReminderSkip; readonly at: string };

/** Why a reminder was not posted: too late after a downtime, or the session had begun. */
export type ReminderSkip = 'too-late' | 'started' | 'failed';

export type ReminderDecision =
  /** Nothing to remind of: no reminder set, the week went by without a prompt, the plan changed. */
  | { readonly kind: 'drop' }
  /** Not yet: before its time, or its prompt (and thread) is due but not out yet. */
  | { readonly kind: 'wait' }
  | { readonly kind: 'skip'; readonly reason: ReminderSkip }
  | { readonly kind: 'post'; readonly session: Session };

/** When a week's reminder is due: `remindMs` before its session. */
export function reminderAt(session: Pick<Session, 'startAt'>, remindMs: number): number {
  return session.startAt.getTime() - remindMs;
}

/**
 * Whether the reminder of the week dated `localDate` goes out now. It goes in the thread its
 * prompt opened, so it waits for the prompt; it is skipped once the session has begun, or when it
 * is later than the grace allows (Tribune was down), like a prompt.
 */
export function decideReminder(
  plan: ReadingPlan,
  localDate: string,
  sectionCount: number,
  now: Date,
  policy: DuePolicy,
): ReminderDecision {
  const remindMs = plan.sessions?.remindMs;
  const session = sessionOf(plan, localDate, sectionCount);
  if (remindMs === undefined || session === undefined) return { kind: 'drop' };
  const lateBy = now.getTime() - reminderAt(session, remindMs);
  if (now.getTime() >= session.startAt.getTime()) return { kind: 'skip', reason: 'started' };
  if (lateBy > Math.max(policy.graceMs, policy.onTimeMs)) {
    return { kind: 'skip', reason: 'too-late' };
  }
  if (lateBy < 0 || !session.posted) return { kind: 'wait' };
  return { kind: 'post', session };
}

/**
 * "⏰ The discussion of “…” starts <time> · 🔊 #voice": pinging the plan's role only, showing
 * the session's time in each reader's zone.
 */
export function renderReminder(
  plan: ReadingPlan,
  text: Text,
  session: Session,
  locale: Locale,
): MessageView {
  const { subject } = session;
  const title =
    subject.kind === 'section'
      ? (text.sections[subject.section - 1]?.title ?? `§${subject.section}`)
      : translate(locale, 'reading.closing.thread', { title: text.title });
  const place = plan.sessions?.place;
  const body = translate(locale, 'sessions.reminder', {
    title: clip(escapeMarkdown(title), TITLE_MAX),
    time: discordTime(session.startAt, 'full-relative'),
    place: place === undefined ? '' : ` · ${describePlace(place)}`,
  });
  return {
    content: plan.roleId === undefined ? body : `<@&${plan.roleId}> ${body}`,
    pingRoles: plan.roleId === undefined ? [] : [plan.roleId],
  };
}

/** A section title in a reminder: well within a message's 2,000 characters with the rest. */
const TITLE_MAX = 300;

/** "🔊 <#channel>" or "📍 Café des Lilas". */
export function describePlace(place: SessionPlace): string {
  return place.kind === 'text'
    ? `📍 ${escapeMarkdown(place.location)}`
    : `🔊 <#${place.channelId}>`;
}
