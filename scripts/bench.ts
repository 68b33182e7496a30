import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { CONFIG, type Scenario } from './bench/config';
import { markdownTable, meetsTarget, ratio, type Figure } from './bench/figures';
import { problems, removeLab, withLabs } from './bench/lab';
import { noise } from './bench/noise';
import { latencyFigures } from './bench/latency';
import { memoryFigures } from './bench/memory';
import { startupFigures } from './bench/startup';
import { describeSettings, storageLimit } from './bench/storage';
import { voteBursts, voteFigures } from './bench/votes';

/**
 * `npm run bench`: Tribune against a floor (a bare discord.js client answering with a fixed
 * reply), each in its own process on its own local emulator, same machine, same run. Prints a
 * Markdown table of medians over rounds with the ratio Tribune / floor and the targets,
 * and writes `bench-results/latest.json` and `latest.md`. Knobs: `scripts/bench/config.ts`.
 */

const wanted = (scenario: Scenario) => CONFIG.scenarios.includes(scenario);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  console.error(`bench: ${label}…`);
  const result = await work();
  console.error(`bench: ${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
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
  const storage = wanted('storage') ? await timed('storage limit', storageLimit) : undefined;
  const figures: Figure[] = [
    ...(await interactionFigures()),
    ...(storage?.figures ?? []),
    ...(wanted('memory') ? await timed('memory', memoryFigures) : []),
    ...(wanted('startup') ? await timed('start-up', startupFigures) : []),
  ];
  const markdown = [
    markdownTable(figures),
    ...(storage ? ['', `Store: ${describeSettings(storage.settings)}.`] : []),
  ].join('\n');
  console.log(markdown);
  console.error(
    `bench: ${noise.measurements} measurements, ${noise.retried} taken again because other processes were busy, ${noise.stillNoisy} still noisy`,
  );
  if (problems.length > 0) {
    console.error(`\n${problems.length} warning(s) or error(s) logged by the subjects:`);
    for (const { who, line } of problems.slice(0, 20)) console.error(`  ${who}: ${line}`);
  }
  await mkdir('bench-results', { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30 };
  await writeFile(
    join('bench-results', 'latest.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        machine,
        config: CONFIG,
        storeSettings: storage?.settings ?? null,
        noise,
        loadAverage: { before: loadBefore, after: loadavg() },
        figures: figures.map((figure) => ({
          ...figure,
          ratio: ratio(figure),
          meetsTarget: meetsTarget(figure) ?? null,
        })),
        problems,
      },
      null,
      2,
    )}\n`,
  );
  await writeFile(join('bench-results', 'latest.md'), `${markdown}\n`);
}

await main();
