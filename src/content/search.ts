import { fold, words, type Word } from './fold';
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
 * paragraph holds, then by the whole query appearing as a phrase, then by occurrences, then in
 * reading order.
 */
export function searchPassages(
  library: Library,
  query: string,
  options: { limit: number; excerptLength: number },
): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const phrase = fold(query);
  const hits: (SearchHit & { order: number })[] = [];
  let order = 0;
  for (const text of library.texts) {
    for (const section of text.sections) {
      section.paragraphs.forEach((paragraph, index) => {
        order++;
        const matches = words(paragraph).filter((word) =>
          terms.some((term) => word.folded.startsWith(term)),
        );
        if (matches.length === 0) return;
        const distinct = new Set(
          matches.map((word) => terms.find((term) => word.folded.startsWith(term))),
        ).size;
        const phraseBonus = terms.length > 1 && fold(paragraph).includes(phrase) ? 1 : 0;
        hits.push({
          ref: { textId: text.id, section: section.number, paragraph: index + 1 },
          sectionTitle: section.title,
          ...excerptAround(paragraph, matches, options.excerptLength),
          score: distinct * 1000 + phraseBonus * 500 + Math.min(matches.length, 499),
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

/** A window of about `length` characters starting near the first match, cut between words. */
function excerptAround(paragraph: string, matches: readonly Word[], length: number) {
  const first = matches[0];
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
