import { formatList } from '../../i18n/list-format';
import type { Locale } from '../../i18n/locale';
import { translate, type MessageKey } from '../../i18n/translate';
import { discordTime } from '../../render/discord-time';
import { LIMITS } from '../../render/limits';
import { escapeMarkdown } from '../../render/markdown';
import { clip, embedsLength, type EmbedView, type MessageView } from '../../render/view';
import { isClosed, type PollRecord, type Tally } from './poll';
import { leadingOptions, percentOfVoters } from './tally';

const BAR_CELLS = 10;
const OPEN_COLOR = 0x5865f2;
const CLOSED_COLOR = 0x99aab5;
/** A field needs a non-empty value; this one shows as nothing (hidden results). */
const EMPTY_FIELD = '\u200b';

export interface PollEmbedOptions {
  readonly title: MessageKey;
  /** False while a hidden-results poll is open: only the number of voters shows. */
  readonly showCounts: boolean;
}

/**
 * The poll as one embed: question, settings, deadline and voters, then one field per option with
 * a bar, count and percentage, and when counts show, who leads or won (ties named). Fields keep
 * each option within Discord's per-field limits; the only unbounded line, a tie between many long
 * options, is clipped to what is left of the 6000 characters an embed may hold.
 */
export function pollEmbed(
  poll: PollRecord,
  tally: Tally,
  locale: Locale,
  options: PollEmbedOptions,
): EmbedView {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const closed = isClosed(poll);
  const when = closed
    ? t('poll.closedAt', { when: discordTime(poll.closedAt ?? poll.closesAt) })
    : t('poll.closesAt', { when: discordTime(poll.closesAt) });
  const body = [
    escapeMarkdown(poll.question),
    '',
    settingsLine(poll, locale),
    `${when} · ${votersText(tally.voters, locale)}`,
  ].join('\n');
  const embed: EmbedView = {
    title: t(options.title),
    description: body,
    color: closed ? CLOSED_COLOR : OPEN_COLOR,
    fields: poll.options.map((option, index) => ({
      name: clip(escapeMarkdown(optionLabel(index, option)), LIMITS.embedFieldName),
      value: options.showCounts ? resultValue(tally, index, locale) : EMPTY_FIELD,
    })),
  };
  if (!options.showCounts) return embed;
  const outcome = outcomeLine(poll, tally, locale);
  const room = Math.min(
    LIMITS.embedsTotal - embedsLength([embed]),
    LIMITS.embedDescription - body.length,
  );
  return { ...embed, description: `${body}\n${clip(outcome, room - 1)}` };
}

/** Results on their own (ephemeral, or the final results posted at close). */
export function renderResults(
  poll: PollRecord,
  tally: Tally,
  locale: Locale,
  kind: 'current' | 'final',
): MessageView {
  return {
    embeds: [
      pollEmbed(poll, tally, locale, {
        title: kind === 'final' ? 'poll.finalResultsTitle' : 'poll.resultsTitle',
        showCounts: true,
      }),
    ],
  };
}

export function optionLabel(index: number, option: string): string {
  return `${index + 1}. ${option}`;
}

/** "1. Dune, 3. Solaris" in the reader's language, Markdown escaped. */
export function optionList(poll: PollRecord, indices: readonly number[], locale: Locale): string {
  return formatList(
    locale,
    indices.map((index) => optionLabel(index, escapeMarkdown(poll.options[index] ?? '?'))),
  );
}

export function votersText(count: number, locale: Locale): string {
  return translate(locale, 'poll.voters', { count });
}

function settingsLine(poll: PollRecord, locale: Locale): string {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  return [
    poll.maxChoices > 1
      ? t('poll.setting.multiple', { max: poll.maxChoices })
      : t('poll.setting.single'),
    ...(poll.anonymous ? [t('poll.setting.anonymous')] : []),
    ...(poll.results === 'hidden' ? [t('poll.setting.hidden')] : []),
    // A role mention in an embed shows the role's name and never pings.
    ...(poll.roleId !== undefined ? [t('poll.setting.role', { role: `<@&${poll.roleId}>` })] : []),
  ].join(' · ');
}

function resultValue(tally: Tally, index: number, locale: Locale): string {
  const count = tally.counts[index] ?? 0;
  const percent = percentOfVoters(count, tally.voters);
  const filled = Math.round((percent / 100) * BAR_CELLS);
  const bar =
    '█'.repeat(Math.min(filled, BAR_CELLS)) + '░'.repeat(BAR_CELLS - Math.min(filled, BAR_CELLS));
  return translate(locale, 'poll.result', {
    bar,
    count,
    percent: translate(locale, 'poll.percent', { percent }),
  });
}

function outcomeLine(poll: PollRecord, tally: Tally, locale: Locale): string {
  const leaders = leadingOptions(tally);
  const closed = isClosed(poll);
  if (leaders.length === 0) return translate(locale, 'poll.noVotes');
  const options = optionList(poll, leaders, locale);
  if (leaders.length > 1) {
    return translate(locale, closed ? 'poll.tie' : 'poll.tieSoFar', { options });
  }
  return translate(locale, closed ? 'poll.winner' : 'poll.leading', { option: options });
}
