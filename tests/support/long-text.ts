import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A second text for tests, with a section far longer than one message: paragraphs of several
 * thousand characters, one of them a single sentence, and Markdown characters to escape.
 */
export function longTextSource(): string {
  const sentence = (index: number) =>
    `Phrase numéro ${index} du long texte, avec *astérisques*, _soulignés_ et « guillemets ». `;
  const paragraph = (from: number, count: number) =>
    Array.from({ length: count }, (_, index) => sentence(from + index))
      .join('')
      .trim();
  const oneSentence = `Une seule phrase ${'sans point final et très longue '.repeat(150)}qui finit ici.`;
  return [
    '---',
    'id: long-texte-essai',
    'title: Un long texte d’essai',
    'author: Collectif Essai',
    'date: 2024-03-08',
    'language: fr',
    'source: https://example.org/long',
    '---',
    '',
    '## Très longue section',
    '',
    paragraph(1, 40),
    '',
    paragraph(41, 25),
    '',
    oneSentence,
    '',
    paragraph(66, 10),
    '',
    '?fr Première question ?',
    '?en First question?',
    '?fr Deuxième question ?',
    '?en Second question?',
    '',
    '## Courte section',
    '',
    'Un paragraphe court.',
    '',
    '?fr Une question ?',
    '?en A question?',
    '?fr Une autre ?',
    '?en Another?',
    '',
  ].join('\n');
}

/** A content folder holding the op-ed and the long text. */
export async function writeContentWithLongText(
  directory: string,
  opEdSource: string,
): Promise<void> {
  await writeFile(join(directory, 'a-sommet.md'), opEdSource);
  await writeFile(join(directory, 'b-long.md'), longTextSource());
}
