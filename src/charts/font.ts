import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ChartFace } from './bar-chart';
import { parseTrueType, type TrueTypeFont } from './ttf';

/** A font file read once: the family name it declares, and its tables and metrics. */
export interface ChartFont extends ChartFace {
  readonly file: string;
  readonly metrics: TrueTypeFont;
}

/** DejaVu Sans: Latin with accents, « », ’, Greek, Cyrillic and many symbols. */
export const DEFAULT_FONT = {
  module: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  family: 'DejaVu Sans',
};

/**
 * The font file's path, resolved through Node's module resolution at run time rather than
 * relative to this file: the same call finds it from the sources (tsx, vitest) and from the
 * esbuild bundle in `dist/`, where this file no longer exists.
 */
export function defaultFontFile(): string {
  return createRequire(import.meta.url).resolve(DEFAULT_FONT.module);
}

export function loadChartFont(
  file: string = defaultFontFile(),
  family: string = DEFAULT_FONT.family,
): ChartFont {
  return { file, family, metrics: parseTrueType(readFileSync(file)) };
}
