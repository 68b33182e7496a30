import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { words } from '../../src/content/fold';
import { parseUpload, type UploadResult } from '../../src/content/upload/parse-upload';
import { parseText } from '../../src/content/parse-text';
import type { Text } from '../../src/content/text';
import {
  MAX_PARAGRAPH_LENGTH,
  MAX_PARAGRAPHS,
  MAX_REPORTED_PROBLEMS,
  MAX_SECTION_LENGTH,
  MAX_SECTIONS,
  MAX_UPLOAD_BYTES,
  PARAGRAPHS_PER_SECTION,
} from '../../src/content/text-limits';
import { messages } from '../../src/i18n/messages';
import { hostileString } from '../support/hostile-strings';
import { FRONT_MATTER as FRONT_MATTER_LINES } from '../support/texts';

const OP_ED = readFileSync(
  new URL('../../content/sommet-ia-montagne-de-degats.md', import.meta.url),
);
const META = {
  author: 'Auteur inconnu',
  date: '2025-03-01',
  language: 'fr',
  source: 'https://discord.com/channels/1/2',
};
const OPTIONS = { id: 'g1-t1', plainTextMeta: META };

const bytes = (source: string) => new TextEncoder().encode(source);
const upload = (name: string, content: string | Uint8Array): UploadResult =>
  parseUpload({ name, bytes: typeof content === 'string' ? bytes(content) : content }, OPTIONS);

function textOf(result: UploadResult): Text {
  if (!result.ok) throw new Error(`expected a text, got ${JSON.stringify(result.errors)}`);
  return result.text;
}

function errorsOf(result: UploadResult) {
  if (result.ok) throw new Error('expected problems');
  return result.errors.map(({ line, key, params }) => ({ line, key, params }));
}

const FRONT_MATTER = [...FRONT_MATTER_LINES, '---'].join('\n');

const FRONT_MATTER_KEYS = 'id, title, author, date, language, source, intro, note, credits';

describe('parseUpload, Markdown (.md): the format of content/', () => {
  it('reads the op-ed exactly as content/ does, with the caller’s id instead of the file’s', () => {
    const fromContent = parseText(OP_ED.toString('utf8'), 'op-ed.md');
    const result = upload('Op-Ed.MD', new Uint8Array(OP_ED));
    expect(result).toMatchObject({ ok: true, format: 'markdown', warnings: [] });
    expect(textOf(result)).toEqual({ ...fromContent, id: 'g1-t1' });
  });

  it.each([
    ['CRLF line ends', (source: string) => source.replace(/\n/g, '\r\n')],
    ['old Mac CR line ends', (source: string) => source.replace(/\n/g, '\r')],
    ['a byte order mark', (source: string) => `\uFEFF${source}`],
    ['a BOM and CRLF', (source: string) => `\uFEFF${source.replace(/\n/g, '\r\n')}`],
  ])('reads the same text with %s', (_, change) => {
    const plain = textOf(upload('a.md', new Uint8Array(OP_ED)));
    expect(textOf(upload('a.md', change(OP_ED.toString('utf8'))))).toEqual(plain);
  });

  it('reads the bytes as uploaded and leaves them untouched, so that export gives them back', () => {
    const uploaded = new TextEncoder().encode(
      `\uFEFF${OP_ED.toString('utf8').replace(/\n/g, '\r\n')}`,
    );
    const copy = uploaded.slice();
    expect(upload('a.md', uploaded).ok).toBe(true);
    expect(uploaded).toEqual(copy);
  });

  it('needs no id, and no discussion questions (then warns)', () => {
    const result = upload('a.md', `${FRONT_MATTER}\n\n## Première\n\nUn paragraphe.\n`);
    expect(textOf(result).id).toBe('g1-t1');
    expect(result.ok && result.warnings.map((warning) => warning.key)).toEqual([
      'texts.warning.noQuestions',
    ]);
  });

  it('names the sections without questions when only some have them', () => {
    const source = `${FRONT_MATTER}\n\n## Une\n\nA.\n\n?fr Q ?\n?en Q?\n\n## Deux\n\nB.\n\n## Trois\n\nC.\n`;
    const result = upload('a.md', source);
    expect(result.ok && result.warnings).toEqual([
      {
        line: undefined,
        key: 'texts.warning.sectionsWithoutQuestions',
        params: { count: 2, sections: '§2, §3' },
      },
    ]);
  });

  it('still refuses more than four questions to a section', () => {
    const questions = '?fr Q ?\n?en Q?\n'.repeat(5);
    expect(errorsOf(upload('a.md', `${FRONT_MATTER}\n## Une\n\nA.\n\n${questions}`))).toEqual([
      {
        line: 8,
        key: 'texts.error.questionCount',
        params: { title: 'Une', count: 5, min: 0, max: 4 },
      },
    ]);
  });

  it('ignores the file’s own id, whatever it says', () => {
    const source = FRONT_MATTER.replace('---\n', '---\nid: sommet-ia-montagne-de-degats!!\n');
    expect(textOf(upload('a.md', `${source}\n## Une\n\nA.\n`)).id).toBe('g1-t1');
  });

  it('reports every problem at once, each with its line', () => {
    const source = [
      '---',
      'title: Un texte',
      'author: Quelqu’un',
      'date: 2 janvier',
      'language: fr',
      'source: https://example.org/',
      'foo: bar',
      'evil: <@&123>',
      '---',
      '',
      'Avant toute section.',
      '',
      '## Une',
      '',
      '### Trop profond',
      '',
      'Un paragraphe.',
      '?de Frage?',
      '',
      '## ',
    ].join('\n');
    expect(errorsOf(upload('a.md', source))).toEqual([
      { line: 7, key: 'texts.error.unknownKey', params: { key: 'foo', keys: FRONT_MATTER_KEYS } },
      { line: 8, key: 'texts.error.unknownKey', params: { key: 'evil', keys: FRONT_MATTER_KEYS } },
      { line: 4, key: 'texts.error.badDate', params: {} },
      { line: 11, key: 'texts.error.textBeforeSection', params: {} },
      { line: 15, key: 'texts.error.deepHeading', params: {} },
      { line: 18, key: 'texts.error.questionLanguage', params: { language: 'de' } },
      { line: 20, key: 'texts.error.emptySectionTitle', params: {} },
      { line: 20, key: 'texts.error.emptySection', params: { title: '' } },
    ]);
  });

  it('stops after ten problems, and says so', () => {
    const source = `${FRONT_MATTER}\n${'# Pas le titre\n'.repeat(10_000)}`;
    const errors = errorsOf(upload('a.md', source));
    expect(errors).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(errors.at(-1)).toEqual({
      line: undefined,
      key: 'texts.error.tooManyProblems',
      params: { max: MAX_REPORTED_PROBLEMS },
    });
  });
});

describe('parseUpload, plain text (.txt)', () => {
  it('takes the title from the first non-blank line and sections from ## lines', () => {
    const source = [
      '',
      '# Le titre',
      'Une introduction',
      'sur deux lignes.',
      '',
      '## Première partie',
      'Un.',
      '',
      '',
      'Deux.',
      '##   Seconde partie  ',
      'Trois.',
      '### pas un titre',
      '#hashtag',
    ].join('\n');
    const result = upload('notes.txt', source);
    const text = textOf(result);
    expect(text).toMatchObject({ id: 'g1-t1', title: 'Le titre', ...META, intro: undefined });
    expect(text.sections).toEqual([
      {
        number: 1,
        title: 'Une introduction sur deux lignes.',
        editorialTitle: true,
        paragraphs: ['Une introduction sur deux lignes.'],
        questions: [],
      },
      {
        number: 2,
        title: 'Première partie',
        editorialTitle: false,
        paragraphs: ['Un.', 'Deux.'],
        questions: [],
      },
      {
        number: 3,
        title: 'Seconde partie',
        editorialTitle: false,
        paragraphs: ['Trois. ### pas un titre #hashtag'],
        questions: [],
      },
    ]);
    expect(result.ok && result.format).toBe('plain');
    expect(result.ok && result.warnings.map((warning) => [warning.key, warning.line])).toEqual([
      ['texts.warning.openingSection', 3],
      ['texts.warning.plainTextMeta', undefined],
      ['texts.warning.noQuestions', undefined],
    ]);
  });

  it.each([
    [1, 1, PARAGRAPHS_PER_SECTION],
    [5, 1, PARAGRAPHS_PER_SECTION],
    [12, 3, PARAGRAPHS_PER_SECTION],
    [MAX_SECTIONS * PARAGRAPHS_PER_SECTION, MAX_SECTIONS, PARAGRAPHS_PER_SECTION],
    [MAX_SECTIONS * PARAGRAPHS_PER_SECTION + 1, 167, 6],
    [MAX_PARAGRAPHS, MAX_SECTIONS, 10],
  ])(
    'without ## lines, makes %i paragraphs into %i sections of %i, and says so',
    (count, sections, size) => {
      const paragraphs = Array.from({ length: count }, (_, index) => `Paragraphe ${index + 1}.`);
      const result = upload('a.txt', `Titre\n\n${paragraphs.join('\n\n')}\n`);
      const text = textOf(result);
      expect(text.sections).toHaveLength(sections);
      expect(text.sections.map((section) => section.paragraphs.length)).toEqual(
        Array.from({ length: sections }, (_, index) => Math.min(size, count - index * size)),
      );
      expect(text.sections[1]?.title ?? 'Paragraphe 1.').toBe(
        sections > 1 ? `Paragraphe ${size + 1}.` : 'Paragraphe 1.',
      );
      expect(text.sections.every((section) => section.editorialTitle)).toBe(true);
      expect(result.ok && result.warnings[0]).toEqual({
        line: undefined,
        key: 'texts.warning.sectionsByParagraphs',
        params: { size },
      });
    },
  );

  it('titles a made section by its first words, cut between words', () => {
    const first =
      'Il était une fois, dans un pays lointain, une bibliothèque où personne ne lisait.';
    const text = textOf(upload('a.txt', `Titre\n\n${first}\n`));
    expect(text.sections[0]?.title).toBe(
      'Il était une fois, dans un pays lointain, une bibliothèque…',
    );
  });

  it('warns when long lines look like paragraphs without blank lines between them', () => {
    const line = 'Une longue phrase qui fait tout un paragraphe à elle seule. '.repeat(5);
    const result = upload('a.txt', `Titre\n\n${line}\n${line}\n${line}\n`);
    expect(result.ok && result.warnings).toContainEqual({
      line: 3,
      key: 'texts.warning.joinedLines',
      params: { count: 1, line: 3 },
    });
  });
});

/** A file of `size` bytes, all "a" and spaces, so only its size can be wrong. */
const filler = (size: number) => bytes('Titre\n\n' + 'aaaa '.repeat(size / 5)).slice(0, size);

describe('parseUpload refuses hostile or broken files with a clear problem', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const longParagraph = `Titre\n\n## Seule\n\n${'mot '.repeat(12_500)}\n`;
  const cases: [string, string, string | Uint8Array, unknown[]][] = [
    [
      'a PDF',
      'livre.pdf',
      'x',
      [{ line: undefined, key: 'texts.error.extension', params: { file: 'livre.pdf' } }],
    ],
    [
      'a file without extension',
      'md',
      'x',
      [expect.objectContaining({ key: 'texts.error.extension' })],
    ],
    [
      'a Word file renamed',
      'livre.docx.exe',
      'x',
      [expect.objectContaining({ key: 'texts.error.extension' })],
    ],
    [
      'an image named .txt',
      'image.txt',
      png,
      [{ line: 2, key: 'texts.error.binary', params: { character: 'U+001A' } }],
    ],
    [
      'a NUL byte',
      'a.txt',
      'Titre\n\nUn\u0000deux\n',
      [{ line: 3, key: 'texts.error.binary', params: { character: 'U+0000' } }],
    ],
    [
      'invalid UTF-8 (Latin-1)',
      'a.txt',
      new Uint8Array([...bytes('Titre\r\n\r\nCaf'), 0xe9, 0x0a]),
      [{ line: 3, key: 'texts.error.encoding', params: {} }],
    ],
    [
      'a lone continuation byte',
      'a.md',
      new Uint8Array([...bytes('---\n'), 0x80]),
      [{ line: 2, key: 'texts.error.encoding', params: {} }],
    ],
    [
      'UTF-16',
      'a.txt',
      new Uint8Array([0xff, 0xfe, 0x54, 0x00]),
      [{ line: 1, key: 'texts.error.encoding', params: {} }],
    ],
    [
      '10 MB',
      'a.txt',
      new Uint8Array(10 * 1024 * 1024),
      [{ line: undefined, key: 'texts.error.tooLarge', params: { size: 10_240, max: 512 } }],
    ],
    [
      'one byte over 512 KB',
      'a.txt',
      filler(MAX_UPLOAD_BYTES + 1),
      [{ line: undefined, key: 'texts.error.tooLarge', params: { size: 513, max: 512 } }],
    ],
    ['an empty file', 'a.txt', '', [{ line: undefined, key: 'texts.error.empty', params: {} }]],
    [
      'blank lines and a BOM',
      'a.md',
      '\uFEFF \r\n\t\r\n',
      [{ line: undefined, key: 'texts.error.empty', params: {} }],
    ],
    [
      'only a title',
      'a.txt',
      '\n  Un titre  \n\n',
      [{ line: 2, key: 'texts.error.noParagraph', params: {} }],
    ],
    [
      'only front matter and title',
      'a.md',
      `${FRONT_MATTER}\n\n# Un texte\n`,
      [{ line: 8, key: 'texts.error.noSection', params: {} }],
    ],
    [
      'a plain text sent as .md',
      'a.md',
      'Titre\n\nUn paragraphe.',
      [{ line: 1, key: 'texts.error.frontMatterStart', params: {} }],
    ],
    [
      'unclosed front matter',
      'a.md',
      '---\ntitle: x\n',
      [{ line: 1, key: 'texts.error.frontMatterEnd', params: {} }],
    ],
    [
      '10,000 headings (.txt)',
      'a.txt',
      `Titre\n${'## Titre\n'.repeat(10_000)}`,
      [{ line: 202, key: 'texts.error.tooManySections', params: { max: MAX_SECTIONS } }],
    ],
    [
      '10,000 headings (.md)',
      'a.md',
      `${FRONT_MATTER}\n${'## Titre\nA.\n'.repeat(10_000)}`,
      [
        {
          line: 8 + 2 * MAX_SECTIONS,
          key: 'texts.error.tooManySections',
          params: { max: MAX_SECTIONS },
        },
      ],
    ],
    [
      '2,001 paragraphs',
      'a.txt',
      `Titre\n\n${'P.\n\n'.repeat(MAX_PARAGRAPHS + 1)}`,
      [
        {
          line: 3 + 2 * MAX_PARAGRAPHS,
          key: 'texts.error.tooManyParagraphs',
          params: { max: MAX_PARAGRAPHS },
        },
      ],
    ],
    [
      'a paragraph of 50,000 characters',
      'a.txt',
      longParagraph,
      [
        {
          line: 5,
          key: 'texts.error.paragraphTooLong',
          params: { length: 49_999, max: MAX_PARAGRAPH_LENGTH },
        },
      ],
    ],
    [
      'a title of a whole paragraph',
      'a.txt',
      `${'Long. '.repeat(60)}\n\nP.`,
      [{ line: 1, key: 'texts.error.titleTooLong', params: { length: 359, max: 256 } }],
    ],
    [
      'a front matter line of 100,000 characters',
      'a.md',
      `---\n${'x'.repeat(100_000)}\n---\n`,
      [
        expect.objectContaining({
          line: 2,
          key: 'texts.error.frontMatterLine',
          params: { text: `${'x'.repeat(59)}…` },
        }),
      ],
    ],
  ];
  cases.push(
    [
      'a heading of 200,000 spaces',
      'a.md',
      `${FRONT_MATTER}\n## a${' '.repeat(200_000)}b\n\nP.\n`,
      [{ line: 8, key: 'texts.error.sectionTitleTooLong', params: { length: 200_002, max: 256 } }],
    ],
    [
      'a section of more than 100,000 characters',
      'a.txt',
      `Titre\n\n## Longue\n\n${`${'mot '.repeat(4_999)}mot\n\n`.repeat(6)}`,
      [
        {
          line: 3,
          key: 'texts.error.sectionTooLong',
          params: { title: 'Longue', max: MAX_SECTION_LENGTH },
        },
      ],
    ],
  );
  it.each(cases)('%s', (_, name, content, expected) => {
    expect(errorsOf(upload(name, content)).slice(0, expected.length)).toEqual(expected);
  });

  it('accepts a file at the limits: 512 KB, 200 sections, 2,000 paragraphs, paragraphs of 20,000', () => {
    const paragraph = 'x'.repeat(MAX_PARAGRAPH_LENGTH);
    const head = `Titre\n\n## Longue\n\n${paragraph}\n\n${paragraph}\n\n${'P.\n\n'.repeat(8)}`;
    const sections = Array.from(
      { length: MAX_SECTIONS - 1 },
      (_, index) => `## S${index + 2}\n\n${'P.\n\n'.repeat(10)}`,
    ).join('');
    let source = head + sections;
    const text0 = textOf(upload('a.txt', source));
    expect(text0.sections).toHaveLength(MAX_SECTIONS);
    expect(text0.sections.reduce((sum, s) => sum + s.paragraphs.length, 0)).toBe(MAX_PARAGRAPHS);
    source += ' '.repeat(MAX_UPLOAD_BYTES - bytes(source).length);
    expect(bytes(source).length).toBe(MAX_UPLOAD_BYTES);
    expect(textOf(upload('a.txt', source)).sections).toHaveLength(MAX_SECTIONS);
  });

  it('throws only on a caller’s bad id, never on what a file holds', () => {
    expect(() =>
      parseUpload({ name: 'a.txt', bytes: bytes('T\n\nP') }, { ...OPTIONS, id: '../x' }),
    ).toThrow(/id/);
  });
});

const KEYS = new Set(Object.keys(messages));

/** A problem a member can act on: a known message, and a line inside the file when it has one. */
function expectClearProblems(result: UploadResult, lineCount: number) {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(MAX_REPORTED_PROBLEMS + 1);
  for (const error of result.errors) {
    expect(KEYS.has(error.key)).toBe(true);
    if (error.line !== undefined) {
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lineCount);
    }
  }
}

const lineCountOf = (content: Uint8Array) =>
  content.reduce((count, byte, index) => {
    if (byte === 0x0a) return content[index - 1] === 0x0d ? count : count + 1;
    return byte === 0x0d ? count + 1 : count;
  }, 1);

describe('parseUpload never throws (property)', () => {
  it('on random bytes, as .txt or .md', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom('a.txt', 'a.md'),
        (content, name) => {
          expectClearProblems(parseUpload({ name, bytes: content }, OPTIONS), lineCountOf(content));
        },
      ),
    );
  });

  it('on hostile lines and Markdown constructs, as .txt or .md', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '---',
        '',
        '## Titre',
        '## ',
        '# Un texte',
        '### x',
        '?fr Q ?',
        '?en Q?',
        '?de x',
        'title: T',
        'id: X',
        'foo: bar',
        '```',
        '> x',
        '- x',
      ),
      hostileString(200),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.constantFrom('a.txt', 'a.md'),
        (lines, end, name) => {
          const content = bytes([FRONT_MATTER, ...lines].join(end));
          expectClearProblems(parseUpload({ name, bytes: content }, OPTIONS), lineCountOf(content));
        },
      ),
    );
  });
});

describe('the .txt parser (property)', () => {
  const word = fc.stringMatching(/^[a-zA-Z0-9éàçœ’'-]{1,8}$/);
  const phrase = (max: number) =>
    fc.array(word, { minLength: 1, maxLength: max }).map((list) => list.join(' '));
  const inputLine = fc.oneof(
    { weight: 6, arbitrary: phrase(8) },
    { weight: 4, arbitrary: fc.constantFrom('', ' ', '\t', '  \t ') },
    { weight: 1, arbitrary: phrase(4).map((title) => `## ${title}`) },
    { weight: 1, arbitrary: phrase(4).map((text) => `#${text}`) },
    { weight: 1, arbitrary: phrase(4).map((text) => `  > ${text} **${text}** ||x||`) },
  );
  const file = fc.record({
    lines: fc.array(inputLine, { maxLength: 80 }),
    end: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
  });

  /** Paragraphs after the title line: runs of non-blank lines that are not headings. */
  function model(lines: readonly string[]) {
    const titleIndex = lines.findIndex((line) => line.trim() !== '');
    const rest = lines.slice(titleIndex + 1);
    const isHeading = (line: string) => /^##(?:\s|$)/.test(line);
    let paragraphs = 0;
    let before = 0;
    let inParagraph = false;
    let headings = 0;
    for (const line of rest) {
      if (line.trim() === '' || isHeading(line)) {
        inParagraph = false;
        if (isHeading(line)) headings++;
      } else if (!inParagraph) {
        inParagraph = true;
        paragraphs++;
        if (headings === 0) before++;
      }
    }
    return { titleIndex, headings: rest.filter(isHeading), paragraphs, before };
  }

  it('never throws; every word of every line lands once, in order, in the title, a heading or a paragraph', () => {
    fc.assert(
      fc.property(file, ({ lines, end, bom }) => {
        const content = bytes((bom ? '\uFEFF' : '') + lines.join(end));
        const result = parseUpload({ name: 'a.txt', bytes: content }, OPTIONS);
        expectClearProblems(result, lineCountOf(content));
        if (!result.ok) return;
        const expected = lines.flatMap((line) => words(line).map((word) => word.folded));
        const { text } = result;
        const actual = [
          text.title,
          ...text.sections.flatMap((section) => [
            ...(section.editorialTitle ? [] : [section.title]),
            ...section.paragraphs,
          ]),
        ].flatMap((part) => words(part).map((word) => word.folded));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same text, warnings and problems whatever the line ends and byte order mark', () => {
    fc.assert(
      fc.property(file, ({ lines, end, bom }) => {
        const unix = parseUpload({ name: 'a.txt', bytes: bytes(lines.join('\n')) }, OPTIONS);
        const other = parseUpload(
          { name: 'a.txt', bytes: bytes((bom ? '\uFEFF' : '') + lines.join(end)) },
          OPTIONS,
        );
        expect(other).toEqual(unix);
      }),
      { numRuns: 300 },
    );
  });

  it('makes sections from ## lines, or one per N paragraphs when there are none', () => {
    fc.assert(
      fc.property(file, ({ lines, end }) => {
        const result = parseUpload({ name: 'a.txt', bytes: bytes(lines.join(end)) }, OPTIONS);
        const { titleIndex, headings, paragraphs, before } = model(lines);
        if (titleIndex === -1) {
          expect(errorsOf(result)).toEqual([expect.objectContaining({ key: 'texts.error.empty' })]);
          return;
        }
        if (headings.length === 0 && paragraphs === 0) {
          expect(errorsOf(result)).toEqual([
            { line: titleIndex + 1, key: 'texts.error.noParagraph', params: {} },
          ]);
          return;
        }
        if (!result.ok) {
          // Only a heading without paragraphs, or without a title, makes a valid-looking file fail.
          const keys = new Set(result.errors.map((error) => error.key));
          expect(
            [...keys].every((key) => /emptySection|emptySectionTitle|tooManyProblems/.test(key)),
          ).toBe(true);
          return;
        }
        const { sections } = result.text;
        if (headings.length === 0) {
          const size = Math.max(PARAGRAPHS_PER_SECTION, Math.ceil(paragraphs / MAX_SECTIONS));
          expect(sections).toHaveLength(Math.ceil(paragraphs / size));
          expect(result.warnings).toContainEqual({
            line: undefined,
            key: 'texts.warning.sectionsByParagraphs',
            params: { size },
          });
        } else {
          expect(sections).toHaveLength(headings.length + (before > 0 ? 1 : 0));
          expect(
            sections.filter((section) => !section.editorialTitle).map((section) => section.title),
          ).toEqual(headings.map((heading) => heading.slice(2).trim()));
          expect(sections[0]?.editorialTitle).toBe(before > 0);
        }
        expect(sections.reduce((sum, section) => sum + section.paragraphs.length, 0)).toBe(
          paragraphs,
        );
      }),
      { numRuns: 300 },
    );
  });
});
