import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../src/content/library';
import { loadLibrary } from '../../src/content/load-library';
import { parseText } from '../../src/content/parse-text';
import { searchPassages } from '../../src/content/search';
import { parseCustomId } from '../../src/render/custom-id';
import { LIMITS } from '../../src/render/limits';
import { renderContents } from '../../src/quotes/render-contents';
import { quotePages, renderQuotePage, type QuoteTarget } from '../../src/quotes/render-quote';
import { renderSearchResults } from '../../src/quotes/render-search';
import { longTextSource } from '../support/long-text';
import { expectWithinDiscordLimits } from '../support/view-limits';

const opEdLibrary = await loadLibrary('content');
const opEd = opEdLibrary.defaultText;
const longText = parseText(longTextSource(), 'long.md');
const library = createLibrary([opEd, longText]);

function target(text = opEd, section = 2, paragraph?: number): QuoteTarget {
  const found = text.sections[section - 1];
  if (!found) throw new Error('no such section');
  return { text, section: found, paragraph };
}

/** Undoes the renderer's escaping and paragraph markers: what a reader sees, as plain text. */
function unrender(description: string): { paragraph: number; text: string }[] {
  return description.split('\n\n').map((block) => {
    const match = /^(?:\*\*¶(\d+)\*\*|\*\(¶(\d+), (?:suite|continued)\)\*) ([\s\S]*)$/.exec(block);
    if (!match) throw new Error(`unexpected block: ${block.slice(0, 40)}`);
    return {
      paragraph: Number(match[1] ?? match[2]),
      text: (match[3] ?? '').replace(/\\([\\*_~`|[\]>#-])/g, '$1'),
    };
  });
}

describe('renderQuotePage', () => {
  it('shows a section of the op-ed on one page, with heading, attribution and source', () => {
    const view = renderQuotePage(target(), 0, 'fr');
    const [embed] = view.embeds ?? [];
    expect(embed?.title).toBe('§2 · L’IA, comme on ne vous en parle pas');
    expect(embed?.url).toBe(opEd.source);
    expect(embed?.footer).toBe(
      `Le Mouton Numérique, « Sommet de l’IA, montagne de dégâts… », 10 février 2025 — ${opEd.source}`,
    );
    expect(view.buttons).toEqual([]);
    expect(unrender(embed?.description ?? '').map((block) => block.text)).toEqual(
      opEd.sections[1]?.paragraphs,
    );
    expectWithinDiscordLimits(view);
  });

  it('marks an editorial title, in the reader’s language', () => {
    expect(renderQuotePage(target(opEd, 1), 0, 'fr').embeds?.[0]?.title).toBe(
      '§1 · Un sommet sous influence (titre de la rédaction)',
    );
    const english = renderQuotePage(target(opEd, 1), 0, 'en').embeds?.[0];
    expect(english?.title).toBe('§1 · Un sommet sous influence (editors’ title)');
    expect(english?.footer).toContain('10 February 2025');
  });

  it('quotes one paragraph', () => {
    const view = renderQuotePage(target(opEd, 3, 2), 0, 'fr');
    expect(view.embeds?.[0]?.title).toBe('§3 · Faire front : « l’IA » est une lutte sociale · ¶2');
    expect(unrender(view.embeds?.[0]?.description ?? '')).toEqual([
      { paragraph: 2, text: opEd.sections[2]?.paragraphs[1] },
    ]);
  });

  it('pages a long section so that nothing is cut and every page fits Discord', () => {
    const long = target(longText, 1);
    const pages = quotePages(long, 'fr');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const joined = new Map<number, string>();
    pages.forEach((_, index) => {
      const view = renderQuotePage(long, index, 'fr');
      expectWithinDiscordLimits(view);
      const embed = view.embeds?.[0];
      expect(embed?.footer).toContain(`Page ${index + 1}/${pages.length}`);
      for (const block of unrender(embed?.description ?? '')) {
        joined.set(block.paragraph, (joined.get(block.paragraph) ?? '') + block.text);
      }
    });
    expect([...joined.values()]).toEqual(longText.sections[0]?.paragraphs);
  });

  it('gives pages Previous/Next buttons that say which page they open', () => {
    const long = target(longText, 1);
    const count = quotePages(long, 'en').length;
    const first = renderQuotePage(long, 0, 'en').buttons?.[0] ?? [];
    expect(first.map((button) => [button.label, button.disabled])).toEqual([
      ['◀ Previous', true],
      ['Next ▶', false],
    ]);
    expect(parseCustomId(first[1]?.customId ?? '').parts).toEqual([
      longText.id,
      '1',
      '0',
      '1',
      'en',
    ]);
    const last = renderQuotePage(long, count - 1, 'en').buttons?.[0] ?? [];
    expect(last.map((button) => button.disabled)).toEqual([false, true]);
  });

  it('clamps a page beyond the end (a stale button after the text changed)', () => {
    const long = target(longText, 1);
    const count = quotePages(long, 'fr').length;
    expect(renderQuotePage(long, 99, 'fr')).toEqual(renderQuotePage(long, count - 1, 'fr'));
  });
});

describe('renderContents', () => {
  it('lists sections with numbers, titles and paragraph counts, and the other texts', () => {
    const view = renderContents(library, opEd, 0, 'fr');
    const [embed] = view.embeds ?? [];
    expect(embed?.title).toBe(opEd.title);
    expect(embed?.description).toContain(
      '§1 · Un sommet sous influence (titre de la rédaction) — 3 paragraphes',
    );
    expect(embed?.description).toContain(
      '§3 · Faire front : « l’IA » est une lutte sociale — 3 paragraphes',
    );
    expect(embed?.fields?.map((field) => field.name)).toContain('Autres textes');
    expect(embed?.footer).toContain('Le Mouton Numérique');
    expectWithinDiscordLimits(view);
  });
});

describe('renderSearchResults', () => {
  it('stays within Discord limits with five long results and a long query', () => {
    const query = 'phrase numéro long texte';
    const hits = searchPassages(library, query, { limit: 5, excerptLength: 300 });
    expect(hits).toHaveLength(5);
    const view = renderSearchResults(library, query.repeat(10), hits, 'fr');
    expectWithinDiscordLimits(view);
    expect(view.embeds?.[0]?.title?.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(view.embeds?.[0]?.fields?.[0]?.value).toMatch(/\*\*Phrase\*\*/);
  });
});
