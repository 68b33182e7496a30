import type { FontMetrics } from './ttf';

/**
 * Text made safe to draw with one font, then measured, wrapped and ellipsised. Widths are the
 * font's own advances, and the font is drawn without kerning or ligatures (`ttf-subset.ts`), so
 * text is drawn as wide as measured: text laid out here never overflows the width it was given.
 */

const ELLIPSIS = '…';
/** Tried in order: the first one the font can draw marks what it cannot. */
const SUBSTITUTES = ['\u25a1', '\ufffd', '?'];

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const CONTROL = /\p{Cc}/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
/** Latin, IPA, and punctuation without joiners or directional marks (U+200B–200F, U+2028–202F). */
const NEVER_JOINED = /^[\u0020-\u007e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

/** One user-perceived character as it will be drawn, and its width in ems. */
interface Cluster {
  readonly text: string;
  readonly em: number;
}

/**
 * What the font will draw for `text`: whitespace runs become one space (SVG collapses them
 * anyway), control characters go (nobody sees them in Discord either), and every character the
 * font cannot draw (most emoji, flags, broken surrogates) becomes one visible mark, so that it
 * degrades visibly instead of vanishing. A whole emoji sequence (👨‍👩‍👧, 🇫🇷) becomes one mark.
 */
export function drawableText(text: string, font: FontMetrics): string {
  return clusters(text, font)
    .map((cluster) => cluster.text)
    .join('');
}

/** Width in pixels of `text` (already drawable) at `size` pixels. */
export function textWidth(text: string, size: number, font: FontMetrics): number {
  return emWidth(clusters(text, font)) * size;
}

/** `text` on one line of at most `width` pixels, ellipsised when it does not fit. */
export function fitLine(text: string, width: number, size: number, font: FontMetrics): string {
  return ellipsise(clusters(text, font), width / size, font);
}

/**
 * `text` wrapped at spaces into at most `maxLines` lines of at most `width` pixels; a word
 * longer than a line is broken between characters, and the last line is ellipsised if text is left.
 */
export function wrapLines(
  text: string,
  width: number,
  size: number,
  maxLines: number,
  font: FontMetrics,
): string[] {
  const limit = width / size;
  const space = emOf(' ', font);
  const lines: Cluster[][] = [];
  let line: Cluster[] = [];
  let lineEm = 0;
  const words = splitWords(clusters(text, font));
  for (const [index, word] of words.entries()) {
    const wordEm = emWidth(word);
    const gap = line.length === 0 ? 0 : space;
    if (lineEm + gap + wordEm <= limit) {
      if (gap > 0) line.push({ text: ' ', em: space });
      line.push(...word);
      lineEm += gap + wordEm;
      continue;
    }
    if (line.length > 0) lines.push(line);
    // Too long for a line of its own: cut it between characters.
    let rest = word;
    let restEm = wordEm;
    while (restEm > limit && lines.length < maxLines) {
      const cut = Math.max(1, fittingCount(rest, limit));
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
      restEm = emWidth(rest);
    }
    line = rest;
    lineEm = restEm;
    if (lines.length >= maxLines) {
      const left = words.slice(index + 1);
      return finish(lines, maxLines, rest.length > 0 || left.length > 0, limit, font);
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map(join);
}

function finish(
  lines: Cluster[][],
  maxLines: number,
  truncated: boolean,
  limit: number,
  font: FontMetrics,
): string[] {
  const kept = lines.slice(0, maxLines);
  if (!truncated || kept.length === 0) return kept.map(join);
  const last = kept.length - 1;
  return kept.map((line, index) =>
    index === last ? ellipsise(line, limit, font, true) : join(line),
  );
}

/** `parts` if they fit `limit` ems (unless `always`), else their longest start that fits with "…". */
function ellipsise(parts: readonly Cluster[], limit: number, font: FontMetrics, always = false) {
  if (!always && emWidth(parts) <= limit) return join(parts);
  const room = limit - emOf(ELLIPSIS, font);
  const kept = parts.slice(0, fittingCount(parts, room));
  return `${join(kept).trimEnd()}${ELLIPSIS}`;
}

function fittingCount(parts: readonly Cluster[], limit: number): number {
  let total = 0;
  for (const [index, part] of parts.entries()) {
    total += part.em;
    if (total > limit) return index;
  }
  return parts.length;
}

function splitWords(parts: readonly Cluster[]): Cluster[][] {
  const words: Cluster[][] = [];
  let word: Cluster[] = [];
  for (const part of parts) {
    if (part.text !== ' ') {
      word.push(part);
      continue;
    }
    if (word.length > 0) words.push(word);
    word = [];
  }
  if (word.length > 0) words.push(word);
  return words;
}

function clusters(text: string, font: FontMetrics): Cluster[] {
  const substitute = SUBSTITUTES.find((mark) => drawable(mark, font)) ?? '?';
  const result: Cluster[] = [];
  for (const segment of userCharacters(text.normalize('NFC').replace(/\s+/g, ' ').trim())) {
    const shown = shownAs(segment, substitute, font);
    if (shown !== '') result.push({ text: shown, em: emOf(shown, font) });
  }
  return result;
}

/** What is drawn for one user-perceived character: itself, the substitute, or nothing. */
function shownAs(segment: string, substitute: string, font: FontMetrics): string {
  if (!CONTROL.test(segment) && drawable(segment, font)) return segment;
  // Invisible characters the font lacks (a joiner, a variation selector) would draw as boxes.
  let kept = '';
  for (const char of segment) {
    if (!CONTROL.test(char) && (drawable(char, font) || !INVISIBLE.test(char))) kept += char;
  }
  if (kept === '') return '';
  return drawable(kept, font) ? kept : substitute;
}

/**
 * User-perceived characters. Text made only of characters that never join others (most Latin
 * text) is split by code point, several times faster than `Intl.Segmenter`, which it matches there.
 */
export function userCharacters(text: string): Iterable<string> {
  if (NEVER_JOINED.test(text)) return text;
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

function drawable(text: string, font: FontMetrics): boolean {
  for (const char of text) {
    if (!font.advances.has(char.codePointAt(0) ?? 0)) return false;
  }
  return true;
}

function emOf(text: string, font: FontMetrics): number {
  let units = 0;
  for (const char of text) units += font.advances.get(char.codePointAt(0) ?? 0) ?? 0;
  return units / font.unitsPerEm;
}

function emWidth(parts: readonly Cluster[]): number {
  return parts.reduce((total, part) => total + part.em, 0);
}

function join(parts: readonly Cluster[]): string {
  return parts.map((part) => part.text).join('');
}
