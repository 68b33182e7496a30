import { fold } from '../../content/fold';
import { UserError } from '../../errors/user-error';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { POLL_LIMITS, type PollInput } from '../../polls/core/poll';
import { escapeMarkdown } from '../../render/markdown';
import { clip } from '../../render/view';
import { PROPOSAL_LIMITS, type Proposal } from './proposal';

/** A poll of proposals stays open a week, like the closing poll: until the group meets again. */
export const PROPOSALS_POLL_DURATION_MS = 7 * 24 * 3_600_000;

/** What goes to a vote: the proposals in the poll, how many wait for the next one, the poll. */
export interface ProposalsBallot {
  readonly chosen: readonly Proposal[];
  readonly left: number;
  readonly poll: PollInput;
}

/**
 * The poll of the waiting proposals (given oldest first): the oldest 20, one option each, the
 * question saying when others wait. Fewer than two is no poll: a `UserError` says why.
 */
export function proposalsBallot(
  open: readonly Proposal[],
  locale: Locale,
  duration: string | number = PROPOSALS_POLL_DURATION_MS,
): ProposalsBallot {
  const [first] = open;
  if (first === undefined) throw new UserError('proposal.vote.none');
  if (open.length === 1) {
    throw new UserError('proposal.vote.single', { title: escapeMarkdown(first.title) });
  }
  const chosen = open.slice(0, PROPOSAL_LIMITS.perPoll);
  const left = open.length - chosen.length;
  return {
    chosen,
    left,
    poll: {
      question:
        left > 0
          ? translate(locale, 'proposal.poll.questionMore', {
              count: chosen.length,
              total: open.length,
            })
          : translate(locale, 'proposal.poll.question'),
      options: optionLabels(chosen.map((proposal) => proposal.title)),
      duration,
    },
  };
}

/**
 * One poll option per title, within a poll option's length (a longer title is cut with "…", so
 * the cut shows). Titles differ, but two long ones may share their first 79 characters: a cut
 * that reads like an earlier option ends with the option's number instead, as polls refuse twins.
 */
export function optionLabels(titles: readonly string[]): string[] {
  const { optionLength } = POLL_LIMITS;
  const seen = new Set<string>();
  return titles.map((title, index) => {
    let label = clip(title, optionLength);
    if (seen.has(fold(label))) {
      const number = ` (${index + 1})`;
      label = clip(title, optionLength - number.length) + number;
    }
    seen.add(fold(label));
    return label;
  });
}
