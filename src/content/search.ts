import { words, type Word } from './fold';
import type { Library } from './library';
import type { PassageRef } from './text';

export interface SearchHit {
  readonly ref: PassageRef;
  readonly sectionTitle: string;
  /** An excerpt around the first match. */
  readonly excerpt: string;
  /** Ranges of `excerpt` to highlight, in order, not overlapping. */
  readonly highlights: readonly { start: number; end: number }[];
  readonly score: number;
}

export const MAX_QUERY_LENGTH = 200;

/** Query words worth matching: one-letter words ("l", "d" of "l’IA", "d’un") match everything. */
export function queryTerms(query: string): string[] {
  const terms = words(query).map((word) => word.folded);
  const meaningful = terms.filter((term) => term.length > 1);
  return [...new Set(meaningful.length > 0 ? meaningful : terms)];
}

/**
 * Finds paragraphs matching the query, accent- and case-insensitively; a query word matches the
 * words it starts ("surveill" finds "surveillance"). Ranked by how many distinct query words a
 * paragraph holds, then by the query's words appearing in a row, then by occurrences, then in
 * reading order.
 */
export function searchPassages(
  library: Library,
  query: string,
  options: { limit: number; excerptLength: number },
): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const phrase = words(query).map((word) => word.folded);
  const hits: (SearchHit & { order: number })[] = [];
  let order = 0;
  for (const text of library.texts) {
    for (const section of text.sections) {
      section.paragraphs.forEach((paragraph, index) => {
        order++;
        const paragraphWords = words(paragraph);
        const matches = paragraphWords.filter((word) =>
          terms.some((term) => word.folded.startsWith(term)),
        );
        if (matches.length === 0) return;
        const distinct = new Set(
          matches.map((word) => terms.find((term) => word.folded.startsWith(term))),
        ).size;
        const phraseAt = phrase.length > 1 ? findPhrase(paragraphWords, phrase) : undefined;
        hits.push({
          ref: { textId: text.id, section: section.number, paragraph: index + 1 },
          sectionTitle: section.title,
          ...excerptAround(
            paragraph,
            matches,
            phraseAt ?? densestMatch(matches, terms, options.excerptLength),
            options.excerptLength,
          ),
          score: distinct * 1000 + (phraseAt ? 500 : 0) + Math.min(matches.length, 499),
          order,
        });
      });
    }
  }
  return hits
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, options.limit)
    .map(({ order, ...hit }) => hit);
}

/** The first word where the query's words appear in a row (the last one as a prefix). */
function findPhrase(paragraphWords: readonly Word[], phrase: readonly string[]): Word | undefined {
  const last = phrase.length - 1;
  return paragraphWords.find((_, start) =>
    phrase.every((queryWord, offset) => {
      const word = paragraphWords[start + offset]?.folded;
      return offset === last ? word?.startsWith(queryWord) : word === queryWord;
    }),
  );
}

/**
 * The match that starts the window (of two thirds of an excerpt) holding the most distinct terms.
 * One pass with a sliding window: a paragraph of 20,000 characters may hold 7,000 matches, and
 * comparing every pair took seconds a search.
 */
function densestMatch(
  matches: readonly Word[],
  terms: readonly string[],
  length: number,
): Word | undefined {
  const termOf = matches.map((word) => terms.find((term) => word.folded.startsWith(term)));
  const inWindow = new Map<string | undefined, number>();
  let best: Word | undefined;
  let bestCount = 0;
  let end = 0;
  // The window of match `index` holds matches [index, end).
  matches.forEach((start, index) => {
    end = Math.max(end, index);
    while (end < matches.length && (matches[end]?.end ?? 0) <= start.start + (length * 2) / 3) {
      const term = termOf[end];
      inWindow.set(term, (inWindow.get(term) ?? 0) + 1);
      end++;
    }
    if (inWindow.size > bestCount) [best, bestCount] = [start, inWindow.size];
    if (index < end) {
      const term = termOf[index];
      const left = (inWindow.get(term) ?? 0) - 1;
      if (left > 0) inWindow.set(term, left);
      else inWindow.delete(term);
    }
  });
  return best;
}

/** A window of about `length` characters starting near `anchor`, cut between words. */
function excerptAround(
  paragraph: string,
  matches: readonly Word[],
  anchor: Word | undefined,
  length: number,
) {
  const first = anchor;
  let start = 0;
  if (first && paragraph.length > length && first.start > length / 3) {
    start = first.start - Math.floor(length / 3);
    const space = paragraph.indexOf(' ', start);
    start = space === -1 || space > first.start ? first.start : space + 1;
  }
  let end = Math.min(paragraph.length, start + length);
  if (end < paragraph.length) {
    const space = paragraph.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < paragraph.length ? '…' : '';
  const excerpt = prefix + paragraph.slice(start, end) + suffix;
  const highlights = matches
    .filter((word) => word.start >= start && word.end <= end)
    .map((word) => ({
      start: word.start - start + prefix.length,
      end: word.end - start + prefix.length,
    }));
  return { excerpt, highlights };
}
