import { fold } from '../content/fold';
import { UserError } from '../errors/user-error';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import type { MessageView } from '../render/view';
import type { PollRecord } from './core/poll';
import type { PollActor } from './core/poll-access';
import type { PollStore, PollSummary } from './poll-store';
import { renderExport } from './core/render-export';

/** Finding a server's polls, and the read-only views of one (results, export). */
export class PollQueries {
  constructor(private readonly polls: PollStore) {}

  /** The poll a button names; refused when it is unknown or another server's. */
  async pollOf(actor: PollActor, pollId: string): Promise<PollRecord> {
    return this.accessible(actor, await this.polls.get(pollId));
  }

  /** A poll read for `actor`, refused when it is unknown or another server's. */
  accessible(actor: PollActor, poll: PollRecord | undefined): PollRecord {
    if (poll === undefined) throw new UserError('poll.error.notFound');
    if (poll.guildId !== actor.guildId) throw new UserError('poll.error.otherGuild');
    return poll;
  }

  /**
   * The poll a command option names: an id from the autocomplete, or, since members may type
   * anything, this server's only poll whose question matches what they typed.
   */
  async resolve(actor: PollActor, reference: string): Promise<PollRecord> {
    const typed = reference.trim();
    const byId = /^[\w-]{1,40}$/.test(typed) ? await this.polls.get(typed) : undefined;
    if (byId !== undefined) return this.pollOf(actor, byId.id);
    const wanted = fold(typed);
    const summaries = await this.polls.guildPolls(actor.guildId);
    const exact = summaries.filter((summary) => fold(summary.question) === wanted);
    const matches =
      exact.length > 0
        ? exact
        : summaries.filter((summary) => wanted !== '' && fold(summary.question).includes(wanted));
    const [only] = matches;
    if (only === undefined || matches.length > 1) throw new UserError('poll.error.notFound');
    return this.pollOf(actor, only.pollId);
  }

  async exportView(poll: PollRecord, locale: Locale): Promise<MessageView> {
    const tally = await this.polls.tally(poll);
    // Never any voter for anonymous polls (their keys are hashes anyway), none once purged.
    const votes =
      poll.anonymous || poll.votesPurgedAt !== undefined
        ? undefined
        : (await this.polls.votes(poll.id)).filter(([, vote]) => vote.choices.length > 0);
    return renderExport(poll, tally, votes, locale);
  }

  /** Open polls first, then the most recent, matching the typed words in their question. */
  async suggest(
    guildId: string,
    typed: string,
    which: 'open' | 'all',
    locale: Locale,
  ): Promise<{ name: string; value: string }[]> {
    const wanted = fold(typed);
    const byRelevance = (a: PollSummary, b: PollSummary) =>
      Number(a.closed) - Number(b.closed) || b.createdAt - a.createdAt;
    return (await this.polls.guildPolls(guildId))
      .filter((summary) => which === 'all' || !summary.closed)
      .filter((summary) => fold(summary.question).includes(wanted))
      .sort(byRelevance)
      .map((summary) => ({
        name: translate(
          locale,
          summary.closed ? 'poll.autocomplete.closed' : 'poll.autocomplete.open',
          {
            question: summary.question,
          },
        ),
        value: summary.pollId,
      }));
  }
}
