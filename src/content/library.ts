import { UserError } from '../errors/user-error';
import { fold, words } from './fold';
import type { Section, Text } from './text';

/** The texts Tribune can quote, in a fixed order; the first is the default. */
export interface Library {
  readonly texts: readonly Text[];
  readonly defaultText: Text;
  readonly byId: ReadonlyMap<string, Text>;
}

export function createLibrary(texts: readonly Text[]): Library {
  const [defaultText] = texts;
  if (!defaultText) throw new Error('A library needs at least one text');
  return { texts, defaultText, byId: new Map(texts.map((text) => [text.id, text])) };
}

/** The text a user asked for (by id, as autocomplete submits it, or by title words), or the default one. */
export function resolveText(library: Library, query: string | null | undefined): Text {
  if (query == null || query.trim() === '') return library.defaultText;
  const exact = library.byId.get(query.trim());
  if (exact) return exact;
  const [best] = rankTexts(library, query);
  if (best) return best;
  throw new UserError('quote.unknownText', {
    query: query.trim(),
    texts: library.texts.map((text) => `« ${text.title} »`).join(', '),
  });
}

export function rankTexts(library: Library, query: string): Text[] {
  return rankByTitle(library.texts, query, (text) => `${text.title} ${text.author}`);
}

/** The section a user asked for by number ("2", "§2", "section 2"), title or words of its title. */
export function resolveSection(text: Text, query: string): Section {
  const [best] = rankSections(text, query);
  if (best) return best;
  throw new UserError('quote.unknownSection', {
    query: query.trim(),
    count: text.sections.length,
    sections: text.sections.map((section) => `${section.number}. ${section.title}`).join(' · '),
  });
}

/** Sections matching a partial query, best first; every section when the query is empty. */
export function rankSections(text: Text, query: string): Section[] {
  const trimmed = query.trim();
  if (trimmed === '') return [...text.sections];
  const number = /^(?:§|section\s*|s)?\s*(\d{1,4})$/i.exec(trimmed)?.[1];
  if (number !== undefined) {
    const section = text.sections[Number(number) - 1];
    return section ? [section] : [];
  }
  return rankByTitle(text.sections, trimmed, (section) => section.title);
}

/**
 * Titles folded once: autocomplete ranks every title on each keystroke of every member. Titles
 * come from texts only (never from what members type), but servers add and remove their own
 * texts, up to 200 section titles each: the map is emptied when full, and refills as used.
 */
const foldedTitles = new Map<string, { title: string; titleWords: string[] }>();
const MAX_FOLDED_TITLES = 20_000;

function foldedTitle(text: string): { title: string; titleWords: string[] } {
  let entry = foldedTitles.get(text);
  if (entry === undefined) {
    entry = { title: fold(text), titleWords: words(text).map((word) => word.folded) };
    if (foldedTitles.size >= MAX_FOLDED_TITLES) foldedTitles.clear();
    foldedTitles.set(text, entry);
  }
  return entry;
}

/**
 * Ranks items whose title matches the query: exact title, then title containing the query, then
 * titles whose words start with every word of the query. Order within a rank is the items' own.
 */
export function rankByTitle<T>(
  items: readonly T[],
  query: string,
  titleOf: (item: T) => string,
): T[] {
  const folded = fold(query);
  const queryWords = words(query).map((word) => word.folded);
  if (folded === '') return [...items];
  const scored = items.map((item, index) => {
    const { title, titleWords } = foldedTitle(titleOf(item));
    let score = 0;
    if (title === folded) score = 3;
    else if (title.includes(folded)) score = 2;
    else if (
      queryWords.length > 0 &&
      queryWords.every((queryWord) => titleWords.some((word) => word.startsWith(queryWord)))
    ) {
      score = 1;
    }
    return { item, index, score };
  });
  return scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
