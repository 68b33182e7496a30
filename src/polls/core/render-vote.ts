import { formatList } from '../../i18n/list-format';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { LIMITS } from '../../render/limits';
import type { MessageView } from '../../render/view';
import type { AppliedVote } from './apply-vote';
import type { PollRecord } from './poll';
import { optionList } from './render-results';

/**
 * The ephemeral answer to a click on an option: the member's vote as now stored, and, when the
 * click took an option back, that it did (a withdrawn vote must not look like a lost one).
 */
export function renderVoteReply(poll: PollRecord, vote: AppliedVote, locale: Locale): MessageView {
  if (vote.outcome === 'limitReached') {
    return withChoices(poll, vote.choices, locale, (choices) =>
      translate(locale, 'poll.vote.limit', { max: poll.maxChoices, choices }),
    );
  }
  const removed = vote.outcome === 'removed' ? vote.record?.lastClick?.option : undefined;
  if (removed === undefined) return renderMyVote(poll, vote.choices, locale);
  const withdrawn = translate(locale, 'poll.vote.withdrawn', {
    choices: optionList(poll, [removed], locale),
  });
  if (vote.choices.length === 0) {
    return withChoices(poll, [], locale, () =>
      [
        withdrawn,
        `${translate(locale, 'poll.vote.none')} ${translate(locale, 'poll.vote.again')}`,
      ].join('\n'),
    );
  }
  return withChoices(poll, vote.choices, locale, (list) =>
    [withdrawn, ...yourVoteLines(poll, list, locale)].join('\n'),
  );
}

/** "Your vote: …" with how to change it, or that the member has no vote (any more). */
export function renderMyVote(
  poll: PollRecord,
  choices: readonly number[],
  locale: Locale,
): MessageView {
  if (choices.length === 0) {
    return withChoices(poll, choices, locale, () => translate(locale, 'poll.vote.none'));
  }
  return withChoices(poll, choices, locale, (list) => yourVoteLines(poll, list, locale).join('\n'));
}

function yourVoteLines(poll: PollRecord, list: string, locale: Locale): string[] {
  return [
    translate(locale, 'poll.vote.yours', { choices: list }),
    poll.maxChoices > 1
      ? translate(locale, 'poll.vote.hintMultiple', { max: poll.maxChoices })
      : translate(locale, 'poll.vote.hintSingle'),
  ];
}

/**
 * The text built around the chosen options, named; if twenty long options would overflow a
 * message, they are named by number only.
 */
function withChoices(
  poll: PollRecord,
  choices: readonly number[],
  locale: Locale,
  build: (choices: string) => string,
): MessageView {
  const note = poll.anonymous ? `\n${translate(locale, 'poll.vote.anonymousNote')}` : '';
  const named = build(optionList(poll, choices, locale)) + note;
  if (named.length <= LIMITS.content) return { content: named };
  const numbers = formatList(
    locale,
    choices.map((index) => String(index + 1)),
  );
  return { content: build(numbers) + note };
}
