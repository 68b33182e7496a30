import { splitIntoPages, type Page, type PageFragment } from '../content/split-pages';
import type { Section, Text } from '../content/text';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import { encodeCustomId } from '../render/custom-id';
import { LIMITS } from '../render/limits';
import { escapeMarkdown } from '../render/markdown';
import { clampPage, pageLabel, pagerButtons } from '../render/pager';
import { clip, type EmbedView, type MessageView } from '../render/view';
import { attribution, sectionHeading } from './attribution';

/** What a quote shows: a whole section, or one paragraph of it. */
export interface QuoteTarget {
  readonly text: Text;
  readonly section: Section;
  /** 1-based; undefined for the whole section. */
  readonly paragraph: number | undefined;
}

export const QUOTE_BUTTON = 'quote';

/** Rendered form of one fragment: a paragraph marker, then the text with Markdown escaped. */
export function renderFragment(fragment: PageFragment, locale: Locale): string {
  const marker = translate(locale, fragment.continued ? 'quote.continued' : 'quote.paragraph', {
    paragraph: fragment.paragraph,
  });
  return `${marker} ${escapeMarkdown(fragment.text)}`;
}

const FRAGMENT_SEPARATOR = '\n\n';

/**
 * Pages already split, by section: every member of a circle asks for the same section in the same
 * week, and splitting renders (escapes) each fragment several times. Sections never change (a
 * text replaced is new objects), and a removed text's pages go with its sections.
 */
const pagesBySection = new WeakMap<Section, Map<string, readonly Page[]>>();
/** Rendered pages, by locale. */
const renderedPages = new WeakMap<Page, Map<Locale, string>>();

/**
 * Pages of a quote, each fitting one embed description (or `size` characters once rendered).
 * Shared between callers: read them, never change them.
 */
export function quotePages(
  target: QuoteTarget,
  locale: Locale,
  size: number = LIMITS.embedDescription,
): readonly Page[] {
  const cacheKey = `${target.paragraph ?? 0}:${locale}:${size}`;
  let bySection = pagesBySection.get(target.section);
  if (bySection === undefined) {
    bySection = new Map();
    pagesBySection.set(target.section, bySection);
  }
  const cached = bySection.get(cacheKey);
  if (cached !== undefined) return cached;
  const paragraphs = target.section.paragraphs
    .map((text, index) => ({ number: index + 1, text }))
    .filter(({ number }) => target.paragraph === undefined || number === target.paragraph);
  const pages = splitIntoPages(paragraphs, {
    size,
    cost: (fragment) => renderFragment(fragment, locale).length + FRAGMENT_SEPARATOR.length,
  });
  bySection.set(cacheKey, pages);
  return pages;
}

/** A page as shown: its fragments rendered, one paragraph (or piece of one) per block. */
export function renderPageText(page: Page, locale: Locale): string {
  let byLocale = renderedPages.get(page);
  if (byLocale === undefined) {
    byLocale = new Map();
    renderedPages.set(page, byLocale);
  }
  let text = byLocale.get(locale);
  if (text === undefined) {
    text = page.map((fragment) => renderFragment(fragment, locale)).join(FRAGMENT_SEPARATOR);
    byLocale.set(locale, text);
  }
  return text;
}

/**
 * One page of a quote as a message: heading, text, attribution and, when the quote spans several
 * pages, Previous/Next buttons whose ids say which page they open.
 */
export function renderQuotePage(target: QuoteTarget, page: number, locale: Locale): MessageView {
  const pages = quotePages(target, locale);
  const index = clampPage(page, pages.length);
  const fragments = pages[index] ?? [];
  const heading = sectionHeading(target.section, locale);
  const title =
    target.paragraph === undefined
      ? heading
      : translate(locale, 'quote.paragraphHeading', { heading, paragraph: target.paragraph });
  const embed: EmbedView = {
    title: clip(title, LIMITS.embedTitle),
    url: target.text.source,
    author: clip(`${target.text.author} — ${target.text.title}`, LIMITS.embedAuthor),
    description: renderPageText(fragments, locale),
    footer: [attribution(target.text, locale), pageLabel(index, pages.length, locale)]
      .filter(Boolean)
      .join(' · '),
    color: QUOTE_COLOR,
  };
  return {
    embeds: [embed],
    buttons: pagerButtons(
      (to) =>
        encodeCustomId(
          QUOTE_BUTTON,
          target.text.id,
          target.section.number,
          target.paragraph ?? 0,
          to,
          locale,
        ),
      index,
      pages.length,
      locale,
    ),
  };
}

const QUOTE_COLOR = 0x2f6f4f;
