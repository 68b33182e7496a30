import { splitIntoPages } from '../../content/split-pages';
import type { Text } from '../../content/text';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { encodeCustomId } from '../../render/custom-id';
import { discordTime } from '../../render/discord-time';
import { LIMITS } from '../../render/limits';
import { escapeInlineMarkdown } from '../../render/markdown';
import { clampPage, pageLabel, pagerButtons } from '../../render/pager';
import { clip, embedsLength, type EmbedView, type MessageView } from '../../render/view';
import type { PreviewButtonIds } from './render-upload';
import type { TextEntry } from './text-entry';

/** Custom-id kinds of `/text`'s buttons. */
export const TEXT_BUTTONS = {
  /** text-add:<token>:<expiry, epoch ms> */
  confirmAdd: 'text-add',
  /** text-add-cancel:<token>:<expiry, epoch ms> */
  cancelAdd: 'text-add-cancel',
  /** text-remove:<textId>:<userId>:<expiry, epoch ms> */
  confirmRemove: 'text-remove',
  /** text-remove-cancel:<userId> */
  cancelRemove: 'text-remove-cancel',
  /** text-list:<page>:<locale> */
  listPage: 'text-list',
} as const;

/** The preview's buttons: the pending upload they confirm or cancel, and until when. */
export function uploadButtonIds(token: string, expiresAt: number): PreviewButtonIds {
  return {
    confirm: encodeCustomId(TEXT_BUTTONS.confirmAdd, token, expiresAt),
    cancel: encodeCustomId(TEXT_BUTTONS.cancelAdd, token, expiresAt),
  };
}

/** What the server may still add, beside what it has. */
export interface Room {
  readonly texts: number;
  readonly maxTexts: number;
  readonly bytes: number;
  readonly maxBytes: number;
}

/** Titles and authors in the list: enough to recognise a text, short enough to list 26. */
const LISTED_TITLE_LENGTH = 100;
const LISTED_AUTHOR_LENGTH = 80;
const LIST_COLOR = 0x4f6d7a;
const FOOTER_SEPARATOR = ' · ';
/** Pages the list may have at worst: one text a page. */
const MAX_PAGES = 100;

/**
 * `/text list`: the built-in texts, then the server's own with who added them and when, paged so
 * that any number of long titles fits Discord's limits; the room left in the footer.
 */
export function renderTextList(
  input: {
    readonly builtIn: readonly Text[];
    readonly own: readonly TextEntry[];
    readonly room: Room;
  },
  page: number,
  locale: Locale,
): MessageView {
  const sections = (count: number) => translate(locale, 'texts.list.sections', { count });
  const names = (title: string, author: string) => ({
    title: escapeInlineMarkdown(clip(title, LISTED_TITLE_LENGTH)),
    author: escapeInlineMarkdown(clip(author, LISTED_AUTHOR_LENGTH)),
  });
  const lines = [
    ...input.builtIn.map((text) =>
      translate(locale, 'texts.list.builtIn', {
        ...names(text.title, text.author),
        sections: sections(text.sections.length),
      }),
    ),
    ...input.own.map((entry) => {
      const params = {
        ...names(entry.title, entry.author),
        sections: sections(entry.sections),
        when: discordTime(entry.addedAt),
        id: entry.id,
      };
      return entry.addedBy === ''
        ? translate(locale, 'texts.list.addedForgotten', params)
        : translate(locale, 'texts.list.added', { ...params, user: entry.addedBy });
    }),
  ].map((text, index) => ({ number: index + 1, text }));
  const room = translate(locale, 'texts.list.room', {
    texts: input.room.maxTexts - input.room.texts,
    maxTexts: input.room.maxTexts,
    size: Math.max(0, Math.floor((input.room.maxBytes - input.room.bytes) / 1024)),
    maxSize: input.room.maxBytes / 1024,
  });
  const frame: EmbedView = {
    title: translate(locale, 'texts.list.title'),
    fields: [
      { name: translate(locale, 'texts.list.howTo'), value: translate(locale, 'texts.list.hint') },
    ],
    color: LIST_COLOR,
  };
  // Everything but the lines is counted first, the longest page label included.
  const footerRoom =
    room.length +
    FOOTER_SEPARATOR.length +
    translate(locale, 'quote.page', { page: MAX_PAGES, pages: MAX_PAGES }).length;
  const size = Math.min(
    LIMITS.embedDescription,
    LIMITS.embedsTotal - embedsLength([frame]) - footerRoom,
  );
  const pages = splitIntoPages(lines, { size, cost: (line) => line.text.length + 1 });
  const index = clampPage(page, pages.length);
  return {
    embeds: [
      {
        ...frame,
        description: (pages[index] ?? []).map((line) => line.text).join('\n'),
        footer: [room, pageLabel(index, pages.length, locale)]
          .filter(Boolean)
          .join(FOOTER_SEPARATOR),
      },
    ],
    buttons: pagerButtons(
      (to) => encodeCustomId(TEXT_BUTTONS.listPage, to, locale),
      index,
      pages.length,
      locale,
    ),
  };
}

/** `/text remove`: what removing means, with Remove / Cancel for this organiser, until `expiresAt`. */
export function renderRemoveConfirmation(
  entry: TextEntry,
  userId: string,
  expiresAt: number,
  locale: Locale,
): MessageView {
  return {
    content: translate(locale, 'texts.removeConfirm', {
      title: escapeInlineMarkdown(clip(entry.title, LISTED_TITLE_LENGTH)),
      when: discordTime(expiresAt),
    }),
    buttons: [
      [
        {
          customId: encodeCustomId(TEXT_BUTTONS.confirmRemove, entry.id, userId, expiresAt),
          label: translate(locale, 'texts.removeButton'),
          style: 'danger',
        },
        {
          customId: encodeCustomId(TEXT_BUTTONS.cancelRemove, userId),
          label: translate(locale, 'texts.preview.cancel'),
          style: 'secondary',
        },
      ],
    ],
  };
}

/** A one-line answer about a text by its title (added, removed, exported). */
export function textAnswer(
  key: 'texts.added' | 'texts.removed' | 'texts.exported',
  text: { readonly id: string; readonly title: string },
  locale: Locale,
): MessageView {
  return {
    content: translate(locale, key, {
      title: escapeInlineMarkdown(clip(text.title, LISTED_TITLE_LENGTH)),
      id: text.id,
    }),
  };
}

/**
 * `/text export`: the file exactly as it was added, under its own name made safe for an
 * attachment (letters, digits, dots, dashes), so that adding it again gives the same text.
 */
export function renderExport(
  entry: TextEntry,
  file: { readonly name: string; readonly bytes: Uint8Array },
  locale: Locale,
): MessageView {
  const extension = entry.format === 'markdown' ? '.md' : '.txt';
  const stem = file.name
    .replace(/\.(md|txt)$/i, '')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80);
  return {
    ...textAnswer('texts.exported', entry, locale),
    files: [{ name: `${stem || entry.id}${extension}`, contents: file.bytes }],
  };
}
