/** A piece of one paragraph on one page. Pieces of a paragraph, concatenated, give it back exactly. */
export interface PageFragment {
  /** 1-based paragraph number in its section. */
  readonly paragraph: number;
  readonly text: string;
  /** True when the paragraph began on an earlier page. */
  readonly continued: boolean;
}

export type Page = readonly PageFragment[];

export interface PageBudget {
  /** Characters a page may hold once rendered. */
  readonly size: number;
  /**
   * Rendered length of a fragment (escaping, paragraph marker, separator included): never less
   * than the length of its text, so that text longer than a page is never rendered to be measured.
   */
  readonly cost: (fragment: PageFragment) => number;
}

/**
 * Splits paragraphs into pages that each fit the budget, at paragraph boundaries first, then at
 * sentence boundaries, then between words, and only as a last resort inside a word. Nothing is
 * dropped: every character of every paragraph lands on exactly one page.
 */
export function splitIntoPages(
  paragraphs: readonly { number: number; text: string }[],
  budget: PageBudget,
): Page[] {
  const pages: PageFragment[][] = [];
  let page: PageFragment[] = [];
  let used = 0;
  const closePage = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    used = 0;
  };

  for (const { number, text } of paragraphs) {
    let rest = text;
    let continued = false;
    while (rest !== '') {
      const whole: PageFragment = { paragraph: number, text: rest, continued };
      // Measuring the rest of a paragraph of 20,000 characters at every cut made paging quadratic.
      const wholeCost = rest.length > budget.size ? Infinity : budget.cost(whole);
      if (used + wholeCost <= budget.size) {
        page.push(whole);
        used += wholeCost;
        break;
      }
      const room = budget.size - used;
      // Paragraph boundaries first: a paragraph that fits on a page of its own goes to the next
      // page whole; a longer one fills this page only if a fair part of the page is left.
      if (page.length > 0 && (wholeCost <= budget.size || room < budget.size / 3)) {
        closePage();
        continue;
      }
      const cut = bestCut(rest, room, (length) => {
        const fragment = { paragraph: number, text: rest.slice(0, length), continued };
        return budget.cost(fragment) <= room;
      });
      if (cut === 0) {
        if (page.length === 0) throw new Error('Page budget too small for a single character');
        closePage();
        continue;
      }
      page.push({ paragraph: number, text: rest.slice(0, cut), continued });
      closePage();
      rest = rest.slice(cut);
      continued = true;
    }
  }
  closePage();
  return pages;
}

/**
 * The longest prefix length that fits, preferring to end after a sentence, then after a word.
 * Cuts fall after the whitespace, so the pieces concatenate back to the original exactly.
 */
function bestCut(text: string, room: number, fits: (length: number) => boolean): number {
  // What fits in `room` rendered characters is at most `room` characters long.
  const longest = longestFitting(Math.min(text.length, room), fits);
  if (longest === text.length) return longest;
  const prefix = text.slice(0, longest);
  // Matches start only where a run of punctuation starts: retrying inside a run of 4,000 dots
  // would take quadratic time on every page cut.
  const sentenceEnds = [...prefix.matchAll(/(?<![.!?…»)])[.!?…»)]+\s+/gu)].map(
    (m) => m.index + m[0].length,
  );
  const sentenceEnd = sentenceEnds.at(-1);
  if (sentenceEnd !== undefined && sentenceEnd > longest / 2) return sentenceEnd;
  const wordEnds = [...prefix.matchAll(/\s+/gu)].map((m) => m.index + m[0].length);
  const wordEnd = wordEnds.at(-1);
  if (wordEnd !== undefined && wordEnd > longest / 2) return wordEnd;
  return avoidSplittingSurrogates(text, longest);
}

/** Binary search: rendered cost grows with length, so the fitting lengths form a prefix. */
function longestFitting(max: number, fits: (length: number) => boolean): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function avoidSplittingSurrogates(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}
