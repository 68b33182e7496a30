import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitIntoPages, type Page } from '../../src/content/split-pages';

const plainCost = { cost: (fragment: { text: string }) => fragment.text.length };

/** Pieces of each paragraph, concatenated in page order. */
function rejoin(pages: readonly Page[]): Map<number, string> {
  const joined = new Map<number, string>();
  for (const fragment of pages.flat()) {
    joined.set(fragment.paragraph, (joined.get(fragment.paragraph) ?? '') + fragment.text);
  }
  return joined;
}

describe('splitIntoPages', () => {
  it('keeps paragraphs that fit together on one page', () => {
    const pages = splitIntoPages(
      [
        { number: 1, text: 'a'.repeat(40) },
        { number: 2, text: 'b'.repeat(60) },
      ],
      { size: 100, ...plainCost },
    );
    expect(pages).toHaveLength(1);
  });

  it('fills a page exactly to the limit', () => {
    const pages = splitIntoPages([{ number: 1, text: 'x'.repeat(100) }], {
      size: 100,
      ...plainCost,
    });
    expect(pages).toEqual([[{ paragraph: 1, text: 'x'.repeat(100), continued: false }]]);
  });

  it('moves a paragraph that fits on a page of its own to the next page, whole', () => {
    const pages = splitIntoPages(
      [
        { number: 1, text: 'a'.repeat(70) },
        { number: 2, text: 'b'.repeat(60) },
      ],
      { size: 100, ...plainCost },
    );
    expect(pages.map((page) => page.map((fragment) => fragment.paragraph))).toEqual([[1], [2]]);
  });

  it('splits a long paragraph after a sentence, and the pieces rejoin exactly', () => {
    const text = 'Une phrase courte. '.repeat(10) + 'Une dernière phrase sans fin';
    const pages = splitIntoPages([{ number: 1, text }], { size: 60, ...plainCost });
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(0, -1)) expect(page[0]?.text).toMatch(/\. $/);
    expect(pages.slice(1).every((page) => page[0]?.continued)).toBe(true);
    expect(rejoin(pages).get(1)).toBe(text);
  });

  it('splits between words when a sentence is longer than a page', () => {
    const text = Array.from({ length: 50 }, (_, index) => `mot${index}`).join(' ');
    const pages = splitIntoPages([{ number: 1, text }], { size: 40, ...plainCost });
    for (const page of pages.slice(0, -1)) expect(page[0]?.text).toMatch(/ $/);
    expect(rejoin(pages).get(1)).toBe(text);
  });

  it('cuts inside a word only when nothing else fits, never inside a surrogate pair', () => {
    const text = '😀'.repeat(30);
    const pages = splitIntoPages([{ number: 1, text }], { size: 11, ...plainCost });
    for (const fragment of pages.flat()) {
      expect(fragment.text).toBe(Array.from(fragment.text).join(''));
      expect(fragment.text.length).toBeLessThanOrEqual(11);
      expect(fragment.text.length % 2).toBe(0);
    }
    expect(rejoin(pages).get(1)).toBe(text);
  });

  it('never exceeds the budget and never loses a character (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 400, unit: 'grapheme' }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 20, max: 300 }),
        (texts, size) => {
          const paragraphs = texts.map((text, index) => ({ number: index + 1, text }));
          // A cost with overhead, like the renderer's paragraph marker and separator.
          const budget = { size, cost: (fragment: { text: string }) => fragment.text.length + 8 };
          const pages = splitIntoPages(paragraphs, budget);
          for (const page of pages) {
            const used = page.reduce((sum, fragment) => sum + budget.cost(fragment), 0);
            expect(used).toBeLessThanOrEqual(size);
          }
          const joined = rejoin(pages);
          for (const paragraph of paragraphs)
            expect(joined.get(paragraph.number)).toBe(paragraph.text);
        },
      ),
    );
  });
});
