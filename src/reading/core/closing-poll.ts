import type { Text } from '../../content/text';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { POLL_LIMITS, type PollInput, type PollOrigin } from '../../polls/core/poll';
import { sectionHeading } from '../../quotes/attribution';
import { clip } from '../../render/view';
import type { ReadingPlan } from './plan';

/** The closing poll stays open a week: until the group's next meeting. */
export const CLOSING_POLL_DURATION_MS = 7 * 24 * 3_600_000;

/**
 * The poll after the last section, as the poll feature takes it: which of the sections read
 * together to revisit, one option per section (in reading order), open to every member.
 */
export function closingPollInput(input: {
  readonly plan: ReadingPlan;
  readonly text: Text;
  readonly locale: Locale;
}): { readonly origin: PollOrigin; readonly poll: PollInput } {
  const { plan, text, locale } = input;
  const read = [
    ...new Set(
      plan.posts.flatMap((post) => (post.subject.kind === 'section' ? [post.subject.section] : [])),
    ),
  ];
  const options = read
    .map((number) => text.sections[number - 1])
    .filter((section) => section !== undefined)
    .slice(0, POLL_LIMITS.maxOptions)
    .map((section) =>
      clip(sectionHeading({ ...section, editorialTitle: false }, locale), POLL_LIMITS.optionLength),
    );
  return {
    origin: { guildId: plan.guildId, channelId: plan.channelId, creatorId: plan.createdBy, locale },
    poll: {
      question: translate(locale, 'reading.closing.pollQuestion'),
      options,
      duration: CLOSING_POLL_DURATION_MS,
    },
  };
}
