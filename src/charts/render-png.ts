import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAsync, type RenderedImage } from '@resvg/resvg-js';
import { encodePng } from './png';

export interface PngFont {
  /** The family text is drawn with: the one the font declares. */
  readonly family: string;
  /** A TrueType file that draws `characters`, or undefined when there is none. */
  fileFor(characters: string): Uint8Array | undefined;
}

/** Thrown when text would not show: without a usable font resvg draws none, silently. */
export class ChartFontError extends Error {
  override name = 'ChartFontError';
}

/** SVG → PNG; `characters` are those the SVG draws, for the font to be cut down to them. */
export type SvgToPng = (svg: string, characters: string) => Promise<Buffer>;

/**
 * An SVG → PNG converter drawing text with `font` only (no system fonts: a picture is the same on
 * every machine), once it has checked that text really shows: a font that is missing or
 * unreadable would otherwise give charts without a word on them. The check draws one small word
 * the way every chart is drawn and counts its pixels (~1 ms, once).
 *
 * Drawing and compressing run on libuv's thread pool, off the main thread.
 */
export async function createSvgToPng(font: PngFont): Promise<SvgToPng> {
  const probe = await draw(PROBE.svg, PROBE.text, font);
  if (inkedPixels(probe.pixels) < PROBE.minPixels) {
    throw new ChartFontError(`No text drawn with the font "${font.family}": charts would be blank`);
  }
  return async (svg, characters) => {
    const image = await draw(svg, characters, font);
    return encodePng(image.pixels, image.width, image.height);
  };
}

const PROBE = {
  text: 'Hé',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><text x="4" y="25" font-size="24">Hé</text></svg>',
  /** "Hé" at 24 px inks well over a hundred pixels; a handful would be noise. */
  minPixels: 50,
} as const;

/**
 * resvg's Node binding takes fonts as files only, so the font cut down for `characters` goes
 * through a private temporary folder, removed once drawn. Plain synchronous calls: a few KiB,
 * ~0.1 ms, cheaper than three trips through libuv's pool.
 */
async function draw(svg: string, characters: string, font: PngFont): Promise<RenderedImage> {
  const bytes = font.fileFor(characters);
  const folder = mkdtempSync(join(tmpdir(), 'tribune-chart-'));
  try {
    const fontFiles = bytes === undefined ? [] : [join(folder, 'font.ttf')];
    for (const file of fontFiles) writeFileSync(file, bytes ?? new Uint8Array());
    return await renderAsync(svg, {
      font: { fontFiles, loadSystemFonts: false, defaultFontFamily: font.family },
      // Our own check and glyph fallback cover what resvg would warn about on stderr.
      logLevel: 'off',
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function inkedPixels(rgba: Buffer): number {
  let count = 0;
  for (let alpha = 3; alpha < rgba.length; alpha += 4) if (rgba[alpha] !== 0) count += 1;
  return count;
}
