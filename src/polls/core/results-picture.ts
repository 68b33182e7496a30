import type { Locale } from '../../i18n/locale';
import type { PictureOfResults } from '../ports';
import type { FileView } from '../../render/view';
import type { PollRecord, Tally } from './poll';

/** What the chart shows of a poll: the same counts as the text results, nothing more. */
export function pictureOfResults(poll: PollRecord, tally: Tally, locale: Locale): PictureOfResults {
  return {
    question: poll.question,
    options: poll.options.map((label, index) => ({ label, count: tally.counts[index] ?? 0 })),
    voters: tally.voters,
    closed: poll.closedAt !== undefined,
    locale,
  };
}

/** The chart as an attachment, with its description for screen readers. */
export function pictureFile(
  poll: PollRecord,
  picture: { png: Uint8Array; description: string },
): FileView {
  return { name: `poll-${poll.id}.png`, contents: picture.png, description: picture.description };
}
