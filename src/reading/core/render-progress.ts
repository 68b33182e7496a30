import type { Text } from '../../content/text';
import type { Locale } from '../../i18n/locale';
import { translate, type MessageKey } from '../../i18n/translate';
import { discordTime } from '../../render/discord-time';
import { LIMITS } from '../../render/limits';
import { escapeMarkdown } from '../../render/markdown';
import { clip, type MessageView } from '../../render/view';
import type { ReadingPlan } from './plan';

/**
 * `/reading progress`, for one member: the weeks posted so far, read or not by their own marks,
 * and what to read next (the first unread week, else the next section when it comes out).
 */
export function renderProgress(
  plan: ReadingPlan,
  text: Text,
  readWeeks: ReadonlySet<string>,
  next: Date | undefined,
  locale: Locale,
): MessageView {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const weeks = plan.posts.flatMap((post) =>
    post.subject.kind === 'section' ? [{ ...post.subject, localDate: post.localDate }] : [],
  );
  const title = (section: number) =>
    escapeMarkdown(text.sections[section - 1]?.title ?? `§${section}`);
  const lines = weeks.map((week) =>
    t(readWeeks.has(week.localDate) ? 'reading.progress.read' : 'reading.progress.unread', {
      week: week.week,
      title: title(week.section),
    }),
  );
  const unread = weeks.find((week) => !readWeeks.has(week.localDate));
  const nextLine =
    weeks.length === 0
      ? t('reading.progress.nothingYet', { date: next === undefined ? '—' : discordTime(next) })
      : unread !== undefined
        ? t('reading.progress.next', {
            section: unread.section,
            text: text.id,
            title: title(unread.section),
          })
        : next !== undefined && plan.nextSection <= text.sections.length
          ? t('reading.progress.upcoming', { date: discordTime(next) })
          : t('reading.progress.allRead');
  const read = weeks.filter((week) => readWeeks.has(week.localDate)).length;
  const summary =
    weeks.length === 0 ? '' : t('reading.progress.summary', { count: read, total: weeks.length });
  return {
    embeds: [
      {
        title: clip(t('reading.progress.title', { title: text.title }), LIMITS.embedTitle),
        description: clip(
          [summary, ...lines, '', nextLine]
            .filter((line, index) => index > 0 || line !== '')
            .join('\n'),
          LIMITS.embedDescription,
        ),
      },
    ],
  };
}
