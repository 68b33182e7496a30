/**
 * Folds text for matching: case, accents, ligatures and typographic apostrophes do not matter
 * to a reader typing "societe" for "société" or "l'IA" for "l’IA".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/[’‘ʼ`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Word {
  /** Offset of the word in the original string. */
  readonly start: number;
  readonly end: number;
  readonly folded: string;
}

/** Splits text into words (letters and digits; apostrophes and hyphens separate, as in "l’IA"). */
export function words(text: string): Word[] {
  const result: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    result.push({
      start: match.index,
      end: match.index + match[0].length,
      folded: fold(match[0]),
    });
  }
  return result;
}
