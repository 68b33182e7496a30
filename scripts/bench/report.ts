import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { StoreSettings } from '../../src/store/store';
import { CONFIG } from './config';
import { markdownTable, meetsTarget, ratio, type Figure } from './figures';
import { problems } from './lab';
import { noise } from './noise';
import { describeSettings } from './storage';

const FOLDER = 'bench-results';

/**
 * A table of its own, after the main one (growth, scale, charts): its Markdown (heading included)
 * and its figures, written under `sections.<key>` in `latest.json`.
 */
export interface Section {
  readonly key: string;
  readonly markdown: string;
  readonly data: unknown;
}

/**
 * The main table (with the store's settings under it) and the sections after it, as printed and
 * as `latest.md`.
 */
export function markdownReport(
  figures: readonly Figure[],
  settings: StoreSettings | undefined,
  sections: readonly Section[],
): string {
  const main =
    figures.length === 0
      ? []
      : [
          [
            markdownTable(figures),
            ...(settings ? ['', `Store: ${describeSettings(settings)}.`] : []),
          ].join('\n'),
        ];
  return [...main, ...sections.map((section) => section.markdown)].join('\n\n');
}

/** What else the run says on stderr: how noisy it was, and what the subjects logged as wrong. */
export function printDiagnostics(): void {
  console.error(
    `bench: ${noise.measurements} measurements, ${noise.retried} taken again because other processes were busy, ${noise.stillNoisy} still noisy`,
  );
  if (problems.length > 0) {
    console.error(`\n${problems.length} warning(s) or error(s) logged by the subjects, by kind:`);
    const kinds = new Map<string, { count: number; example: string }>();
    for (const { who, line } of problems) {
      const kind = `${who}: ${kindOf(line)}`;
      const seen = kinds.get(kind) ?? { count: 0, example: line };
      seen.count += 1;
      kinds.set(kind, seen);
    }
    for (const [kind, { count, example }] of [...kinds].sort((a, b) => b[1].count - a[1].count)) {
      console.error(`  ${count} × ${kind}\n      e.g. ${example}`);
    }
  }
}

/** A logged line's message and route (a JSON log line), or its first words (anything else). */
function kindOf(line: string): string {
  try {
    const { msg, route } = JSON.parse(line) as { msg?: unknown; route?: unknown };
    return [msg, route].filter((part) => typeof part === 'string').join(' ');
  } catch {
    return line.slice(0, 80);
  }
}

/**
 * A full run writes `latest`, which the README's table comes from; a quick or partial one
 * (`BENCH_QUICK`, `BENCH_ONLY`, `BENCH_KINDS`) writes `partial` and leaves `latest` alone.
 */
const NAME = CONFIG.full ? 'latest' : 'partial';

/** `bench-results/latest.json` (everything) and `latest.md` (the tables). */
export async function writeResults(run: {
  readonly figures: readonly Figure[];
  readonly sections: readonly Section[];
  readonly markdown: string;
  readonly settings: StoreSettings | undefined;
  readonly loadBefore: readonly number[];
}): Promise<void> {
  await mkdir(FOLDER, { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30 };
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    machine,
    config: CONFIG,
    storeSettings: run.settings ?? null,
    noise,
    loadAverage: { before: run.loadBefore, after: loadavg() },
    figures: run.figures.map((figure) => ({
      ...figure,
      ratio: ratio(figure),
      meetsTarget: meetsTarget(figure) ?? null,
    })),
    sections: Object.fromEntries(run.sections.map((section) => [section.key, section.data])),
    problems,
  };
  await writeFile(join(FOLDER, `${NAME}.json`), `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(join(FOLDER, `${NAME}.md`), `${run.markdown}\n`);
}
