import { translate } from '../../i18n/translate';
import { encodeCustomId } from '../../render/custom-id';
import { LIMITS } from '../../render/limits';
import { clip, type ButtonView, type MessageView } from '../../render/view';
import { isClosed, type PollRecord, type Tally } from './poll';
import { optionLabel, pollEmbed } from './render-results';

/** Custom-id kinds of the poll message's buttons; each id carries the poll id. */
export const POLL_BUTTONS = {
  /** poll:<pollId>:<optionIndex> */
  vote: 'poll',
  /** poll-mine:<pollId> */
  mine: 'poll-mine',
  /** poll-results:<pollId> */
  results: 'poll-results',
  /** poll-close:<pollId> */
  close: 'poll-close',
} as const;

/**
 * The public poll message, in the poll's language: the embed, up to 20 option buttons in rows of
 * five, and a row with "My vote", "Results" and "Close". Once closed every button is disabled.
 */
export function renderPollMessage(poll: PollRecord, tally: Tally): MessageView {
  const closed = isClosed(poll);
  const showCounts = closed || poll.results === 'live';
  const optionButtons = poll.options.map((option, index): ButtonView => ({
    customId: encodeCustomId(POLL_BUTTONS.vote, poll.id, index),
    label: clip(optionLabel(index, option), LIMITS.buttonLabel),
    style: 'primary',
    disabled: closed,
  }));
  const rows: ButtonView[][] = [];
  for (let start = 0; start < optionButtons.length; start += LIMITS.buttonsPerRow) {
    rows.push(optionButtons.slice(start, start + LIMITS.buttonsPerRow));
  }
  const control = (kind: string, label: Parameters<typeof translate>[1]): ButtonView => ({
    customId: encodeCustomId(kind, poll.id),
    label: translate(poll.locale, label),
    style: kind === POLL_BUTTONS.close ? 'danger' : 'secondary',
    disabled: closed,
  });
  rows.push([
    control(POLL_BUTTONS.mine, 'poll.button.mine'),
    control(POLL_BUTTONS.results, 'poll.button.results'),
    control(POLL_BUTTONS.close, 'poll.button.close'),
  ]);
  return {
    embeds: [
      pollEmbed(poll, tally, poll.locale, {
        title: closed ? 'poll.titleClosed' : 'poll.title',
        showCounts,
      }),
    ],
    buttons: rows,
  };
}
