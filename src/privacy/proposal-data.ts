import type { Proposal } from '../proposals/core/proposal';
import type { ProposalStore } from '../proposals/proposal-store';
import type { MemberData } from './core/member-data';

type MemberProposals = MemberData['proposals'];

/** Proposals a member made, in every server: the only place proposals keep a user id. */
export async function findProposals(
  proposals: ProposalStore,
  userId: string,
): Promise<MemberProposals> {
  const mine = (proposal: Proposal) => proposal.proposedBy === userId;
  return {
    open: (await proposals.allOpen()).filter(mine),
    archived: (await proposals.allArchived()).filter(mine),
  };
}

/**
 * Deletes the member's proposals: waiting ones leave the list (their title and link may be
 * proposed again), archived ones go. A poll already posted keeps its options: they are the
 * poll's, and name nobody.
 */
export async function eraseProposals(
  proposals: ProposalStore,
  found: MemberProposals,
): Promise<void> {
  for (const proposal of found.open) await proposals.remove(proposal);
  for (const proposal of found.archived) await proposals.removeArchived(proposal);
}
