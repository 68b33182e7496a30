import fc from 'fast-check';

/** Pieces a hostile or careless member might type. */
const NASTY = [
  '@everyone',
  '@here',
  '<@1300000000000000401>',
  '<@!1300000000000000402>',
  '<@&1300000000000000202>',
  '<#1300000000000000301>',
  '```',
  '**',
  '__',
  '||spoiler||',
  '> quote',
  '# titre',
  '[lien](https://example.org)',
  '\u200b',
  '\u200f',
  '\u202e',
  '\ufeff',
  '\u0000',
  'é',
  'e\u0301',
  '🏳️‍🌈',
  '𝕿𝖗𝖎𝖇𝖚𝖓𝖊',
  'l’IA',
  ':',
  '%40original',
  '\\',
  '\n',
];

/** Random Unicode mixed with mentions, Markdown, zero-width and right-to-left characters. */
export function hostileString(maxLength: number): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...NASTY),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 10 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''))
    .chain((text) =>
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(text) },
        // At and beyond the length limit.
        { weight: 1, arbitrary: fc.constant((text || 'x').repeat(maxLength).slice(0, maxLength)) },
      ),
    )
    .map((text) => text.slice(0, maxLength))
    .filter((text) => text.trim() !== '');
}
