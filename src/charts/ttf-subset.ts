import { tableOf, type TrueTypeFont } from './ttf';

/**
 * A TrueType file holding only the glyphs needed to draw `text` (and `.notdef`), with renumbered
 * ids. Why: resvg's Node binding reads its font file again for every glyph it draws, so drawing
 * 2,000 glyphs with DejaVu Sans (740 KiB) copied over a gigabyte and took ~200 ms; a subset of a few
 * dozen KiB takes a few ms. Layout tables (GSUB, GPOS, kern) name glyph ids and are left out, and
 * hinting with them (resvg does not hint): text loses kerning, nothing else.
 */
export function subsetFont(font: TrueTypeFont, text: string): Uint8Array {
  const glyphs = glyphsFor(font, text);
  const order = [...glyphs.used].sort((a, b) => a - b);
  const newId = new Map(order.map((glyph, index) => [glyph, index]));
  const glyf = outlines(font, order, newId);
  const tables: Record<string, Uint8Array> = {
    'OS/2': copy(font, 'OS/2'),
    cmap: unicodeCmap(glyphs.byCodePoint, newId),
    glyf: glyf.data,
    head: patched(copy(font, 'head'), (view) => {
      view.setUint32(8, 0); // checkSumAdjustment, set once the file is assembled
      view.setInt16(50, 1); // long offsets in loca
    }),
    hhea: patched(copy(font, 'hhea'), (view) => view.setUint16(34, order.length)),
    hmtx: horizontalMetrics(font, order),
    loca: glyf.loca,
    maxp: patched(copy(font, 'maxp'), (view) => view.setUint16(4, order.length)),
    name: names(font),
    // Version 3: no glyph names, which would name the old ids.
    post: patched(bytesOf(font, tableOf(font.tables, 'post').offset, 32), (view) =>
      view.setUint32(0, 0x00030000),
    ),
  };
  return assemble(tables);
}

interface GlyphSet {
  readonly used: ReadonlySet<number>;
  readonly byCodePoint: ReadonlyMap<number, number>;
}

function glyphsFor(font: TrueTypeFont, text: string): GlyphSet {
  const used = new Set<number>([0]);
  const byCodePoint = new Map<number, number>();
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    const glyph = font.glyphs.get(codePoint);
    if (glyph === undefined) continue;
    byCodePoint.set(codePoint, glyph);
    used.add(glyph);
  }
  // Accented letters are often composites of other glyphs, which must come along.
  const pending = [...used];
  for (let glyph = pending.pop(); glyph !== undefined; glyph = pending.pop()) {
    for (const { glyph: part } of components(font, glyph)) {
      if (used.has(part)) continue;
      used.add(part);
      pending.push(part);
    }
  }
  return { used, byCodePoint };
}

function glyphBytes(font: TrueTypeFont, glyph: number): { start: number; end: number } {
  const { view } = font;
  const head = tableOf(font.tables, 'head').offset;
  const loca = tableOf(font.tables, 'loca').offset;
  const glyf = tableOf(font.tables, 'glyf').offset;
  if (glyph >= font.glyphCount) throw new Error(`Broken font: glyph ${glyph} out of range`);
  const long = view.getInt16(head + 50) === 1;
  const offset = (index: number) =>
    long ? view.getUint32(loca + 4 * index) : 2 * view.getUint16(loca + 2 * index);
  return { start: glyf + offset(glyph), end: glyf + offset(glyph + 1) };
}

/** A composite glyph's parts, with where each part's glyph id is stored (to renumber it). */
function components(font: TrueTypeFont, glyph: number): { at: number; glyph: number }[] {
  const { view } = font;
  const { start, end } = glyphBytes(font, glyph);
  if (end - start < 10 || view.getInt16(start) >= 0) return [];
  const parts: { at: number; glyph: number }[] = [];
  let position = start + 10;
  for (;;) {
    const flags = view.getUint16(position);
    parts.push({ at: position + 2 - start, glyph: view.getUint16(position + 2) });
    position += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) position += 2;
    else if (flags & 0x0040) position += 4;
    else if (flags & 0x0080) position += 8;
    if ((flags & 0x0020) === 0) return parts;
  }
}

function outlines(font: TrueTypeFont, order: readonly number[], newId: Map<number, number>) {
  const pieces = order.map((glyph) => {
    const { start, end } = glyphBytes(font, glyph);
    const bytes = bytesOf(font, start, end - start);
    const view = new DataView(bytes.buffer);
    for (const part of components(font, glyph)) view.setUint16(part.at, newId.get(part.glyph) ?? 0);
    return bytes;
  });
  const loca = new Uint8Array(4 * (order.length + 1));
  const locaView = new DataView(loca.buffer);
  let offset = 0;
  pieces.forEach((piece, index) => {
    locaView.setUint32(4 * index, offset);
    offset += padded(piece.length);
  });
  locaView.setUint32(4 * order.length, offset);
  const data = new Uint8Array(offset);
  let at = 0;
  for (const piece of pieces) {
    data.set(piece, at);
    at += padded(piece.length);
  }
  return { data, loca };
}

/**
 * The `name` table without the license's full text and URL (14 KiB of DejaVu's 15), which this
 * file, read for every glyph and deleted once drawn, has no use for; the copyright stays.
 */
function names(font: TrueTypeFont): Uint8Array {
  const { view } = font;
  const table = tableOf(font.tables, 'name').offset;
  const count = view.getUint16(table + 2);
  const storage = table + view.getUint16(table + 4);
  const kept: { record: number; length: number; offset: number }[] = [];
  for (let index = 0; index < count; index += 1) {
    const record = table + 6 + 12 * index;
    const id = view.getUint16(record + 6);
    if (id === 13 || id === 14) continue;
    kept.push({ record, length: view.getUint16(record + 8), offset: view.getUint16(record + 10) });
  }
  const headerLength = 6 + 12 * kept.length;
  const out = new Uint8Array(headerLength + kept.reduce((sum, name) => sum + name.length, 0));
  const outView = new DataView(out.buffer);
  outView.setUint16(2, kept.length);
  outView.setUint16(4, headerLength);
  let at = 0;
  kept.forEach((name, index) => {
    const record = 6 + 12 * index;
    out.set(bytesOf(font, name.record, 8), record); // platform, encoding, language and name ids
    outView.setUint16(record + 8, name.length);
    outView.setUint16(record + 10, at);
    out.set(bytesOf(font, storage + name.offset, name.length), headerLength + at);
    at += name.length;
  });
  return out;
}

function horizontalMetrics(font: TrueTypeFont, order: readonly number[]): Uint8Array {
  const { view, longHorMetrics } = font;
  const hmtx = tableOf(font.tables, 'hmtx').offset;
  const out = new Uint8Array(4 * order.length);
  const outView = new DataView(out.buffer);
  order.forEach((glyph, index) => {
    const long = Math.min(glyph, longHorMetrics - 1);
    const bearing =
      glyph < longHorMetrics
        ? hmtx + 4 * glyph + 2
        : hmtx + 4 * longHorMetrics + 2 * (glyph - longHorMetrics);
    outView.setUint16(4 * index, view.getUint16(hmtx + 4 * long));
    outView.setInt16(4 * index + 2, view.getInt16(bearing));
  });
  return out;
}

/** One format 12 subtable (Windows, full Unicode), in runs of consecutive code points and ids. */
function unicodeCmap(byCodePoint: ReadonlyMap<number, number>, newId: Map<number, number>) {
  const groups: [number, number, number][] = [];
  for (const codePoint of [...byCodePoint.keys()].sort((a, b) => a - b)) {
    const glyph = newId.get(byCodePoint.get(codePoint) ?? 0) ?? 0;
    const last = groups.at(-1);
    if (last && codePoint === last[1] + 1 && glyph === last[2] + codePoint - last[0]) {
      last[1] = codePoint;
    } else {
      groups.push([codePoint, codePoint, glyph]);
    }
  }
  const subtableLength = 16 + 12 * groups.length;
  const out = new Uint8Array(12 + subtableLength);
  const view = new DataView(out.buffer);
  view.setUint16(2, 1); // one encoding record
  view.setUint16(4, 3); // Windows
  view.setUint16(6, 10); // full Unicode
  view.setUint32(8, 12);
  view.setUint16(12, 12); // format
  view.setUint32(16, subtableLength);
  view.setUint32(24, groups.length);
  groups.forEach(([start, end, glyph], index) => {
    view.setUint32(28 + 12 * index, start);
    view.setUint32(32 + 12 * index, end);
    view.setUint32(36 + 12 * index, glyph);
  });
  return out;
}

function assemble(tables: Record<string, Uint8Array>): Uint8Array {
  const tags = Object.keys(tables).sort();
  const headerLength = 12 + 16 * tags.length;
  const total = tags.reduce((sum, tag) => sum + padded(tables[tag]?.length ?? 0), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(tags.length));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tags.length * 16 - power * 16);
  let offset = headerLength;
  let headOffset = 0;
  tags.forEach((tag, index) => {
    const data = tables[tag] ?? new Uint8Array();
    const record = 12 + 16 * index;
    for (let char = 0; char < 4; char += 1) view.setUint8(record + char, tag.charCodeAt(char));
    out.set(data, offset);
    view.setUint32(record + 4, checksum(view, offset, data.length));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, data.length);
    if (tag === 'head') headOffset = offset;
    offset += padded(data.length);
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(view, 0, total)) >>> 0);
  return out;
}

function checksum(view: DataView, offset: number, length: number): number {
  let sum = 0;
  for (let at = offset; at < offset + padded(length); at += 4)
    sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}

function copy(font: TrueTypeFont, tag: string): Uint8Array {
  const { offset, length } = tableOf(font.tables, tag);
  return bytesOf(font, offset, length);
}

/** A fresh copy (its own buffer, offset 0), so it can be patched and viewed at its own offsets. */
function bytesOf(font: TrueTypeFont, offset: number, length: number): Uint8Array {
  return new Uint8Array(font.view.buffer, font.view.byteOffset + offset, length).slice();
}

function patched(bytes: Uint8Array, patch: (view: DataView) => void): Uint8Array {
  patch(new DataView(bytes.buffer));
  return bytes;
}

const padded = (length: number) => (length + 3) & ~3;
