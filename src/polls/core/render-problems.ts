import type { Locale } from '../../i18n/locale';
import { translate, type MessageParams } from '../../i18n/translate';
import { LIMITS } from '../../render/limits';
import { escapeInlineMarkdown } from '../../render/markdown';
import { clip, type MessageView } from '../../render/view';
import type { PollProblem } from './parse-poll-options';

/**
 * What to fix in a poll, one "•" line per problem. `escape` applies to the parameters, which may
 * quote what the member typed (an option, a duration).
 */
export function problemList(
  problems: readonly PollProblem[],
  locale: Locale,
  escape: (text: string) => string = (text) => text,
): string {
  return problems
    .map((problem) => `• ${translate(locale, problem.key, escapeParams(problem.params, escape))}`)
    .join('\n');
}

/** The ephemeral answer to a `/poll create` that cannot be created, every problem listed. */
export function renderPollProblems(problems: readonly PollProblem[], locale: Locale): MessageView {
  const asTyped = (text: string) => escapeInlineMarkdown(text.replace(/\s+/g, ' '));
  return {
    content: clip(
      translate(locale, 'poll.invalid', { problems: problemList(problems, locale, asTyped) }),
      LIMITS.content,
    ),
  };
}

function escapeParams(
  params: MessageParams | undefined,
  escape: (text: string) => string,
): MessageParams {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' ? escape(value) : value,
    ]),
  );
}
