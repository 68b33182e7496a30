import { fold } from '../../content/fold';
import type { MessageKey, MessageParams } from '../../i18n/translate';
import { parseDuration } from '../../time/parse-duration';
import { POLL_LIMITS, type PollInput, type PollSettings } from './poll';

/** One thing to fix in a poll, as a message key of `src/i18n/polls.ts`. */
export interface PollProblem {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export type PollValidation =
  | { readonly ok: true; readonly settings: PollSettings }
  | { readonly ok: false; readonly problems: readonly PollProblem[] };

/** Options typed in one text, separated by `;` or `|`; blanks around them and empty ones dropped. */
export function splitOptions(text: string): string[] {
  return text
    .split(/[;|]/)
    .map((option) => option.trim())
    .filter((option) => option !== '');
}

/**
 * Checks a poll against issue 3's rules and lists every problem at once, so a member fixes
 * everything in one go. `anonymousAvailable` is false when the host has no `POLL_SECRET`.
 */
export function validatePoll(
  input: PollInput,
  environment: { readonly anonymousAvailable: boolean },
): PollValidation {
  const problems: PollProblem[] = [];
  const question = input.question.trim();
  const options = input.options.map((option) => option.trim());
  const { questionLength, optionLength, minOptions, maxOptions } = POLL_LIMITS;

  if (question === '') problems.push({ key: 'poll.problem.questionEmpty' });
  else if (question.length > questionLength) {
    problems.push({
      key: 'poll.problem.questionTooLong',
      params: { length: question.length, max: questionLength },
    });
  }

  if (options.length < minOptions) {
    problems.push({
      key: 'poll.problem.tooFewOptions',
      params: { count: options.length, min: minOptions },
    });
  } else if (options.length > maxOptions) {
    problems.push({
      key: 'poll.problem.tooManyOptions',
      params: { count: options.length, max: maxOptions },
    });
  }
  options.forEach((option, index) => {
    if (option === '') {
      problems.push({ key: 'poll.problem.optionEmpty', params: { number: index + 1 } });
    } else if (option.length > optionLength) {
      problems.push({
        key: 'poll.problem.optionTooLong',
        params: { number: index + 1, length: option.length, max: optionLength },
      });
    }
  });
  const duplicates = duplicateOptions(options);
  if (duplicates.length > 0) {
    problems.push({
      key: 'poll.problem.duplicateOptions',
      params: { options: duplicates.map((option) => `“${option}”`).join(', ') },
    });
  }

  const durationMs = checkDuration(input.duration, problems);

  const maxChoices = input.maxChoices ?? 1;
  if (!Number.isInteger(maxChoices) || maxChoices < 1) {
    problems.push({ key: 'poll.problem.maxChoicesTooLow' });
  } else if (maxChoices > options.length && options.length >= minOptions) {
    problems.push({
      key: 'poll.problem.maxChoicesTooHigh',
      params: { maxChoices, count: options.length },
    });
  }

  const anonymous = input.anonymous ?? false;
  if (anonymous && !environment.anonymousAvailable) {
    problems.push({ key: 'poll.problem.anonymousUnavailable' });
  }

  if (problems.length > 0 || durationMs === undefined) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      question,
      options,
      durationMs,
      maxChoices,
      anonymous,
      results: input.results ?? 'live',
      ...(input.roleId !== undefined && { roleId: input.roleId }),
      chart: input.chart ?? true,
    },
  };
}

/** Options that appear more than once, compared as readers would (case and accents ignored). */
function duplicateOptions(options: readonly string[]): string[] {
  const seen = new Map<string, string>();
  const duplicates = new Set<string>();
  for (const option of options) {
    const folded = fold(option);
    if (folded === '') continue;
    const first = seen.get(folded);
    if (first === undefined) seen.set(folded, option);
    else duplicates.add(first);
  }
  return [...duplicates];
}

function checkDuration(
  duration: number | string | undefined,
  problems: PollProblem[],
): number | undefined {
  if (duration === undefined) return POLL_LIMITS.defaultDurationMs;
  const durationMs = typeof duration === 'number' ? duration : parseDuration(duration);
  const shown = typeof duration === 'number' ? `${duration} ms` : duration.trim();
  if (durationMs === undefined || !Number.isFinite(durationMs)) {
    problems.push({ key: 'poll.problem.durationInvalid', params: { duration: shown } });
    return undefined;
  }
  if (durationMs < POLL_LIMITS.minDurationMs) {
    problems.push({ key: 'poll.problem.durationTooShort', params: { duration: shown } });
    return undefined;
  }
  if (durationMs > POLL_LIMITS.maxDurationMs) {
    problems.push({
      key: 'poll.problem.durationTooLong',
      params: { duration: shown, max: POLL_LIMITS.maxDurationMs / 86_400_000 },
    });
    return undefined;
  }
  return Math.round(durationMs);
}
