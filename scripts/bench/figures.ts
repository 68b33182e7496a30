import { median } from './stats';

/** One row of the benchmark table: Tribune's figure, the floor's (if it has one) and a target. */
export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly tribune: number;
  /** Null where the floor has no such figure (it stores nothing, has no data to load). */
  readonly floor: number | null;
  /** What the issue asks for, read against the measured figure. */
  readonly target?: Target;
  /**
   * Tribune / floor as the median of each round's ratio (both measured back to back), which a
   * slow or busy moment of the machine moves less than the ratio of the medians.
   */
  readonly pairedRatio?: number;
}

export type Target =
  | { readonly kind: 'ratio-at-most'; readonly value: number }
  | { readonly kind: 'at-most'; readonly value: number }
  | { readonly kind: 'equals'; readonly value: number };

export function ratio(figure: Figure): number | null {
  if (figure.pairedRatio !== undefined) return figure.pairedRatio;
  // A floor at or below zero (a growth that did not happen) gives no meaningful ratio.
  return figure.floor === null || figure.floor <= 0 ? null : figure.tribune / figure.floor;
}

/** A figure measured in rounds on both subjects: medians, and the median of the rounds' ratios. */
export function fromRounds(
  name: string,
  unit: string,
  rounds: { readonly tribune: readonly number[]; readonly floor: readonly number[] },
  target?: Target,
): Figure {
  const ratios = rounds.tribune.map((value, round) => value / (rounds.floor[round] ?? Number.NaN));
  return {
    name,
    unit,
    tribune: median(rounds.tribune),
    floor: median(rounds.floor),
    pairedRatio: median(ratios),
    ...(target !== undefined && { target }),
  };
}

/** Whether the figure meets its target; undefined when it has none. */
export function meetsTarget(figure: Figure): boolean | undefined {
  const { target } = figure;
  if (target === undefined) return undefined;
  switch (target.kind) {
    case 'ratio-at-most':
      return (ratio(figure) ?? Infinity) <= target.value;
    case 'at-most':
      return figure.tribune <= target.value;
    case 'equals':
      return figure.tribune === target.value;
  }
}

function describeTarget(figure: Figure): string {
  const { target } = figure;
  if (target === undefined) return '';
  const label =
    target.kind === 'ratio-at-most'
      ? `≤ ${target.value} × floor`
      : target.kind === 'at-most'
        ? `≤ ${format(target.value)} ${figure.unit}`
        : `= ${format(target.value)}`;
  return `${label} ${meetsTarget(figure) ? '✅' : '❌'}`;
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Number.isInteger(value) || Math.abs(value) >= 100)
    return Math.round(value).toLocaleString('en');
  return value.toFixed(1);
}

export const withUnit = (value: number, unit: string) =>
  unit ? `${format(value)} ${unit}` : format(value);

/** The Markdown table: one row per figure, with the ratio Tribune / floor and the target. */
export function markdownTable(figures: readonly Figure[]): string {
  return [
    '| figure | Tribune | floor | Tribune / floor | target |',
    '|---|---:|---:|---:|---|',
    ...figures.map((figure) => {
      const share = ratio(figure);
      return `| ${figure.name} | ${withUnit(figure.tribune, figure.unit)} | ${
        figure.floor === null ? '—' : withUnit(figure.floor, figure.unit)
      } | ${share === null ? '—' : share.toFixed(2)} | ${describeTarget(figure)} |`;
    }),
  ].join('\n');
}
