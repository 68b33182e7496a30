import { describe, expect, it } from 'vitest';
import { fold } from '../../src/content/fold';
import { createLibrary, rankSections, resolveSection } from '../../src/content/library';
import { loadLibrary } from '../../src/content/load-library';
import { queryTerms, searchPassages } from '../../src/content/search';
import type { Text } from '../../src/content/text';
import { UserError } from '../../src/errors/user-error';

const library = await loadLibrary('content');
const opEd = library.defaultText;
const search = (query: string, limit = 5) =>
  searchPassages(library, query, { limit, excerptLength: 300 });

describe('fold', () => {
  it.each([
    ['Société', 'societe'],
    ['ÉTATS-UNIS', 'etats-unis'],
    ['l’IA', "l'ia"],
    ['œil', 'oeil'],
    ['  deux   espaces ', 'deux espaces'],
  ])('%s → %s', (input, folded) => expect(fold(input)).toBe(folded));
});

describe('queryTerms', () => {
  it('drops one-letter words left by elision, keeps them when nothing else is left', () => {
    expect(queryTerms('l’IA d’un')).toEqual(['ia', 'un']);
    expect(queryTerms('l')).toEqual(['l']);
    expect(queryTerms('!!!')).toEqual([]);
  });
});

describe('searchPassages', () => {
  it('ignores accents and case', () => {
    const plain = search('SOCIETE');
    expect(plain.length).toBeGreaterThan(0);
    expect(plain).toEqual(search('société'));
  });

  it('matches the words a query word starts', () => {
    const [hit] = search('videosurveil');
    expect(hit?.ref).toEqual({ textId: opEd.id, section: 2, paragraph: 1 });
    expect(hit?.excerpt.slice(hit.highlights[0]?.start, hit.highlights[0]?.end)).toBe(
      'vidéosurveillance',
    );
  });

  it('ranks passages holding every query word before those holding some', () => {
    const hits = search('surveillance Chine');
    expect(hits[0]?.ref).toEqual({ textId: opEd.id, section: 1, paragraph: 1 });
    expect(hits.length).toBeGreaterThan(1);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 0);
  });

  it('ranks the exact phrase first among equals', () => {
    const [hit] = search('lutte sociale');
    expect(hit?.ref.section).toBe(3);
    const excerpt = fold(hit?.excerpt ?? '');
    expect(excerpt).toContain('lutte sociale');
  });

  it('highlights every occurrence in the excerpt, in order', () => {
    for (const hit of search('IA')) {
      const highlighted = hit.highlights.map(({ start, end }) =>
        fold(hit.excerpt.slice(start, end)),
      );
      expect(highlighted.every((word) => word.startsWith('ia'))).toBe(true);
      const starts = hit.highlights.map((highlight) => highlight.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
  });

  it('returns at most the limit, and nothing for an unknown word', () => {
    expect(search('la', 5)).toHaveLength(5);
    expect(search('zyxwvu')).toEqual([]);
  });

  it('keeps excerpts near the requested length, cut between words, with ellipses', () => {
    for (const hit of search('démocratique')) {
      expect(hit.excerpt.length).toBeLessThanOrEqual(302);
      expect(hit.excerpt).toMatch(/^(…\S|[A-ZÀ-Ý])/u);
    }
  });
});

describe('resolveSection', () => {
  it.each([
    ['2', 2],
    ['§3', 3],
    ['section 1', 1],
    ['Faire front : « l’IA » est une lutte sociale', 3],
    ['faire front', 3],
    ['comme on ne vous', 2],
    ['SOMMET', 1],
  ])('finds "%s"', (query, number) => {
    expect(resolveSection(opEd, query).number).toBe(number);
  });

  it.each(['0', '4', '99', 'chapitre introuvable'])(
    'rejects "%s", listing what exists',
    (query) => {
      try {
        resolveSection(opEd, query);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        expect((error as UserError).params).toMatchObject({ count: 3 });
        expect(String((error as UserError).params.sections)).toContain('2. L’IA, comme on ne vous');
      }
    },
  );

  it('offers every section for an empty query, in order', () => {
    expect(rankSections(opEd, '').map((section) => section.number)).toEqual([1, 2, 3]);
  });

  it('ranks an exact title before a title that merely contains the words', () => {
    const text: Text = {
      ...opEd,
      sections: [
        { ...sectionLike(1), title: 'La lutte continue' },
        { ...sectionLike(2), title: 'Lutte' },
      ],
    };
    expect(rankSections(text, 'lutte').map((section) => section.number)).toEqual([2, 1]);
    expect(createLibrary([text]).defaultText).toBe(text);
  });
});

function sectionLike(number: number) {
  return { number, title: '', editorialTitle: false, paragraphs: ['p'], questions: [] };
}
