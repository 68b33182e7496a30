import type { Library } from '../content/library';
import { splitIntoPages } from '../content/split-pages';
import { MAX_SECTIONS } from '../content/text-limits';
import type { Text } from '../content/text';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import { encodeCustomId } from '../render/custom-id';
import { LIMITS } from '../render/limits';
import { escapeMarkdown } from '../render/markdown';
import { clampPage, pageLabel, pagerButtons } from '../render/pager';
import { clip, embedsLength, type EmbedView, type MessageView } from '../render/view';
import { attribution, sectionHeading } from './attribution';

export const CONTENTS_BUTTON = 'contents';

const FOOTER_SEPARATOR = ' · ';
/** Pages a table of contents may have: `MAX_SECTIONS` sections, one a page at worst. */
const MAX_PAGES = MAX_SECTIONS;

/** The table of contents of a text: every section with its number, title and paragraph count. */
export function renderContents(
  library: Library,
  text: Text,
  page: number,
  locale: Locale,
): MessageView {
  const lines = text.sections.map((section) => ({
    number: section.number,
    text: translate(locale, 'contents.line', {
      heading: escapeMarkdown(sectionHeading(section, locale)),
      count: section.paragraphs.length,
    }),
  }));
  const intro = text.intro ? `*${escapeMarkdown(text.intro)}*\n\n` : '';
  const otherTexts = library.texts.filter((other) => other !== text);
  const fields = [
    { name: translate(locale, 'contents.howTo'), value: translate(locale, 'contents.hint') },
    ...(otherTexts.length > 0
      ? [
          {
            name: translate(locale, 'contents.otherTexts'),
            value: clip(
              otherTexts.map((other) => `« ${escapeMarkdown(other.title)} »`).join(' · '),
              LIMITS.embedFieldValue,
            ),
          },
        ]
      : []),
  ];
  const frame: EmbedView = {
    title: clip(text.title, LIMITS.embedTitle),
    url: text.source,
    author: clip(text.author, LIMITS.embedAuthor),
    fields,
  };
  // A server's texts may be many, with long titles: the list gets what the 6,000 characters of a
  // message leave once everything else, the longest page label included, is counted.
  const footerRoom =
    attribution(text, locale).length +
    FOOTER_SEPARATOR.length +
    translate(locale, 'quote.page', { page: MAX_PAGES, pages: MAX_PAGES }).length;
  const room =
    Math.min(LIMITS.embedDescription, LIMITS.embedsTotal - embedsLength([frame]) - footerRoom) -
    intro.length;
  const pages = splitIntoPages(lines, {
    size: room,
    cost: (fragment) => fragment.text.length + 1,
  });
  const index = clampPage(page, pages.length);
  const description = intro + (pages[index] ?? []).map((fragment) => fragment.text).join('\n');
  const footer = [attribution(text, locale), pageLabel(index, pages.length, locale)]
    .filter(Boolean)
    .join(FOOTER_SEPARATOR);
  return {
    embeds: [{ ...frame, description, footer }],
    buttons: pagerButtons(
      (to) => encodeCustomId(CONTENTS_BUTTON, text.id, to, locale),
      index,
      pages.length,
      locale,
    ),
  };
}
