import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { LIMITS } from '../../render/limits';
import { escapeMarkdown } from '../../render/markdown';
import { clip, type MessageView } from '../../render/view';
import type { PollRecord, Tally, VoteRecord } from './poll';
import { percentOfVoters } from './tally';
import { votersText } from './render-results';

/** Individual votes as exported: `undefined` when there are none to show (anonymous or purged). */
export type ExportedVotes = readonly (readonly [voterId: string, vote: VoteRecord])[] | undefined;

/**
 * The CSV export, as an attachment: one row per option with its count and percentage, then, when
 * voters are known (not anonymous, not purged), one row per option and voter id. UTF-8 with a
 * byte-order mark so spreadsheets read accents; cells that a spreadsheet would run as a formula are
 * defused.
 */
export function renderExport(
  poll: PollRecord,
  tally: Tally,
  votes: ExportedVotes,
  locale: Locale,
): MessageView {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const rows: (string | number)[][] = [
    [t('poll.csv.number'), t('poll.csv.option'), t('poll.csv.votes'), t('poll.csv.percent')],
    ...poll.options.map((option, index) => {
      const count = tally.counts[index] ?? 0;
      return [index + 1, option, count, percentOfVoters(count, tally.voters)];
    }),
  ];
  if (votes !== undefined) {
    rows.push([], [t('poll.csv.number'), t('poll.csv.option'), t('poll.csv.voter')]);
    poll.options.forEach((option, index) => {
      for (const [voterId, vote] of votes) {
        if (vote.choices.includes(index)) rows.push([index + 1, option, voterId]);
      }
    });
  }
  const note = poll.anonymous
    ? 'poll.export.anonymous'
    : poll.votesPurgedAt !== undefined
      ? 'poll.export.purged'
      : 'poll.export.withVoters';
  return {
    content: clip(
      [
        translate(locale, 'poll.export.summary', {
          question: escapeMarkdown(poll.question),
          voters: votersText(tally.voters, locale),
        }),
        t(note),
      ].join('\n'),
      LIMITS.content,
    ),
    files: [{ name: `poll-${poll.id}.csv`, contents: `\uFEFF${toCsv(rows)}` }],
  };
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // A cell starting with = + - @ (or a tab/CR) runs as a formula in spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
