import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { encodeCustomId } from '../../render/custom-id';
import { discordTime } from '../../render/discord-time';
import { LIMITS } from '../../render/limits';
import { escapeMarkdown } from '../../render/markdown';
import { clampPage, pageLabel, pagerButtons } from '../../render/pager';
import type { MessageView } from '../../render/view';
import type { Proposal } from './proposal';

/** proposals:<page>: a page of `/proposal list` (the list is read again at each click). */
export const PROPOSALS_BUTTON = 'proposals';

/** At most this many proposals a page, however short: a page stays readable at a glance. */
const PER_PAGE = 10;
const ENTRY_SEPARATOR = '\n\n';
const COLOR = 0x8a5a2b;

/**
 * `/proposal list`: the waiting proposals (given oldest first), numbered, each with its title
 * (linked when it has a link), its note, who proposed it and when; paged within an embed's
 * description. Mentions show the proposer without pinging (no message parses mentions).
 */
export function renderProposalList(
  proposals: readonly Proposal[],
  page: number,
  locale: Locale,
): MessageView {
  if (proposals.length === 0) return { content: translate(locale, 'proposal.list.empty') };
  const pages = packPages(
    proposals.map((proposal, index) => renderEntry(proposal, index + 1, locale)),
    LIMITS.embedDescription,
    PER_PAGE,
  );
  const index = clampPage(page, pages.length);
  const footer = [
    translate(locale, 'proposal.list.count', { count: proposals.length }),
    pageLabel(index, pages.length, locale),
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    embeds: [
      {
        title: translate(locale, 'proposal.list.title'),
        description: (pages[index] ?? []).join(ENTRY_SEPARATOR),
        footer,
        color: COLOR,
      },
    ],
    buttons: pagerButtons(
      (to) => encodeCustomId(PROPOSALS_BUTTON, to),
      index,
      pages.length,
      locale,
    ),
  };
}

/**
 * "**3.** [Title](<link>) — proposed by @Zoé 2 days ago", then the note as a quote. At most
 * about 2,000 characters (every part is bounded), so two always fit a page.
 */
function renderEntry(proposal: Proposal, number: number, locale: Locale): string {
  const title = escapeMarkdown(proposal.title);
  const heading =
    proposal.link === undefined ? `**${title}**` : `[**${title}**](<${proposal.link}>)`;
  const by = translate(locale, 'proposal.list.by', {
    by: `<@${proposal.proposedBy}>`,
    when: discordTime(proposal.proposedAt),
  });
  const note = proposal.note === undefined ? '' : `\n> ${escapeMarkdown(proposal.note)}`;
  return `**${number}.** ${heading} — ${by}${note}`;
}

/** Entries in order, as many a page as fit `size` characters (joined), at most `perPage`. */
export function packPages(entries: readonly string[], size: number, perPage: number): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const entry of entries) {
    const cost = entry.length + (page.length > 0 ? ENTRY_SEPARATOR.length : 0);
    if (page.length > 0 && (page.length === perPage || used + cost > size)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    used += entry.length + (page.length > 0 ? ENTRY_SEPARATOR.length : 0);
    page.push(entry);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
