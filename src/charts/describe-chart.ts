import { translate, type MessageKey, type MessageParams } from '../i18n/translate';
import { percentOfVoters } from '../polls/core/tally';
import type { ChartInput } from './bar-chart';
import { userCharacters } from './text-layout';

/** Discord's limit for an attachment's description. */
export const DESCRIPTION_LIMIT = 1024;

/** Long enough that most labels still say what they are once clipped. */
const MIN_LABEL = 12;
const SHORT_QUESTION = 120;

/**
 * What the chart shows, as text for screen readers, in the member's language: the question,
 * whether results are final, the number of voters, then every option in the chart's order with
 * its count and percentage. Within 1,024 characters: when it would be longer, the question is
 * shortened (the poll's message has it whole), then labels are clipped, as little as needed, and
 * only if 12 characters each are still too many, the last options are summed up as "and N more".
 */
export function describeChart(input: ChartInput): string {
  const fits = (text: string) => text.length <= DESCRIPTION_LIMIT;
  const prepared: Prepared = {
    input,
    question: clippable(input.question),
    labels: input.options.map((option) => clippable(option.label)),
  };
  const longest = Math.max(0, ...prepared.labels.map((label) => label.text.length));
  const all = input.options.length;
  const whole = describe(prepared, Infinity, longest, all);
  if (fits(whole)) return whole;
  // The longest labels that fit: the length only grows with them, so bisect.
  let low = Math.min(longest, MIN_LABEL);
  let high = longest;
  if (fits(describe(prepared, SHORT_QUESTION, low, all))) {
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(describe(prepared, SHORT_QUESTION, middle, all))) low = middle;
      else high = middle - 1;
    }
    return describe(prepared, SHORT_QUESTION, low, all);
  }
  for (let shown = all - 1; shown > 0; shown -= 1) {
    const text = describe(prepared, SHORT_QUESTION, MIN_LABEL, shown);
    if (fits(text)) return text;
  }
  return clip(clippable(describe(prepared, SHORT_QUESTION, MIN_LABEL, 0)), DESCRIPTION_LIMIT);
}

interface Prepared {
  readonly input: ChartInput;
  readonly question: Clippable;
  readonly labels: readonly Clippable[];
}

function describe(prepared: Prepared, questionMax: number, labelMax: number, shown: number) {
  const { input } = prepared;
  const t = (key: MessageKey, params?: MessageParams) => translate(input.locale, key, params);
  const voters = t('chart.voters', { count: input.voters });
  const sentences = [
    t(input.closed === true ? 'chart.description.final' : 'chart.description.current', {
      question: clip(prepared.question, questionMax),
    }),
    t('chart.description.voters', { voters }),
    ...input.options.slice(0, shown).map((option, index) =>
      t('chart.description.option', {
        number: index + 1,
        label: clip(prepared.labels[index] ?? clippable(''), labelMax),
        count: option.count,
        percent: t('poll.percent', { percent: percentOfVoters(option.count, input.voters) }),
      }),
    ),
  ];
  const hidden = input.options.length - shown;
  if (hidden > 0) sentences.push(t('chart.description.more', { count: hidden }));
  return sentences.join(' ');
}

/** Text on one line, and where each of its characters ends, to clip it between two. */
interface Clippable {
  readonly text: string;
  readonly ends: readonly number[];
}

/** Without line breaks or control characters: a screen reader reads them as noise. */
function clippable(raw: string): Clippable {
  const text = raw
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
  const ends: number[] = [];
  let end = 0;
  for (const character of userCharacters(text)) {
    end += character.length;
    ends.push(end);
  }
  return { text, ends };
}

/** At most `max` UTF-16 units, cut between characters (never inside an emoji), with "…". */
function clip({ text, ends }: Clippable, max: number): string {
  if (text.length <= max) return text;
  const end = ends.findLast((at) => at <= max - 1) ?? 0;
  return `${text.slice(0, end).trimEnd()}…`;
}
