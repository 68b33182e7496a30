import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/content/content-error';
import { loadLibrary } from '../../src/content/load-library';
import { parseText } from '../../src/content/parse-text';

const RAW = readFileSync(
  new URL('../../content/source/op-ed-sommet-ia.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '');

describe('the op-ed in content/', async () => {
  const library = await loadLibrary('content');
  const text = library.defaultText;

  it('has its metadata as front matter', () => {
    expect(text).toMatchObject({
      id: 'sommet-ia-montagne-de-degats',
      title: 'Sommet de l’IA, montagne de dégâts…',
      author: 'Le Mouton Numérique',
      date: '2025-02-10',
      language: 'fr',
    });
    expect(text.source).toMatch(/^https:\/\//);
    expect(text.intro).toBe(RAW[0]);
    expect(text.note).toBe(RAW[14]);
    expect(text.credits).toBe(RAW[15]);
  });

  it('has three sections: an untitled opening with an editorial title, then the two headed ones', () => {
    expect(text.sections.map((section) => [section.title, section.editorialTitle])).toEqual([
      ['Un sommet sous influence', true],
      ['L’IA, comme on ne vous en parle pas', false],
      ['Faire front : « l’IA » est une lutte sociale', false],
    ]);
    expect(RAW[5]).toBe(text.sections[1]?.title);
    expect(RAW[9]).toBe(text.sections[2]?.title);
  });

  it('keeps every paragraph exactly as in the raw file, and nothing else', () => {
    const paragraphs = text.sections.flatMap((section) => section.paragraphs);
    expect(paragraphs).toEqual([...RAW.slice(2, 5), ...RAW.slice(6, 9), ...RAW.slice(10, 13)]);
    const all = paragraphs.join('\n');
    expect(all).toContain('usager·es excédé·e·s');
    expect(all).toContain('« techno-oligarchie »');
    expect(all).not.toContain('Le Mouton Numérique\n');
    expect(all).not.toContain('[…]');
    expect(all).not.toContain('Crédits image');
  });

  it('gives every section two to four discussion questions in French and English', () => {
    for (const section of text.sections) {
      expect(section.questions.length).toBeGreaterThanOrEqual(2);
      expect(section.questions.length).toBeLessThanOrEqual(4);
      for (const question of section.questions) {
        expect(question.fr).toMatch(/\?$/);
        expect(question.en).toMatch(/\?$/);
      }
    }
  });
});

const VALID = `---
id: test
title: Un texte
author: Quelqu’un
date: 2024-01-02
language: fr
source: https://example.org/
---

# Un texte

## Première

Un paragraphe.

?fr Une question ?
?en A question?
?fr Une autre ?
?en Another?
`;

function errorOf(source: string): ContentError {
  try {
    parseText(source, 'bad.md');
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('parseText', () => {
  it('parses a minimal valid text', () => {
    const text = parseText(VALID, 'ok.md');
    expect(text.sections).toHaveLength(1);
    expect(text.sections[0]?.paragraphs).toEqual(['Un paragraphe.']);
    expect(text.sections[0]?.questions).toEqual([
      { fr: 'Une question ?', en: 'A question?' },
      { fr: 'Une autre ?', en: 'Another?' },
    ]);
  });

  it.each([
    ['no front matter', VALID.replace(/^---\n/, ''), 1, /front matter/],
    ['a missing key', VALID.replace('author: Quelqu’un\n', ''), 1, /lacks "author"/],
    ['an unknown key', VALID.replace('language: fr', 'lang: fr'), 6, /unknown front matter key/],
    ['a bad date', VALID.replace('2024-01-02', '2 janvier'), 5, /YYYY-MM-DD/],
    ['a bad id', VALID.replace('id: test', 'id: Un Test'), 2, /id must be/],
    ['a mismatched title', VALID.replace('# Un texte', '# Autre'), 10, /repeat/],
    ['text before a section', VALID.replace('## Première\n', ''), 13, /before the first/],
    ['an untranslated question', VALID.replace('?en Another?\n', ''), 18, /translation/],
    ['a lone translation', VALID.replace('?fr Une autre ?\n', ''), 18, /without its "\?fr"/],
    ['too few questions', VALID.replace('?fr Une autre ?\n?en Another?\n', ''), 12, /2 to 4/],
    ['a paragraph after the questions', `${VALID}\nEncore.\n`, 21, /after the discussion/],
    ['a deep heading', VALID.replace('## Première', '### Première'), 12, /headings/],
  ])('rejects %s with the file and line', (_, source, line, reason) => {
    const error = errorOf(source);
    expect(error.file).toBe('bad.md');
    expect(error.line).toBe(line);
    expect(error.reason).toMatch(reason);
    expect(error.message).toMatch(new RegExp(`^bad\\.md:${line}: `));
  });
});
