import type { Text } from '../../content/text';
import type { Locale } from '../../i18n/locale';
import { translate, type MessageKey } from '../../i18n/translate';
import { discordTime } from '../../render/discord-time';
import { LIMITS } from '../../render/limits';
import { clip, type MessageView } from '../../render/view';
import { formatLocalTime, weekdayName } from './parse-plan-input';
import { describePlace } from './session-reminder';
import type { Session } from './sessions';
import { formatDuration } from '../../time/parse-duration';
import type {
  MissReason,
  Occurrence,
  PauseReason,
  ReadingPlan,
  SessionSettings,
  WeeklySchedule,
} from './plan';

/** A plan as `/reading status` shows it. */
export interface PlanSummary {
  readonly plan: ReadingPlan;
  /** Undefined when the text is no longer in the library. */
  readonly text: Text | undefined;
  /** The next occurrence, for an active plan. */
  readonly next: Occurrence | undefined;
  /** How many members marked each posted week as read, by the week's local date. */
  readonly reads?: ReadonlyMap<string, number>;
  /** The next session not yet started, for a plan with sessions. */
  readonly session?: Session | undefined;
}

/** Weeks whose read count the status shows: the latest ones. */
const READ_WEEKS_SHOWN = 8;

/** Every plan of a server: channel, text, progress, next date, pause reason, last post, misses. */
export function renderStatus(summaries: readonly PlanSummary[], locale: Locale): MessageView {
  if (summaries.length === 0) return { content: translate(locale, 'reading.status.none') };
  const shown = summaries.slice(0, LIMITS.embedFields);
  const hidden = summaries.length - shown.length;
  return {
    embeds: [
      {
        title: translate(locale, 'reading.status.title'),
        fields: shown.map((summary) => ({
          name: clip(summary.text?.title ?? summary.plan.textId, LIMITS.embedFieldName),
          value: clip(planLines(summary, locale).join('\n'), LIMITS.embedFieldValue),
        })),
        ...(hidden > 0 && { footer: translate(locale, 'reading.status.more', { count: hidden }) }),
      },
    ],
  };
}

/** "every Tuesday at 18:30 (Europe/Paris)". */
export function describeSchedule(schedule: WeeklySchedule, locale: Locale): string {
  return translate(locale, 'reading.schedule', {
    weekday: weekdayName(schedule.weekday, locale),
    time: formatLocalTime(schedule.time),
    zone: schedule.timeZone,
  });
}

/** "Sessions: every Thursday at 19:00 (Europe/Paris), 1 hour, 🔊 #voice, reminder 2 hours before". */
export function describeSessions(
  sessions: SessionSettings,
  timeZone: string,
  locale: Locale,
): string {
  const { place, remindMs } = sessions;
  return translate(locale, 'sessions.started', {
    schedule: describeSchedule({ ...sessions.meeting, timeZone }, locale),
    duration: formatDuration(sessions.durationMs, locale),
    place: place === undefined ? '' : `, ${describePlace(place)}`,
    reminder:
      remindMs === undefined
        ? ''
        : translate(locale, 'sessions.startedReminder', {
            remind: formatDuration(remindMs, locale),
          }),
  });
}

function planLines({ plan, text, next, reads, session }: PlanSummary, locale: Locale): string[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const count = text?.sections.length ?? 0;
  const lines = [`<#${plan.channelId}> · ${describeSchedule(plan, locale)}`];
  if (plan.state === 'finished') lines.push(t('reading.status.finished'));
  else if (plan.nextSection > count) lines.push(t('reading.status.closingNext'));
  else lines.push(t('reading.status.progress', { section: plan.nextSection, count }));
  if (plan.state === 'paused') {
    lines.push(
      t('reading.status.paused', { reason: t(PAUSE_REASONS[plan.pauseReason ?? 'manual']) }),
    );
  } else if (plan.state === 'active' && next !== undefined) {
    lines.push(t('reading.status.next', { date: discordTime(next.at, 'full-relative') }));
  }
  if (session !== undefined) {
    const place = plan.sessions?.place;
    lines.push(
      t('sessions.status.next', {
        date: discordTime(session.startAt, 'full-relative'),
        place: place === undefined ? '' : ` · ${describePlace(place)}`,
      }),
    );
  }
  const last = plan.posts.at(-1);
  if (last !== undefined) {
    lines.push(
      t(last.late ? 'reading.status.lastPostLate' : 'reading.status.lastPost', {
        date: `<t:${Math.floor(Date.parse(last.postedAt) / 1000)}:f>`,
      }),
    );
  }
  const weeks = plan.posts.flatMap((post) =>
    post.subject.kind === 'section'
      ? [
          t('reading.status.readWeek', {
            week: post.subject.week,
            count: reads?.get(post.localDate) ?? 0,
          }),
        ]
      : [],
  );
  if (weeks.length > 0) {
    lines.push(t('reading.status.reads', { weeks: weeks.slice(-READ_WEEKS_SHOWN).join(' · ') }));
  }
  for (const miss of plan.misses.slice(-MISSES_SHOWN)) {
    lines.push(
      t('reading.status.missed', {
        date: `<t:${Math.floor(Date.parse(miss.scheduledAt) / 1000)}:f>`,
        reason: t(MISS_REASONS[miss.reason], { detail: miss.detail ?? '—' }),
      }),
    );
  }
  return lines;
}

const MISSES_SHOWN = 3;

const PAUSE_REASONS: Record<PauseReason, MessageKey> = {
  manual: 'reading.pause.manual',
  'channel-deleted': 'reading.pause.channelDeleted',
  'missing-permission': 'reading.pause.missingPermission',
  'text-missing': 'reading.pause.textMissing',
};

const MISS_REASONS: Record<MissReason, MessageKey> = {
  'too-late': 'reading.miss.tooLate',
  skipped: 'reading.miss.skipped',
  failed: 'reading.miss.failed',
  interrupted: 'reading.miss.interrupted',
  'channel-deleted': 'reading.pause.channelDeleted',
  'missing-permission': 'reading.pause.missingPermission',
  'text-missing': 'reading.pause.textMissing',
};
