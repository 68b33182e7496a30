import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { encodePng } from './png';

export interface PngFont {
  /** The family text is drawn with: the one the font declares. */
  readonly family: string;
  /** A TrueType file that draws `characters`, or undefined when there is none. */
  fileFor(characters: string): Uint8Array | undefined;
}

/** Thrown when text would not show: without a matching font resvg draws none, silently. */
export class ChartFontError extends Error {
  override name = 'ChartFontError';
}

/** SVG → PNG; `characters` are those the SVG draws, for the font to be cut down to them. */
export type SvgToPng = (svg: string, characters: string) => Buffer;

/**
 * An SVG → PNG converter drawing text with `font` only (no system fonts: a picture is the same on
 * every machine), once it has checked that text really shows: a font that is missing, unreadable
 * or of another family would otherwise give charts without a word on them. The check draws one
 * small word through the same path as every chart and counts its pixels (~1 ms, once).
 */
export function createSvgToPng(font: PngFont): SvgToPng {
  const toPng: SvgToPng = (svg, characters) => {
    const image = render(svg, characters, font);
    return encodePng(image.pixels, image.width, image.height);
  };
  const probe = render(PROBE.svg, PROBE.text, font);
  if (inkedPixels(probe.pixels) < PROBE.minPixels) {
    throw new ChartFontError(`No text drawn with the font "${font.family}": charts would be blank`);
  }
  return toPng;
}

const PROBE = {
  text: 'Hé',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><text x="4" y="25" font-size="24">Hé</text></svg>',
  /** "Hé" at 24 px inks well over a hundred pixels; a handful would be noise. */
  minPixels: 50,
} as const;

/**
 * resvg's Node binding takes fonts as files only, so the cut-down font goes through a private
 * temporary folder, removed at once.
 */
function render(svg: string, characters: string, font: PngFont) {
  const bytes = font.fileFor(characters);
  const folder = mkdtempSync(join(tmpdir(), 'tribune-chart-'));
  try {
    const fontFiles: string[] = [];
    if (bytes !== undefined) {
      const file = join(folder, 'font.ttf');
      writeFileSync(file, bytes);
      fontFiles.push(file);
    }
    return new Resvg(svg, {
      font: { fontFiles, loadSystemFonts: false, defaultFontFamily: font.family },
      // Our own check and glyph fallback cover what resvg would warn about on stderr.
      logLevel: 'off',
    }).render();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function inkedPixels(rgba: Buffer): number {
  let count = 0;
  for (let alpha = 3; alpha < rgba.length; alpha += 4) if (rgba[alpha] !== 0) count += 1;
  return count;
}
