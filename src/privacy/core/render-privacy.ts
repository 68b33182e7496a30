import type { Locale } from '../../i18n/locale';
import { translate, type MessageKey } from '../../i18n/translate';
import { encodeCustomId } from '../../render/custom-id';
import { discordTime } from '../../render/discord-time';
import { escapeInlineMarkdown } from '../../render/markdown';
import { clip, type MessageView } from '../../render/view';
import { isEmpty, type MemberDataCounts } from './member-data';

/** Custom-id kinds of the confirmation's buttons; both carry the member the request is for. */
export const PRIVACY_BUTTONS = {
  /** privacy-confirm:<userId>:<expiry, epoch seconds> */
  confirm: 'privacy-confirm',
  /** privacy-cancel:<userId> */
  cancel: 'privacy-cancel',
} as const;

/** How long a confirmation can be clicked. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

const COLOR = 0x5865f2;

/** `/privacy show`: what is kept about this member, how, and for how long. */
export function renderPrivacyReport(
  counts: MemberDataCounts,
  locale: Locale,
  retentionDays: number,
  textTitles: readonly string[],
): MessageView {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  return {
    embeds: [
      {
        title: t('privacy.report.title'),
        description: [
          t('privacy.report.scope'),
          t('privacy.report.votes', {
            open: counts.openVotes,
            closed: counts.closedVotes,
            days: retentionDays,
          }),
          t('privacy.report.polls', { count: counts.pollsCreated }),
          t('privacy.report.plans', { count: counts.plansCreated }),
          t('privacy.report.readMarks', { count: counts.readMarks }),
          t('privacy.report.proposals', { count: counts.proposals }),
          t('privacy.report.texts', {
            count: counts.textsAdded,
            titles: listTitles(textTitles, locale),
          }),
          t('privacy.report.quotes'),
          t('privacy.report.memory'),
          t('privacy.report.logs'),
          '',
          t('privacy.report.howToDelete'),
        ].join('\n'),
        color: COLOR,
      },
    ],
  };
}

/**
 * `/privacy delete`: what the erasure will do, with Confirm and Cancel buttons that only this
 * member may use, until `expiresAt`; or, when nothing is kept, just that.
 */
export function renderErasureConfirmation(
  counts: MemberDataCounts,
  userId: string,
  expiresAt: number,
  locale: Locale,
): MessageView {
  if (isEmpty(counts)) return { content: translate(locale, 'privacy.nothing') };
  const expiry = Math.floor(expiresAt / 1000);
  return {
    embeds: [
      {
        title: translate(locale, 'privacy.confirm.title'),
        description: [
          translate(locale, 'privacy.confirm.intro'),
          ...countLines(counts, locale, {
            openVotes: 'privacy.confirm.openVotes',
            closedVotes: 'privacy.confirm.closedVotes',
            pollsCreated: 'privacy.confirm.polls',
            plansCreated: 'privacy.confirm.plans',
            readMarks: 'privacy.confirm.readMarks',
            proposals: 'privacy.confirm.proposals',
            textsAdded: 'privacy.confirm.texts',
          }),
          '',
          translate(locale, 'privacy.confirm.final', { when: discordTime(expiry * 1000) }),
        ].join('\n'),
        color: COLOR,
      },
    ],
    buttons: [
      [
        {
          customId: encodeCustomId(PRIVACY_BUTTONS.confirm, userId, expiry),
          label: translate(locale, 'privacy.confirm.button'),
          style: 'danger',
        },
        {
          customId: encodeCustomId(PRIVACY_BUTTONS.cancel, userId),
          label: translate(locale, 'privacy.cancel.button'),
          style: 'secondary',
        },
      ],
    ],
  };
}

/** After the erasure: what was erased (the buttons are gone). */
export function renderErased(counts: MemberDataCounts, locale: Locale): MessageView {
  if (isEmpty(counts)) return { content: translate(locale, 'privacy.nothing') };
  return {
    content: [
      translate(locale, 'privacy.erased.title'),
      ...countLines(counts, locale, {
        openVotes: 'privacy.erased.openVotes',
        closedVotes: 'privacy.erased.closedVotes',
        pollsCreated: 'privacy.erased.polls',
        plansCreated: 'privacy.erased.plans',
        readMarks: 'privacy.erased.readMarks',
        proposals: 'privacy.erased.proposals',
        textsAdded: 'privacy.erased.texts',
      }),
    ].join('\n'),
  };
}

/** Titles a member's texts listed in the report, shown as written, the list kept short. */
const LISTED_TITLES_LENGTH = 1000;

function listTitles(titles: readonly string[], locale: Locale): string {
  if (titles.length === 0) return '';
  const list = titles
    .map((title) =>
      translate(locale, 'privacy.report.textTitle', { title: escapeInlineMarkdown(title) }),
    )
    .join(', ');
  return ` (${clip(list, LISTED_TITLES_LENGTH)})`;
}

export function renderCancelled(locale: Locale): MessageView {
  return { content: translate(locale, 'privacy.cancelled') };
}

/** One line per kind of data the member has, none for the kinds they have none of. */
function countLines(
  counts: MemberDataCounts,
  locale: Locale,
  keys: Record<keyof MemberDataCounts, MessageKey>,
): string[] {
  return (Object.keys(keys) as (keyof MemberDataCounts)[])
    .filter((kind) => counts[kind] > 0)
    .map((kind) => translate(locale, keys[kind], { count: counts[kind] }));
}
