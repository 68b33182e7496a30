import type { ChannelMessenger, ResultsPicture } from './ports';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import type { CoalescedRefresh } from '../time/coalesced-refresh';
import { isClosed, type PollRecord, type Tally } from './core/poll';
import type { Locale } from '../i18n/locale';
import type { FileView } from '../render/view';
import type { PollStore } from './poll-store';
import { renderPollMessage } from './core/render-poll';
import { renderResults } from './core/render-results';
import { pictureFile, pictureOfResults } from './core/results-picture';

export interface PollClosingOptions {
  readonly polls: PollStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly messenger: ChannelMessenger;
  readonly live: CoalescedRefresh;
  /** Draws the final results' chart; without it, results are text only. */
  readonly picture?: ResultsPicture | undefined;
}

/**
 * Closing a poll and keeping its message up to date. Closing happens once across processes
 * (compare-and-set in the store); only the process that closed it posts the final results.
 */
export class PollClosing {
  constructor(private readonly options: PollClosingOptions) {}

  /** Closes an open poll and shows its end; false if it was already closed (or is gone). */
  async close(pollId: string): Promise<boolean> {
    const { polls, clock, logger } = this.options;
    const closed = await polls.close(pollId, clock.now().getTime());
    if (closed === undefined) return false;
    logger.info({ pollId }, 'poll closed');
    await this.finish(closed);
    return true;
  }

  /**
   * Everything after the close itself, each step safe to repeat: the tally frozen and the indexes
   * updated, the message edited (buttons disabled, final counts), then the final results posted,
   * at most once.
   */
  async finish(poll: PollRecord): Promise<void> {
    const { polls, logger, messenger, live } = this.options;
    const settled = await polls.settleClosed(poll);
    await live.now(poll.id);
    if (!(await polls.claimAnnouncement(poll.id))) return;
    const tally = await polls.tally(settled);
    const view = renderResults(settled, tally, poll.locale, 'final');
    const chart =
      settled.chart === false ? undefined : await this.chartOf(settled, tally, poll.locale);
    try {
      await messenger.send(
        poll.channelId,
        chart === undefined ? view : { ...view, files: [chart] },
        { replyTo: poll.messageId },
      );
    } catch (error) {
      logger.warn({ err: error, pollId: poll.id }, 'could not post the final results of a poll');
    }
  }

  /** The results' chart as an attachment; none (the results go out as text) if drawing fails. */
  async chartOf(poll: PollRecord, tally: Tally, locale: Locale): Promise<FileView | undefined> {
    const { picture, logger } = this.options;
    if (picture === undefined) return undefined;
    try {
      return pictureFile(poll, await picture.render(pictureOfResults(poll, tally, locale)));
    } catch (error) {
      logger.warn({ err: error, pollId: poll.id }, 'could not draw the results of a poll');
      return undefined;
    }
  }

  /**
   * Edits the poll message to the state in the store. If the poll closed while an open state was
   * being shown (here or in another process), shows the closed state too, so an edit of an older
   * state never lands last.
   */
  async refreshMessage(pollId: string): Promise<void> {
    const { polls, messenger } = this.options;
    let poll = await polls.get(pollId);
    while (poll !== undefined) {
      await messenger.edit(
        poll.channelId,
        poll.messageId,
        renderPollMessage(poll, await polls.tally(poll)),
      );
      if (isClosed(poll)) return;
      const after = await polls.get(pollId);
      poll = after !== undefined && isClosed(after) ? after : undefined;
    }
  }
}
