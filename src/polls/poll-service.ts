import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config';
import { UserError } from '../errors/user-error';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../log/logger';
import { discordTime } from '../render/discord-time';
import type { MessageView } from '../render/view';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { DeadlineTimers } from '../time/deadline-timers';
import { applyVote, type AppliedVote } from './core/apply-vote';
import { CoalescedRefresh } from '../time/coalesced-refresh';
import { validatePoll, type PollValidation } from './core/parse-poll-options';
import {
  isClosed,
  type PollInput,
  type PollOrigin,
  type PollRecord,
  type PollSettings,
  type VoteRecord,
} from './core/poll';
import { canManage, canSeeResults, type PollActor } from './core/poll-access';
import { PollClosing } from './poll-closing';
import { PollQueries } from './poll-queries';
import { PollStore } from './poll-store';
import { ChannelUnavailableError, type ChannelMessenger, type ResultsPicture } from './ports';
import { SharedReads } from './shared-reads';
import { renderPollMessage } from './core/render-poll';
import { problemList } from './core/render-problems';
import { renderResults } from './core/render-results';
import { renderMyVote, renderVoteReply } from './core/render-vote';
import { creatorKey, voterKey } from './core/voter-key';

export interface PollServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Pick<Config, 'POLL_SECRET' | 'POLL_RETENTION_DAYS'>;
  /** Posting and editing poll messages (used once background work has started). */
  readonly messenger: ChannelMessenger;
  /** Draws results as a chart; without it, results are text only. */
  readonly picture?: ResultsPicture | undefined;
  /** Least time between two edits of one poll message. */
  readonly liveEditIntervalMs?: number;
  /** How often votes past retention are looked for (besides at start). */
  readonly purgeIntervalMs?: number;
  /**
   * The servers whose deadlines and purges this process handles (those of its shards); default:
   * every server. Each poll's closing is claimed in the store, so two owners never close it twice.
   */
  readonly ownsGuild?: (guildId: string) => boolean;
}

const DAY_MS = 86_400_000;

/**
 * Polls (issue 3): creating and posting, votes, results, export, closing by hand or at the
 * deadline, and the retention purge. Other features post polls through `createAndPost`. As a
 * `Lifecycle`, it re-arms every open poll's deadline on start (closing at once those that passed
 * while the bot was down) and, on stop, clears timers and shows the last state of every poll.
 */
export class PollService implements Lifecycle {
  readonly name = 'polls';
  private readonly polls: PollStore;
  private readonly queries: PollQueries;
  private readonly closing: PollClosing;
  private readonly deadlines: DeadlineTimers;
  private readonly live: CoalescedRefresh;
  private readonly running = new Set<Promise<unknown>>();
  /**
   * Poll records read by votes, shared by the votes of a burst. Before its write, a vote may use
   * a record read up to a second ago (an open poll: closing is final, and the read after the write
   * decides); a missing poll is read again, as it may be one being created.
   */
  private readonly pollReads = new SharedReads<PollRecord | undefined>({
    maxAgeMs: 1000,
    keep: (poll) => poll !== undefined,
  });
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PollServiceOptions) {
    const { store, clock, logger } = options;
    this.polls = new PollStore(store);
    this.live = new CoalescedRefresh(
      (pollId) => this.closing.refreshMessage(pollId),
      options.liveEditIntervalMs ?? 3000,
      (pollId, error) => {
        logger.warn({ err: error, pollId }, 'could not update a poll message');
      },
    );
    this.closing = new PollClosing({
      polls: this.polls,
      clock,
      logger,
      messenger: options.messenger,
      live: this.live,
      picture: options.picture,
    });
    this.deadlines = new DeadlineTimers(clock, (pollId) => {
      void this.track(this.closing.close(pollId));
    });
    this.queries = new PollQueries(this.polls);
  }

  get anonymousAvailable(): boolean {
    return this.options.config.POLL_SECRET !== undefined;
  }

  /** Checks a poll with the rules of `/poll create`, with this host's configuration. */
  validate(input: PollInput): PollValidation {
    return validatePoll(input, { anonymousAvailable: this.anonymousAvailable });
  }

  /** The settings of a valid poll; else a `UserError` listing every problem, in `locale`. */
  check(input: PollInput, locale: Locale): PollSettings {
    const result = this.validate(input);
    if (result.ok) return result.settings;
    throw new UserError('poll.invalid', { problems: problemList(result.problems, locale) });
  }

  /**
   * Posts a poll in a channel and stores it; nothing is stored if it cannot be posted. `settings`
   * are what `validate` or `check` returned.
   */
  async createAndPost(
    input: PollOrigin,
    settings: PollSettings,
  ): Promise<{ pollId: string; messageId: string }> {
    const { POLL_SECRET: secret } = this.options.config;
    const now = this.options.clock.now().getTime();
    const id = randomBytes(9).toString('base64url');
    const { roleId, ...rest } = settings;
    const draft: PollRecord = {
      ...rest,
      id,
      guildId: input.guildId,
      channelId: input.channelId,
      messageId: '',
      creatorKey: creatorKey({ id, anonymous: settings.anonymous }, input.creatorId, secret),
      // @everyone is every member: no restriction.
      ...(roleId !== undefined && roleId !== input.guildId && { roleId }),
      locale: input.locale,
      createdAt: now,
      closesAt: now + settings.durationMs,
    };
    const empty = { counts: draft.options.map(() => 0), voters: 0 };
    let messageId: string;
    try {
      messageId = await this.options.messenger.send(
        input.channelId,
        renderPollMessage(draft, empty),
      );
    } catch (error) {
      if (error instanceof ChannelUnavailableError) throw new UserError('poll.error.cannotPost');
      throw error;
    }
    const poll = { ...draft, messageId };
    try {
      if (!(await this.polls.create(poll))) throw new Error(`poll id ${id} is taken`);
    } catch (error) {
      // Buttons that would answer "no such poll" help nobody.
      await this.options.messenger.delete(input.channelId, messageId).catch(() => undefined);
      throw error;
    }
    this.deadlines.arm(id, poll.closesAt);
    this.options.logger.info({ pollId: id, guildId: input.guildId }, 'poll created');
    return { pollId: id, messageId };
  }

  /** A click on an option, acknowledged only once stored. */
  async vote(actor: PollActor, pollId: string, option: number): Promise<MessageView> {
    // May be up to a second old (a poll closing meanwhile): the read after the write decides.
    const poll = this.queries.accessible(
      actor,
      await this.pollReads.recent(pollId, () => this.polls.get(pollId)),
    );
    if (!Number.isInteger(option) || option < 0 || option >= poll.options.length) {
      throw new UserError('poll.error.invalidButton');
    }
    const now = this.options.clock.now().getTime();
    if (isClosed(poll) || now >= poll.closesAt) throw new UserError('poll.error.closed');
    if (poll.roleId !== undefined && !actor.roleIds.includes(poll.roleId)) {
      throw new UserError('poll.error.roleRequired', { role: `<@&${poll.roleId}>` });
    }
    const voter = voterKey(poll, actor.userId, this.options.config.POLL_SECRET);
    let applied: AppliedVote | undefined;
    let previous: VoteRecord | undefined;
    // Known when the write could tell it (a first vote): the poll as of the write.
    let atWrite: { poll: PollRecord | undefined } | undefined;
    try {
      // Most clicks are a member's first: one statement. Otherwise (or if a vote came first),
      // compare-and-set on the member's vote.
      const first = applyVote(undefined, option, poll.maxChoices, now);
      if (first.record !== undefined) {
        atWrite = await this.polls.addFirstVote(poll.id, voter, first.record);
      }
      if (atWrite !== undefined) {
        applied = first;
      } else {
        await this.polls.changeVote(poll.id, voter, (current) => {
          previous = current;
          // The clock read after the vote it changes: of two clicks handled at once (a double
          // click), the one whose write lands second may have read the clock first.
          const changedAt = Math.max(now, this.options.clock.now().getTime());
          applied = applyVote(current, option, poll.maxChoices, changedAt);
          return applied.record;
        });
      }
    } catch (error) {
      this.options.logger.error({ err: error, pollId: poll.id }, 'could not store a vote');
      throw new UserError('poll.error.voteFailed');
    }
    if (applied === undefined) throw new Error('the vote was never applied');
    const written = applied.record;
    if (written !== undefined) {
      await this.undoIfClosed(poll.id, voter, written, previous, atWrite);
      this.live.request(poll.id);
    }
    return renderVoteReply(poll, applied, actor.locale);
  }

  /** "My vote". */
  async myVote(actor: PollActor, pollId: string): Promise<MessageView> {
    const poll = await this.queries.pollOf(actor, pollId);
    const voter = voterKey(poll, actor.userId, this.options.config.POLL_SECRET);
    const vote = await this.polls.getVote(poll.id, voter);
    return renderMyVote(poll, vote?.choices ?? [], actor.locale);
  }

  /**
   * Current or final results, with their chart if asked; hidden results (chart included) only to
   * the creator until close.
   */
  async results(
    actor: PollActor,
    pollRef: string,
    options: { readonly image?: boolean } = {},
  ): Promise<MessageView> {
    const poll = await this.queries.resolve(actor, pollRef);
    if (!canSeeResults(poll, actor, this.options.config.POLL_SECRET)) {
      throw new UserError('poll.error.resultsHidden', { when: discordTime(poll.closesAt) });
    }
    const tally = await this.polls.tally(poll);
    const view = renderResults(poll, tally, actor.locale, 'current');
    const chart = options.image ? await this.closing.chartOf(poll, tally, actor.locale) : undefined;
    return chart === undefined ? view : { ...view, files: [chart] };
  }

  /** Early close, by the creator or a moderator. */
  async close(actor: PollActor, pollRef: string): Promise<MessageView> {
    const poll = await this.queries.resolve(actor, pollRef);
    if (isClosed(poll)) throw new UserError('poll.error.alreadyClosed');
    if (!canManage(poll, actor, this.options.config.POLL_SECRET)) {
      throw new UserError('poll.error.notAllowed');
    }
    this.deadlines.cancel(poll.id);
    const closing = this.closing.close(poll.id);
    void this.track(closing);
    if (!(await closing)) throw new UserError('poll.error.alreadyClosed');
    return { content: translate(actor.locale, 'poll.closedNow') };
  }

  /** The CSV export, for the creator or a moderator. */
  async exportCsv(actor: PollActor, pollRef: string): Promise<MessageView> {
    const poll = await this.queries.resolve(actor, pollRef);
    const secret = this.options.config.POLL_SECRET;
    if (!canManage(poll, actor, secret)) throw new UserError('poll.error.notAllowed');
    if (!canSeeResults(poll, actor, secret)) {
      throw new UserError('poll.error.resultsHidden', { when: discordTime(poll.closesAt) });
    }
    return this.queries.exportView(poll, actor.locale);
  }

  /** Shows a poll's votes as they now stand on its message, soon (coalesced with other votes). */
  showVotes(pollId: string): void {
    this.live.request(pollId);
  }

  /** Autocomplete: this server's polls matching what was typed (only open ones to close). */
  suggest(guildId: string, typed: string, which: 'open' | 'all', locale: Locale) {
    return this.queries.suggest(guildId, typed, which, locale);
  }

  async start(): Promise<void> {
    const closings: Promise<unknown>[] = [];
    const deadlines = await this.polls.deadlines();
    // One query for every open poll, not one per poll: a restart with 500 open polls stays quick.
    const records = await this.polls.getMany(deadlines.map(({ pollId }) => pollId));
    for (const [index, { pollId, closesAt }] of deadlines.entries()) {
      const poll = records[index];
      if (poll === undefined) {
        await this.polls.forgetDeadline(pollId);
      } else if (!this.owns(poll.guildId)) {
        // Another shard's server: its process arms it.
      } else if (isClosed(poll)) {
        // Closed, but the process stopped before it finished: finish now.
        closings.push(this.track(this.closing.finish(poll)));
      } else {
        this.deadlines.arm(pollId, closesAt);
      }
    }
    await Promise.allSettled([...closings, ...this.running]);
    await this.purgeExpiredVotes();
    this.purgeTimer = setInterval(
      () => {
        void this.track(this.purgeExpiredVotes());
      },
      this.options.purgeIntervalMs ?? 6 * 3_600_000,
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.purgeTimer);
    this.deadlines.clear();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await this.live.flush();
  }

  /** Deletes the individual votes of polls closed more than `POLL_RETENTION_DAYS` ago. */
  async purgeExpiredVotes(): Promise<number> {
    const now = this.options.clock.now().getTime();
    const closed = await this.polls.closedBefore(
      now - this.options.config.POLL_RETENTION_DAYS * DAY_MS,
    );
    const records = await this.polls.getMany(closed);
    const expired = closed.filter((_, index) => {
      const poll = records[index];
      return poll !== undefined && this.owns(poll.guildId);
    });
    for (const pollId of expired) await this.polls.purgeVotes(pollId, now);
    if (expired.length > 0) {
      this.options.logger.info({ polls: expired.length }, 'purged the votes of old polls');
    }
    return expired.length;
  }

  /**
   * A vote written while the poll was closing may have missed the frozen tally: take it back and
   * say so, rather than confirm a vote that does not count.
   */
  private async undoIfClosed(
    pollId: string,
    voter: string,
    written: VoteRecord,
    previous: VoteRecord | undefined,
    atWrite: { poll: PollRecord | undefined } | undefined,
  ): Promise<void> {
    const after =
      atWrite !== undefined
        ? atWrite.poll
        : await this.pollReads.after(pollId, () => this.polls.get(pollId));
    if (after !== undefined && !isClosed(after)) return;
    await this.polls.changeVote(pollId, voter, (current) =>
      current === undefined || JSON.stringify(current) !== JSON.stringify(written)
        ? undefined
        : (previous ?? { choices: [] }),
    );
    throw new UserError('poll.error.closed');
  }

  private owns(guildId: string): boolean {
    return this.options.ownsGuild?.(guildId) ?? true;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'poll background work failed');
      throw error;
    });
    const settled = tracked.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return work;
  }
}
