import type { VoteRecord } from './poll';

/**
 * A second click on the same option this soon after the first is a double click, not a change of
 * mind: without this, a double click on an option would vote and then withdraw the vote.
 */
export const DOUBLE_CLICK_MS = 1500;

export type VoteOutcome =
  /** The option was added (multiple choice) or replaced the previous one (single choice). */
  | 'chosen'
  /** The option was one of the member's choices and was removed. */
  | 'removed'
  /** Multiple choice with `maxChoices` options already chosen: nothing changed. */
  | 'limitReached'
  /** A double click: the first click counted, this one changes nothing. */
  | 'repeated';

export interface AppliedVote {
  readonly outcome: VoteOutcome;
  /** The member's choices after this click. */
  readonly choices: readonly number[];
  /** What to store, or undefined when nothing changes. */
  readonly record: VoteRecord | undefined;
}

/**
 * One click on an option. Single choice: a new option replaces the old one, clicking the current
 * one withdraws it. Multiple choice: clicks toggle, up to `maxChoices`.
 */
export function applyVote(
  current: VoteRecord | undefined,
  option: number,
  maxChoices: number,
  now: number,
): AppliedVote {
  const choices = current?.choices ?? [];
  const last = current?.lastClick;
  if (last?.option === option && now >= last.at && now - last.at < DOUBLE_CLICK_MS) {
    return { outcome: 'repeated', choices, record: undefined };
  }
  const change = (outcome: VoteOutcome, next: readonly number[]): AppliedVote => ({
    outcome,
    choices: next,
    record: { choices: next, lastClick: { option, at: now } },
  });
  if (choices.includes(option)) {
    return change(
      'removed',
      choices.filter((choice) => choice !== option),
    );
  }
  if (maxChoices <= 1) return change('chosen', [option]);
  if (choices.length >= maxChoices) return { outcome: 'limitReached', choices, record: undefined };
  return change(
    'chosen',
    [...choices, option].sort((a, b) => a - b),
  );
}
