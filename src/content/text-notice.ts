import type { textMessages } from '../i18n/texts';
import type { MessageParams } from '../i18n/translate';
import { clip } from '../render/view';
import { MAX_REPORTED_PROBLEMS } from './text-limits';

type TextMessageKey = keyof typeof textMessages;
export type TextErrorKey = Extract<TextMessageKey, `texts.error.${string}`>;
export type TextWarningKey = Extract<TextMessageKey, `texts.warning.${string}`>;

/**
 * A problem or a warning about a text, as a message key and its parameters, so that the command
 * shows it in the member's language and `content:check` in English.
 */
export interface TextNotice<Key extends TextMessageKey> {
  /** 1-based line in the file; undefined for the file as a whole (size, no paragraph…). */
  readonly line: number | undefined;
  readonly key: Key;
  readonly params: MessageParams;
}

export type TextProblem = TextNotice<TextErrorKey>;
export type TextWarning = TextNotice<TextWarningKey>;

/** Thrown to end a parse early; never leaves `collectProblems`. */
class StopParsing extends Error {}

/**
 * The problems of one file, collected rather than thrown one at a time, so that a member fixes
 * them all in one go. Reading stops after `MAX_REPORTED_PROBLEMS`, or at a problem after which
 * reading on would make no sense or cost too much (no front matter, a limit passed).
 */
export class ProblemList {
  readonly problems: TextProblem[] = [];

  report(line: number | undefined, key: TextErrorKey, params: MessageParams = {}): void {
    this.problems.push({ line, key, params });
    if (this.problems.length >= MAX_REPORTED_PROBLEMS) {
      this.problems.push({
        line: undefined,
        key: 'texts.error.tooManyProblems',
        params: { max: MAX_REPORTED_PROBLEMS },
      });
      throw new StopParsing();
    }
  }

  stop(line: number | undefined, key: TextErrorKey, params: MessageParams = {}): never {
    this.problems.push({ line, key, params });
    throw new StopParsing();
  }
}

/** Runs a parse; `value` is what it read, meaningful only when there is no problem. */
export function collectProblems<T>(parse: (problems: ProblemList) => T): {
  value: T | undefined;
  problems: readonly TextProblem[];
} {
  const list = new ProblemList();
  try {
    return { value: parse(list), problems: list.problems };
  } catch (error) {
    if (error instanceof StopParsing) return { value: undefined, problems: list.problems };
    throw error;
  }
}

const EXCERPT_LENGTH = 60;

/** A piece of the file quoted in a problem: short, whatever the file holds. */
export function excerpt(text: string): string {
  return clip(text.trim(), EXCERPT_LENGTH);
}
