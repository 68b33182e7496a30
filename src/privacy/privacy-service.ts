import type { Config } from '../config/config';
import type { Logger } from '../log/logger';
import { PollStore } from '../polls/poll-store';
import { ProposalStore } from '../proposals/proposal-store';
import { PlanStore } from '../reading/plan-store';
import { ReadMarks } from '../reading/read-marks';
import type { Store } from '../store/store';
import type { TextCatalog } from '../texts/text-catalog';
import { countMemberData, type MemberData, type MemberDataCounts } from './core/member-data';
import { erasePollData, findPollData } from './poll-data';
import { findPlansCreated, forgetPlanCreator } from './plan-data';
import { eraseProposals, findProposals } from './proposal-data';

export interface PrivacyServiceOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly config: Pick<Config, 'POLL_SECRET'>;
  /** Refreshes an open poll's message once a vote is gone (`PollService.showVotes`). */
  readonly showVotes: (pollId: string) => void;
  /** Refreshes a prompt's read count once a mark is gone (`ReadingService.showReadCount`). */
  readonly showReadCount: (week: string) => void;
  /** Who added each server's texts. */
  readonly texts: Pick<TextCatalog, 'addedBy' | 'forgetAdder'>;
}

/**
 * `/privacy`: finds what the store holds about one member, in every server (a Discord user id is
 * the same everywhere, and a member who left a server could not ask there), and erases it. Each
 * feature's part is found from its own repository and key layout.
 */
export class PrivacyService {
  private readonly polls: PollStore;
  private readonly plans: PlanStore;
  private readonly marks: ReadMarks;
  private readonly proposals: ProposalStore;

  constructor(private readonly options: PrivacyServiceOptions) {
    this.polls = new PollStore(options.store);
    this.plans = new PlanStore(options.store);
    this.marks = new ReadMarks(options.store);
    this.proposals = new ProposalStore(options.store);
  }

  async find(userId: string): Promise<MemberData> {
    const { votes, pollsCreated } = await findPollData(
      this.polls,
      userId,
      this.options.config.POLL_SECRET,
    );
    return {
      votes,
      pollsCreated,
      plansCreated: await findPlansCreated(this.plans, userId),
      readMarks: await this.marks.ofUser(userId),
      proposals: await findProposals(this.proposals, userId),
      textsAdded: await this.options.texts.addedBy(userId),
    };
  }

  /**
   * Erases the member's votes, read marks and proposals, and their id from the polls, plans and
   * texts they created.
   */
  async erase(userId: string): Promise<MemberDataCounts> {
    const found = await this.find(userId);
    await erasePollData(this.polls, found, this.options.showVotes);
    await forgetPlanCreator(this.plans, found.plansCreated, userId);
    await this.marks.erase(found.readMarks.map((mark) => ({ ...mark, userId })));
    await eraseProposals(this.proposals, found.proposals);
    await this.options.texts.forgetAdder(userId);
    for (const week of new Set(found.readMarks.map((mark) => `${mark.planId}:${mark.localDate}`))) {
      this.options.showReadCount(week);
    }
    const counts = countMemberData(found);
    // Counts only: the log must not say who asked.
    this.options.logger.info(counts, 'member data erased');
    return counts;
  }
}
