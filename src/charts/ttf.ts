/**
 * What the chart needs to know about a TrueType font, read from its bytes: which code points it can
 * draw (`cmap`) and how wide each one is (`hmtx`). Knowing coverage lets the chart replace what
 * the font cannot draw with a visible mark instead of letting it vanish; knowing widths lets it
 * wrap and ellipsise text so that nothing overflows the picture.
 */
export interface FontMetrics {
  readonly unitsPerEm: number;
  /** Advance width, in font units, of every code point the font maps to a real glyph. */
  readonly advances: ReadonlyMap<number, number>;
}

export interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

/** A parsed font file: its metrics, and what `subsetFont` needs to cut it down. */
export interface TrueTypeFont extends FontMetrics {
  readonly view: DataView;
  readonly tables: ReadonlyMap<string, TableRecord>;
  /** Glyph id of every code point the font draws. */
  readonly glyphs: ReadonlyMap<number, number>;
  readonly glyphCount: number;
  readonly longHorMetrics: number;
}

/** Parses the table directory, `head`, `hhea`, `maxp`, `hmtx` and `cmap`; throws on anything it cannot read. */
export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableDirectory(view);
  const at = (tag: string) => tableOf(tables, tag).offset;
  if (view.getUint32(at('head') + 12) !== 0x5f0f3cf5) {
    throw new Error('Not a usable TrueType font: bad "head" table');
  }
  const unitsPerEm = view.getUint16(at('head') + 18);
  const longHorMetrics = view.getUint16(at('hhea') + 34);
  const glyphCount = view.getUint16(at('maxp') + 4);
  if (unitsPerEm === 0 || longHorMetrics === 0 || tables.get('glyf') === undefined) {
    throw new Error('Not a usable TrueType font: no metrics or no TrueType outlines');
  }
  const hmtx = at('hmtx');
  const glyphs = new Map<number, number>();
  const advances = new Map<number, number>();
  for (const [codePoint, glyph] of unicodeGlyphs(view, at('cmap'))) {
    if (glyph === 0 || glyph >= glyphCount) continue;
    glyphs.set(codePoint, glyph);
    // Glyphs past the last long metric share its advance (monospaced tails).
    advances.set(codePoint, view.getUint16(hmtx + 4 * Math.min(glyph, longHorMetrics - 1)));
  }
  return { unitsPerEm, advances, view, tables, glyphs, glyphCount, longHorMetrics };
}

export function tableOf(tables: ReadonlyMap<string, TableRecord>, tag: string): TableRecord {
  const record = tables.get(tag);
  if (record === undefined) throw new Error(`Not a usable TrueType font: no "${tag}" table`);
  return record;
}

function tableDirectory(view: DataView): Map<string, TableRecord> {
  // 0x00010000: TrueType outlines; 'true': Apple's old tag for the same.
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) {
    throw new Error('Not a TrueType font file');
  }
  const count = view.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let index = 0; index < count; index += 1) {
    const record = 12 + 16 * index;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    if (offset + length > view.byteLength) throw new Error(`Truncated font: "${tag}" table`);
    tables.set(tag, { offset, length });
  }
  return tables;
}

/** The best Unicode subtable: full repertoire (format 12) first, then the BMP (format 4). */
function unicodeGlyphs(view: DataView, cmap: number): Iterable<readonly [number, number]> {
  const count = view.getUint16(cmap + 2);
  let bmp: number | undefined;
  for (let index = 0; index < count; index += 1) {
    const record = cmap + 4 + 8 * index;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const subtable = cmap + view.getUint32(record + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(subtable);
    if (format === 12) return format12(view, subtable);
    if (format === 4) bmp ??= subtable;
  }
  if (bmp === undefined) throw new Error('Not a usable TrueType font: no Unicode cmap');
  return format4(view, bmp);
}

function* format12(view: DataView, subtable: number): Generator<readonly [number, number]> {
  const groups = view.getUint32(subtable + 12);
  for (let index = 0; index < groups; index += 1) {
    const group = subtable + 16 + 12 * index;
    const start = view.getUint32(group);
    const end = Math.min(view.getUint32(group + 4), 0x10ffff);
    const glyph = view.getUint32(group + 8);
    for (let codePoint = start; codePoint <= end; codePoint += 1) {
      yield [codePoint, glyph + codePoint - start];
    }
  }
}

function* format4(view: DataView, subtable: number): Generator<readonly [number, number]> {
  const segments = view.getUint16(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let segment = 0; segment < segments; segment += 1) {
    const end = view.getUint16(ends + 2 * segment);
    const start = view.getUint16(starts + 2 * segment);
    const delta = view.getUint16(deltas + 2 * segment);
    const rangeOffsetAt = rangeOffsets + 2 * segment;
    const rangeOffset = view.getUint16(rangeOffsetAt);
    for (let codePoint = start; codePoint <= end && codePoint !== 0xffff; codePoint += 1) {
      if (rangeOffset === 0) {
        yield [codePoint, (codePoint + delta) & 0xffff];
        continue;
      }
      // The offset is relative to where it is stored (the spec's pointer arithmetic).
      const glyph = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (codePoint - start));
      yield [codePoint, glyph === 0 ? 0 : (glyph + delta) & 0xffff];
    }
  }
}
