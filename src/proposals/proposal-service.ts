import { randomBytes, randomUUID } from 'node:crypto';
import { fold } from '../content/fold';
import { UserError } from '../errors/user-error';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import type { Logger } from '../log/logger';
import type { PollOrigin } from '../polls/core/poll';
import { discordTime } from '../render/discord-time';
import { escapeMarkdown } from '../render/markdown';
import type { MessageView } from '../render/view';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { checkProposal } from './core/check-proposal';
import { PROPOSAL_LIMITS, proposalId, type Proposal, type ProposalInput } from './core/proposal';
import { proposalsBallot, type ProposalsBallot } from './core/proposals-poll';
import { renderProposalList } from './core/render-list';
import type { ProposalPorts } from './ports';
import { ProposalStore, type VoteRound } from './proposal-store';

export interface ProposalServiceOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ports: ProposalPorts;
}

/** Who asks, in which server; organisers (Manage Server) may withdraw anyone's proposal. */
export interface ProposalActor {
  readonly guildId: string;
  readonly userId: string;
  readonly organiser: boolean;
  readonly locale: Locale;
}

/** A poll of proposals once posted. */
export interface PostedVote {
  readonly pollId: string;
  readonly messageId: string;
  /** Proposals in the poll, now archived. */
  readonly count: number;
  /** Proposals left waiting for the next vote (beyond a poll's 20 options). */
  readonly left: number;
}

/**
 * Proposals for the next text (issue 13, part 3): adding, listing, withdrawing, and putting them
 * to a vote with the poll feature, once at a time per server (a round claimed in the store), after
 * which they are archived.
 */
export class ProposalService {
  private readonly proposals: ProposalStore;
  /** Proposals this process made: their ids keep their order within one millisecond. */
  private made = 0;

  constructor(private readonly options: ProposalServiceOptions) {
    this.proposals = new ProposalStore(options.store);
  }

  /** `/proposal add`: checked, refused when one like it waits, stored. */
  async add(actor: ProposalActor, input: ProposalInput): Promise<MessageView> {
    if (!(await this.options.ports.hadReadingPlan(actor.guildId))) {
      throw new UserError('proposal.error.noPlan');
    }
    const text = checkProposal(input);
    // Counted before the write: two members adding at once may pass it by one. It keeps the list
    // readable and the store bounded; it is not a quota.
    const max = PROPOSAL_LIMITS.openPerServer;
    if ((await this.proposals.openCount(actor.guildId)) >= max) {
      throw new UserError('proposal.error.full', { max });
    }
    const now = this.options.clock.now().getTime();
    const proposal: Proposal = {
      ...text,
      id: proposalId(now, this.made++, randomBytes(4).toString('hex')),
      guildId: actor.guildId,
      proposedBy: actor.userId,
      proposedAt: now,
    };
    const duplicate = await this.proposals.add(proposal);
    if (duplicate !== undefined) {
      throw new UserError(
        duplicate.on === 'title' ? 'proposal.error.duplicateTitle' : 'proposal.error.duplicateLink',
        {
          title: escapeMarkdown(duplicate.of.title),
          by: `<@${duplicate.of.proposedBy}>`,
          when: discordTime(duplicate.of.proposedAt),
        },
      );
    }
    return {
      content: translate(actor.locale, 'proposal.added', { title: escapeMarkdown(text.title) }),
    };
  }

  /** `/proposal list` and its page buttons. */
  async list(guildId: string, page: number, locale: Locale): Promise<MessageView> {
    return renderProposalList(await this.proposals.open(guildId), page, locale);
  }

  /** `/proposal withdraw`: by its proposer, or an organiser. */
  async withdraw(actor: ProposalActor, id: string): Promise<MessageView> {
    const proposal = await this.proposals.get(actor.guildId, id);
    if (proposal === undefined) throw new UserError('proposal.error.unknown');
    if (proposal.proposedBy !== actor.userId && !actor.organiser) {
      throw new UserError('proposal.error.notYours');
    }
    if (!(await this.proposals.remove(proposal))) throw new UserError('proposal.error.unknown');
    return {
      content: translate(actor.locale, 'proposal.withdrawn', {
        title: escapeMarkdown(proposal.title),
      }),
    };
  }

  /** Autocomplete of `withdraw`: the member's own waiting proposals (an organiser's: all). */
  async suggest(actor: ProposalActor, typed: string): Promise<{ name: string; value: string }[]> {
    const query = fold(typed);
    return (await this.proposals.open(actor.guildId))
      .filter((proposal) => actor.organiser || proposal.proposedBy === actor.userId)
      .filter((proposal) => fold(proposal.title).includes(query))
      .map((proposal) => ({ name: proposal.title, value: proposal.id }));
  }

  /**
   * Posts a poll of the waiting proposals (the oldest 20) in `origin`'s channel, then archives
   * them. One round at a time in a server, across processes: a second caller is told one is
   * being posted. A round left by a process that died after posting is finished, not posted again.
   */
  async putToVote(origin: PollOrigin, duration?: string): Promise<PostedVote> {
    const { clock, ports } = this.options;
    const round = { token: randomUUID(), at: clock.now().getTime() };
    const claimed = await this.proposals.claimRound(origin.guildId, round);
    if (claimed === undefined) throw new UserError('proposal.vote.busy');
    if (claimed.stale !== undefined) await this.finishRound(origin.guildId, claimed.stale);
    let posted: { pollId: string; messageId: string };
    let ballot: ProposalsBallot;
    try {
      ballot = proposalsBallot(await this.proposals.open(origin.guildId), origin.locale, duration);
      posted = await ports.postPoll(origin, ballot.poll);
    } catch (error) {
      await this.proposals.releaseRound(origin.guildId, round);
      throw error;
    }
    // Recorded before archiving: should this process die now, the next round archives them.
    const ids = ballot.chosen.map((proposal) => proposal.id);
    await this.proposals.recordRound(origin.guildId, { ...round, pollId: posted.pollId, ids });
    await this.proposals.archive(ballot.chosen, posted.pollId, clock.now().getTime());
    await this.proposals.releaseRound(origin.guildId, round);
    this.options.logger.info(
      { guildId: origin.guildId, pollId: posted.pollId, proposals: ids.length },
      'proposals put to a vote',
    );
    return { ...posted, count: ids.length, left: ballot.left };
  }

  /**
   * At a reading plan's end: a poll of the proposals when there are at least two; otherwise they
   * wait for `/proposal vote` (nothing is posted: the closing recap says enough).
   */
  async putToVoteAtPlanEnd(origin: PollOrigin): Promise<void> {
    if ((await this.proposals.openCount(origin.guildId)) < 2) return;
    try {
      await this.putToVote(origin);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      this.options.logger.info(
        { guildId: origin.guildId, reason: error.key },
        'no poll of proposals at the plan end',
      );
    }
  }

  /** Archives what a dead round's poll holds (those still waiting; some may have been withdrawn). */
  private async finishRound(guildId: string, round: VoteRound): Promise<void> {
    if (round.pollId === undefined || round.ids === undefined) return;
    const waiting = await this.proposals.open(guildId);
    const ids = new Set(round.ids);
    await this.proposals.archive(
      waiting.filter((proposal) => ids.has(proposal.id)),
      round.pollId,
      this.options.clock.now().getTime(),
    );
  }
}
