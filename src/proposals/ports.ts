import type { PollInput, PollOrigin } from '../polls/core/poll';

/**
 * What proposals need from the other features, bound in the composition root: posting a poll
 * (the poll feature's `createAndPost`, after its checks) and whether a server has, or had, a
 * reading plan (proposals go with plans).
 */
export interface ProposalPorts {
  /** Posts a poll as `/poll create` would; a `UserError` when it cannot be posted or is invalid. */
  postPoll(origin: PollOrigin, poll: PollInput): Promise<{ pollId: string; messageId: string }>;
  hadReadingPlan(guildId: string): Promise<boolean>;
}
