import type { Text } from '../../content/text';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { LIMITS } from '../../render/limits';
import { escapeMarkdown } from '../../render/markdown';
import { clip } from '../../render/view';
import type { ReadingPlan, SessionPlace } from './plan';
import { EVENT_HORIZON_MS, type Session } from './sessions';

/** A session's scheduled event as Tribune wants it in Discord's calendar (ISO times). */
export interface SessionEvent {
  readonly name: string;
  readonly description: string;
  readonly startAt: string;
  readonly endAt: string;
  readonly place: SessionPlace;
}

/** What the store holds about a week's event. */
export type EventRecord =
  /** A process is creating it: nobody else may (a dead claimer leaves the week without one). */
  | { readonly state: 'claimed'; readonly by: string; readonly at: string }
  | { readonly state: 'scheduled'; readonly eventId: string; readonly shown: SessionEvent }
  /** Cancelled by Tribune (week skipped, plan paused): a resumed plan creates a new one. */
  | { readonly state: 'cancelled'; readonly eventId: string }
  /** Ended, cancelled or deleted on Discord by a member: left alone. */
  | { readonly state: 'gone'; readonly eventId: string }
  /** Discord refused it (permission, limit): not tried again for this week. */
  | { readonly state: 'failed'; readonly detail: string; readonly at: string };

export type EventAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'create'; readonly event: SessionEvent }
  | {
      readonly kind: 'update';
      readonly eventId: string;
      readonly changes: Partial<SessionEvent>;
      readonly event: SessionEvent;
    }
  | { readonly kind: 'cancel'; readonly eventId: string };

/** Longest section title kept in a description, so the opening line always has room. */
const DESCRIPTION_TITLE_MAX = 200;
/** Longest pointer kept (a text id is at most a few dozen characters; a guard all the same). */
const POINTER_MAX = 300;

/**
 * The event of a week's session: named after the section (or the wrap-up), described by the
 * section's title, its opening line and where to read or discuss it, at the plan's place, within
 * Discord's limits (name 100, description 1,000, location 100 characters).
 */
export function renderSessionEvent(
  plan: ReadingPlan,
  text: Text,
  session: Session,
  place: SessionPlace,
  locale: Locale,
): SessionEvent {
  const { subject } = session;
  const section = subject.kind === 'section' ? text.sections[subject.section - 1] : undefined;
  const title =
    section?.title ?? translate(locale, 'reading.closing.thread', { title: text.title });
  const pointer = clip(
    session.threadId !== undefined
      ? translate(locale, 'sessions.event.thread', { thread: `<#${session.threadId}>` })
      : section !== undefined
        ? translate(locale, 'sessions.event.read', {
            section: section.number,
            text: text.id,
            channel: `<#${plan.channelId}>`,
          })
        : translate(locale, 'sessions.event.channel', { channel: `<#${plan.channelId}>` }),
    POINTER_MAX,
  );
  const heading = `**${clip(escapeMarkdown(title), DESCRIPTION_TITLE_MAX)}**`;
  const opening = section?.paragraphs[0];
  const room = LIMITS.eventDescription - heading.length - pointer.length - 2 * BLOCK.length;
  const description =
    opening === undefined || room < MIN_OPENING
      ? `${heading}${BLOCK}${pointer}`
      : `${heading}${BLOCK}${clip(`> ${escapeMarkdown(firstLine(opening))}`, room)}${BLOCK}${pointer}`;
  return {
    name: clip(title, LIMITS.eventName),
    description,
    startAt: session.startAt.toISOString(),
    endAt: session.endAt.toISOString(),
    place:
      place.kind === 'text'
        ? { kind: 'text', location: clip(place.location, LIMITS.eventLocation) }
        : place,
  };
}

const BLOCK = '\n\n';
/** Below this, an opening line says too little to be worth its clipping. */
const MIN_OPENING = 20;

/** The paragraph's first line, as a quote block holds one (no more than a description holds). */
function firstLine(paragraph: string): string {
  const end = paragraph.indexOf('\n');
  return paragraph
    .slice(0, Math.min(end < 0 ? paragraph.length : end, LIMITS.eventDescription))
    .trim();
}

/**
 * What to do about a week's event: create it once its session is within a week, bring it in line
 * with what it should show, cancel it when the week has no session any more. A session that has
 * started is left as it is (Discord refuses to move its start, and a started event cannot be
 * cancelled); so is an event a member ended or deleted, and a week Discord refused.
 */
export function decideEvent(
  record: EventRecord | undefined,
  desired: SessionEvent | undefined,
  now: Date,
): EventAction {
  const none = { kind: 'none' } as const;
  if (desired === undefined) {
    return record?.state === 'scheduled' && Date.parse(record.shown.startAt) > now.getTime()
      ? { kind: 'cancel', eventId: record.eventId }
      : none;
  }
  const start = Date.parse(desired.startAt);
  if (start <= now.getTime()) return none;
  if (record === undefined || record.state === 'cancelled') {
    return start - now.getTime() <= EVENT_HORIZON_MS ? { kind: 'create', event: desired } : none;
  }
  if (record.state !== 'scheduled' || Date.parse(record.shown.startAt) <= now.getTime()) {
    return none;
  }
  const changes = eventChanges(record.shown, desired);
  return Object.keys(changes).length === 0
    ? none
    : { kind: 'update', eventId: record.eventId, changes, event: desired };
}

/** The fields of `next` that differ from `shown`: what a PATCH sends. */
export function eventChanges(shown: SessionEvent, next: SessionEvent): Partial<SessionEvent> {
  return Object.fromEntries(
    (Object.keys(next) as (keyof SessionEvent)[])
      .filter((key) => JSON.stringify(shown[key]) !== JSON.stringify(next[key]))
      .map((key) => [key, next[key]]),
  );
}

/** When the event of a session is due to be created: a week before it. */
export function eventDueAt(session: Pick<Session, 'startAt'>): number {
  return session.startAt.getTime() - EVENT_HORIZON_MS;
}
