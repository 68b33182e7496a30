import type { Locale } from '../i18n/locale';
import { translate, type MessageKey, type MessageParams } from '../i18n/translate';
import { percentOfVoters } from '../polls/core/tally';
import { fitLine, textWidth, wrapLines } from './text-layout';
import { PALETTES, type ChartTheme } from './theme';
import type { FontMetrics } from './ttf';
import { escapeXml } from './xml';

export interface ChartOption {
  readonly label: string;
  readonly count: number;
}

/** A poll's results as the chart shows them; nothing in it is specific to Discord. */
export interface ChartInput {
  readonly question: string;
  readonly options: readonly ChartOption[];
  /** Members who chose at least one option: percentages are shares of them. */
  readonly voters: number;
  /** Final results rather than results so far. */
  readonly closed?: boolean;
  readonly locale: Locale;
  readonly theme: ChartTheme;
}

/** The one font every piece of text is drawn and measured with. */
export interface ChartFace {
  readonly family: string;
  readonly metrics: FontMetrics;
}

export interface ChartSvg {
  readonly svg: string;
  /** Every character drawn, for a font cut down to them. */
  readonly characters: string;
  readonly width: number;
  readonly height: number;
}

const WIDTH = 800;
const PADDING = 24;
const INNER = WIDTH - 2 * PADDING;
const TITLE = { size: 22, line: 28, maxLines: 3, gap: 14 } as const;
const ROW = { size: 16, pitch: 44, barTop: 24, bar: 10, minBar: 3 } as const;
const MAX_OPTIONS = 25;
const FOOTER = { size: 14, gap: 6, line: 20 } as const;

/** Tribune allows 20 options of 80 characters (`POLL_LIMITS`); the chart has room for 25. */
export const CHART_LIMITS = {
  maxOptions: MAX_OPTIONS,
  width: WIDTH,
  maxHeight:
    2 * PADDING +
    TITLE.maxLines * TITLE.line +
    TITLE.gap +
    MAX_OPTIONS * ROW.pitch +
    FOOTER.gap +
    FOOTER.line,
} as const;

/**
 * The results as an SVG card: the question as a title (wrapped, at most three lines, ellipsised),
 * one row per option (its number, its label ellipsised to what is left, its count and percentage
 * of voters, then a bar of that share), and a footer with the number of voters and whether the
 * results are final. Percentages are rounded as in the text results (`percentOfVoters`: to the
 * nearest whole percent, halves up; with multiple choice they can add up to more than 100), and a
 * bar shows the exact share, with a few pixels for any vote at all. Every user string is made
 * drawable by the font (see `text-layout.ts`), measured so that it fits, then escaped.
 */
export function barChartSvg(input: ChartInput, face: ChartFace): ChartSvg {
  checkInput(input);
  const palette = PALETTES[input.theme];
  const font = face.metrics;
  const t = (key: MessageKey, params?: MessageParams) => translate(input.locale, key, params);

  const drawn: string[] = [];
  const text = (
    x: number,
    baseline: number,
    size: number,
    fill: string,
    content: string,
    anchor: 'start' | 'end' = 'start',
  ) => {
    drawn.push(content);
    return textElement(x, baseline, size, fill, content, anchor);
  };
  const titleLines = wrapLines(input.question, INNER, TITLE.size, TITLE.maxLines, font);
  const parts: string[] = [];
  let y = PADDING;
  for (const line of titleLines) {
    parts.push(text(PADDING, y + TITLE.size, TITLE.size, palette.text, line));
    y += TITLE.line;
  }
  if (titleLines.length > 0) y += TITLE.gap;

  const numberWidth = textWidth(`${input.options.length}.`, ROW.size, font);
  const labelX = PADDING + numberWidth + ROW.size / 2;
  for (const [index, option] of input.options.entries()) {
    const baseline = y + ROW.size;
    const value = t('chart.bar.value', {
      count: option.count,
      percent: t('poll.percent', { percent: percentOfVoters(option.count, input.voters) }),
    });
    const valueWidth = textWidth(value, ROW.size, font);
    const labelRoom = WIDTH - PADDING - valueWidth - ROW.size - labelX;
    const label = fitLine(option.label, labelRoom, ROW.size, font);
    parts.push(
      text(PADDING, baseline, ROW.size, palette.muted, `${index + 1}.`),
      text(labelX, baseline, ROW.size, palette.text, label),
      text(WIDTH - PADDING, baseline, ROW.size, palette.text, value, 'end'),
      bar(PADDING, y + ROW.barTop, INNER, palette.track),
    );
    const share = input.voters === 0 ? 0 : Math.min(1, option.count / input.voters);
    if (share > 0) {
      parts.push(bar(PADDING, y + ROW.barTop, Math.max(ROW.minBar, share * INNER), palette.bar));
    }
    y += ROW.pitch;
  }

  const voters = t('chart.voters', { count: input.voters });
  const status = t(input.closed === true ? 'chart.status.final' : 'chart.status.current');
  const footer = fitLine(t('chart.footer', { voters, status }), INNER, FOOTER.size, font);
  y += FOOTER.gap;
  parts.push(text(PADDING, y + FOOTER.size, FOOTER.size, palette.muted, footer));
  const height = y + FOOTER.line + PADDING;

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${escapeXml(face.family)}">`,
    `<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${height - 1}" rx="12" fill="${palette.card}" stroke="${palette.border}"/>`,
    ...parts,
    '</svg>',
  ].join('');
  return { svg, characters: drawn.join(''), width: WIDTH, height };
}

function textElement(
  x: number,
  baseline: number,
  size: number,
  fill: string,
  content: string,
  anchor: 'start' | 'end',
): string {
  const align = anchor === 'end' ? ' text-anchor="end"' : '';
  return `<text x="${x}" y="${baseline}" font-size="${size}" fill="${fill}"${align}>${escapeXml(content)}</text>`;
}

function bar(x: number, top: number, width: number, fill: string): string {
  const radius = Math.min(ROW.bar, width) / 2;
  return `<rect x="${x}" y="${top}" width="${round(width)}" height="${ROW.bar}" rx="${round(radius)}" fill="${fill}"/>`;
}

const round = (value: number) => Math.round(value * 100) / 100;

function checkInput(input: ChartInput): void {
  if (input.options.length > CHART_LIMITS.maxOptions) {
    throw new RangeError(`A chart holds at most ${CHART_LIMITS.maxOptions} options`);
  }
  const counts = [input.voters, ...input.options.map((option) => option.count)];
  if (!counts.every((count) => Number.isSafeInteger(count) && count >= 0)) {
    throw new RangeError('Counts and voters must be whole numbers, 0 or more');
  }
}
