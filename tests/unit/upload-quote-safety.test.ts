import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLibrary } from '../../src/content/library';
import { loadLibrary } from '../../src/content/load-library';
import { parseUpload } from '../../src/content/upload/parse-upload';
import type { Section, Text } from '../../src/content/text';
import {
  MAX_META_LENGTH,
  MAX_PARAGRAPH_LENGTH,
  MAX_SECTIONS,
  MAX_TITLE_LENGTH,
} from '../../src/content/text-limits';
import type { Locale } from '../../src/i18n/locale';
import { searchPassages } from '../../src/content/search';
import { renderContents } from '../../src/quotes/render-contents';
import {
  quotePages,
  renderFragment,
  renderPageText,
  renderQuotePage,
  type QuoteTarget,
} from '../../src/quotes/render-quote';
import { renderSearchResults } from '../../src/quotes/render-search';
import { renderSectionPrompt } from '../../src/reading/core/render-prompt';
import { hostileString } from '../support/hostile-strings';
import { expectWithinDiscordLimits } from '../support/view-limits';

/** Markdown that works anywhere in a line, in Discord: emphasis, code, spoilers, masked links. */
const INLINE = new Set(['*', '_', '~', '`', '|', '[', ']']);

/**
 * Reads rendered text as Discord does: a backslash before ASCII punctuation shows that character
 * as is. Returns what a reader sees, and the Markdown characters left unescaped.
 */
function readAsDiscord(rendered: string): { shown: string; unescaped: string[] } {
  let shown = '';
  const unescaped: string[] = [];
  for (let index = 0; index < rendered.length; index++) {
    const char = rendered.charAt(index);
    const next = rendered.charAt(index + 1);
    if (char === '\\' && /[!-/:-@[-`{-~]/.test(next)) {
      shown += next;
      index++;
      continue;
    }
    if (INLINE.has(char)) unescaped.push(char);
    shown += char;
  }
  return { shown, unescaped };
}

/** Lines that would start a block of Markdown: heading, subtext, quote, list, code fence. */
const BLOCK_START = /^\s*(?:#|>|-|\+|\*|`|\d+\.)/;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
/** Tribune's own paragraph markers, "**¶2**" and "*(¶2, continued)*", begin its blocks. */
const OWN_MARKER = /^(?:\*\*¶\d+\*\* |\*\(¶\d+, (?:suite|continued)\)\* )/;

/** Every page of a quote: within Discord's limits, pinging nobody, the text shown as typed. */
function expectSafeQuote(target: QuoteTarget, locale: Locale) {
  const pages = quotePages(target, locale);
  const shown = new Map<number, string>();
  pages.forEach((page, index) => {
    const view = renderQuotePage(target, index, locale);
    expectWithinDiscordLimits(view);
    expect(view.pingRoles ?? []).toEqual([]);
    expect(view.content).toBeUndefined();
    const description = view.embeds?.[0]?.description ?? '';
    expect(description).toBe(renderPageText(page, locale));
    for (const line of description.split(LINE_BREAK)) {
      if (!OWN_MARKER.test(line)) expect(line).not.toMatch(BLOCK_START);
    }
    for (const fragment of page) {
      const rendered = renderFragment(fragment, locale);
      const marker = OWN_MARKER.exec(rendered)?.[0] ?? '';
      expect(marker).not.toBe('');
      const read = readAsDiscord(rendered.slice(marker.length));
      expect(read.unescaped).toEqual([]);
      expect(read.shown).toBe(fragment.text);
      shown.set(fragment.paragraph, (shown.get(fragment.paragraph) ?? '') + read.shown);
    }
  });
  expect([...shown.values()]).toEqual(
    target.paragraph === undefined
      ? target.section.paragraphs
      : [target.section.paragraphs[target.paragraph - 1]],
  );
}

/** A text with every metadata at its longest, so that nothing but the paragraphs is left to vary. */
function textAtLimits(paragraphs: readonly string[], sectionCount = 1): Text {
  const sections: Section[] = Array.from({ length: sectionCount }, (_, index) => ({
    number: index + 1,
    title: `${index + 1} ${'Titre *de* section '.repeat(20)}`.slice(0, MAX_TITLE_LENGTH),
    editorialTitle: index % 2 === 0,
    paragraphs,
    questions: [],
  }));
  return {
    id: 'g1-t25',
    title: '# Titre `du` texte '.repeat(20).slice(0, MAX_TITLE_LENGTH),
    author: '@everyone <@&1300000000000000202> '.repeat(10).slice(0, MAX_META_LENGTH.author),
    date: '2025-09-30',
    language: 'fr',
    source: `https://example.org/${'a_b'.repeat(200)}`.slice(0, MAX_META_LENGTH.source),
    intro: '> intro '.repeat(200).slice(0, MAX_META_LENGTH.intro),
    note: undefined,
    credits: undefined,
    sections,
  };
}

function target(text: Text, paragraph?: number): QuoteTarget {
  const section = text.sections[0];
  if (!section) throw new Error('no section');
  return { text, section, paragraph };
}

/** Markdown and mentions an organiser’s text may hold, at line starts and inside lines. */
const MARKDOWN = [
  '# ',
  '## ',
  '### ',
  '-# ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '> ',
  '>>> ',
  '```',
  '```js\n',
  '`',
  '**',
  '__',
  '~~',
  '||',
  '[lien](https://evil.example/)',
  '<https://example.org>',
  '@everyone',
  '@here',
  '<@1300000000000000401>',
  '<@&1300000000000000202>',
  '<#1300000000000000301>',
  '<t:1700000000:R>',
  '\\',
  '\n',
  '\r\n',
  '\n\n',
  '\u2028',
  '  ',
  '\t',
  'mot',
  'l’IA ',
  '. ',
  '😀',
];

const markdownSoup = fc
  .array(fc.constantFrom(...MARKDOWN), { minLength: 1, maxLength: 400 })
  .map((parts) => parts.join(''));

/** Any paragraph text: Markdown soup, hostile strings, any code points, sometimes very long. */
const paragraphText = fc.oneof(
  { weight: 3, arbitrary: markdownSoup },
  { weight: 2, arbitrary: hostileString(3000) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3000 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(markdownSoup, fc.integer({ min: 1, max: MAX_PARAGRAPH_LENGTH }))
      .map(([soup, length]) => soup.repeat(Math.ceil(length / soup.length)).slice(0, length)),
  },
);

describe('quoting any paragraph text (property)', () => {
  it('stays within Discord’s limits, pings nobody, starts no Markdown block and shows the text as typed', () => {
    fc.assert(
      fc.property(
        fc.array(paragraphText, { minLength: 1, maxLength: 3 }),
        fc.constantFrom<Locale>('fr', 'en'),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        (paragraphs, locale, paragraph) => {
          const text = textAtLimits(paragraphs);
          expectSafeQuote(
            target(text, paragraph && Math.min(paragraph, paragraphs.length)),
            locale,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('quoting an uploaded text', () => {
  const TXT = [
    'Un texte piégé',
    '',
    '# Pas un titre',
    '',
    '```js',
    '',
    '> une citation',
    '',
    '- une liste',
    '',
    '-# petit texte',
    '',
    '1. premier',
    '',
    'Un [lien masqué](https://evil.example/) et @everyone, <@&1300000000000000202>, ||divulgâcheur||.',
  ].join('\n');
  const result = parseUpload(
    { name: 'piege.txt', bytes: new TextEncoder().encode(TXT) },
    {
      id: 'g1-t2',
      plainTextMeta: {
        author: 'Quelqu’un',
        date: '2025-01-01',
        language: 'fr',
        source: 'https://example.org/',
      },
    },
  );
  if (!result.ok) throw new Error('expected a text');
  const text = result.text;

  it('keeps the paragraphs exactly as written, Markdown and all', () => {
    expect(text.sections[0]?.paragraphs).toEqual([
      '# Pas un titre',
      '```js',
      '> une citation',
      '- une liste',
      '-# petit texte',
    ]);
  });

  it('escapes Markdown when quoting, and leaves mentions as typed (no message parses them)', () => {
    const first = text.sections[0];
    const second = text.sections[1];
    if (!first || !second) throw new Error('expected two sections');
    const description = (section: Section) =>
      renderQuotePage({ text, section, paragraph: undefined }, 0, 'fr').embeds?.[0]?.description;
    expect(description(first)).toBe(
      [
        '**¶1** \\# Pas un titre',
        '**¶2** \\`\\`\\`js',
        '**¶3** \\> une citation',
        '**¶4** \\- une liste',
        '**¶5** \\-# petit texte',
      ].join('\n\n'),
    );
    expect(description(second)).toBe(
      [
        '**¶1** 1\\. premier',
        '**¶2** Un \\[lien masqué\\](https://evil.example/) et @everyone, <@&1300000000000000202>, \\|\\|divulgâcheur\\|\\|.',
      ].join('\n\n'),
    );
    for (const section of text.sections) {
      expectSafeQuote({ text, section, paragraph: undefined }, 'fr');
    }
  });
});

describe('at the limits', () => {
  const longest = '*_`|[]\\'.repeat(MAX_PARAGRAPH_LENGTH / 7 + 1).slice(0, MAX_PARAGRAPH_LENGTH);

  it('pages a paragraph of the longest length, every character escaped, within Discord', () => {
    const text = textAtLimits([longest, longest]);
    const pages = quotePages(target(text), 'fr');
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expectSafeQuote(target(text), 'fr');
    expectSafeQuote(target(text, 2), 'en');
  });

  it('fits a reading prompt of that section within Discord', () => {
    const text = textAtLimits([longest]);
    const section = text.sections[0];
    if (!section) throw new Error('no section');
    const view = renderSectionPrompt(text, section, 200, { locale: 'fr', roleId: undefined });
    expectWithinDiscordLimits(view);
  });

  it('fits every page of the contents of 200 long-titled sections beside 25 other texts', async () => {
    const text = textAtLimits(['Un paragraphe.'], MAX_SECTIONS);
    const others = Array.from({ length: 25 }, (_, index) => ({
      ...textAtLimits(['P.']),
      id: `g1-t${index}`,
    }));
    const opEd = (await loadLibrary('content')).defaultText;
    const library = createLibrary([opEd, ...others, text]);
    const first = renderContents(library, text, 0, 'fr');
    const footer = first.embeds?.[0]?.footer ?? '';
    const pageCount = Number(/Page 1\/(\d+)/.exec(footer)?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    const listed: string[] = [];
    for (let page = 0; page < pageCount; page++) {
      for (const locale of ['fr', 'en'] as const) {
        const view = renderContents(library, text, page, locale);
        expectWithinDiscordLimits(view);
        if (locale === 'fr') listed.push(...(view.embeds?.[0]?.description ?? '').split('\n'));
      }
    }
    expect(listed.filter((line) => line.startsWith('§')).length).toBe(MAX_SECTIONS);
  });
});

describe('a hostile text of 500 KB', () => {
  // Runs of punctuation, escapes and repeated words made paging and search quadratic: these
  // took seconds to minutes a page or a search before.
  const paragraph = (unit: string) => unit.repeat(Math.floor(19_999 / unit.length));
  const source = ['Titre', '']
    .concat(
      ['.', '!', '*_', 'aa ', '\u2028x'].flatMap((unit, index) => [
        `## S${index + 1}`,
        '',
        ...Array.from({ length: 4 }, () => [paragraph(unit), '']).flat(),
      ]),
    )
    .join('\n');
  const result = parseUpload(
    { name: 'hostile.txt', bytes: new TextEncoder().encode(source) },
    {
      id: 'g1-t3',
      plainTextMeta: { author: 'A', date: '2025-01-01', language: 'fr', source: 'https://x.org/' },
    },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { text } = result;

  it('is quoted within Discord’s limits, every page of every section', () => {
    for (const section of text.sections) {
      const pages = quotePages({ text, section, paragraph: undefined }, 'fr');
      expect(pages.length).toBeGreaterThanOrEqual(15);
      for (const index of [0, Math.floor(pages.length / 2), pages.length - 1]) {
        expectWithinDiscordLimits(
          renderQuotePage({ text, section, paragraph: undefined }, index, 'fr'),
        );
      }
    }
  });

  it('is searched, with an excerpt around the words found', () => {
    const hits = searchPassages(createLibrary([text]), 'aa', { limit: 5, excerptLength: 300 });
    expect(hits.map((hit) => hit.ref.section)).toEqual([4, 4, 4, 4]);
    expect(hits.every((hit) => hit.excerpt.length <= 302)).toBe(true);
    expectWithinDiscordLimits(renderSearchResults(createLibrary([text]), 'aa', hits, 'fr'));
  });
});
