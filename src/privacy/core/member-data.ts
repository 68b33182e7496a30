import type { ArchivedProposal, Proposal } from '../../proposals/core/proposal';

/** One vote Tribune keeps for a member, as found in the store. */
export interface MemberVote {
  readonly pollId: string;
  /** The key the vote is stored under: the user id, or its HMAC for an anonymous poll. */
  readonly voter: string;
  readonly open: boolean;
}

/** Everything Tribune's store holds about one member, in every server. */
export interface MemberData {
  readonly votes: readonly MemberVote[];
  /** Polls whose stored creator is this member (their user id, or its HMAC). */
  readonly pollsCreated: readonly string[];
  /** Reading plans whose `createdBy` is this member. */
  readonly plansCreated: readonly string[];
  /** The weeks this member marked "I've read it". */
  readonly readMarks: readonly { readonly planId: string; readonly localDate: string }[];
  /** Proposals for the next text this member made: waiting, and archived after a vote. */
  readonly proposals: {
    readonly open: readonly Proposal[];
    readonly archived: readonly ArchivedProposal[];
  };
  /** Texts this member added to a server (`/text add`): their id stays as who added them. */
  readonly textsAdded: readonly {
    readonly guildId: string;
    readonly textId: string;
    readonly title: string;
  }[];
}

/** What `/privacy` shows: how many of each. */
export interface MemberDataCounts {
  readonly openVotes: number;
  readonly closedVotes: number;
  readonly pollsCreated: number;
  readonly plansCreated: number;
  readonly readMarks: number;
  readonly proposals: number;
  readonly textsAdded: number;
}

export function countMemberData(data: MemberData): MemberDataCounts {
  const openVotes = data.votes.filter((vote) => vote.open).length;
  return {
    openVotes,
    closedVotes: data.votes.length - openVotes,
    pollsCreated: data.pollsCreated.length,
    plansCreated: data.plansCreated.length,
    readMarks: data.readMarks.length,
    proposals: data.proposals.open.length + data.proposals.archived.length,
    textsAdded: data.textsAdded.length,
  };
}

export function isEmpty(counts: MemberDataCounts): boolean {
  return Object.values(counts).every((count) => count === 0);
}
