import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChartInput } from '../../src/charts/bar-chart';
import { createChartRenderer, type ChartRenderer } from '../../src/charts/results-chart';
import { POLL_LIMITS } from '../../src/polls/core/poll';
import { CONFIG } from './config';
import type { Section } from './report';
import { median, quantile } from './stats';

/**
 * Poll results as a picture (issue 13): time per chart, whole (SVG, font subset, resvg, PNG,
 * description), and the process's memory after 1,000 charts. `npm run bench` runs it in a process
 * of its own (`chartsSection`), so that its memory is the charts' alone; standalone:
 * `npx tsx scripts/bench/charts.ts` (add `--expose-gc` before the script for steadier heap
 * figures) prints the tables, `--json` the figures.
 */

const TARGET_MS = 25;
const WARM_UP = 30;

/** A reading circle's usual poll: five books, titles of a few words. */
const TYPICAL: ChartInput = {
  question: 'Quel livre lit-on pour la rentrée, après « Les Misérables » ?',
  options: [
    'Dune — Frank Herbert',
    'Solaris (Stanisław Lem)',
    'La Horde du Contrevent',
    'L’Écume des jours',
    'Les Dépossédés, d’Ursula K. Le Guin',
  ].map((label, index) => ({ label, count: [7, 4, 4, 2, 0][index] ?? 0 })),
  voters: 15,
  closed: true,
  locale: 'fr',
  theme: 'dark',
};

/** The most text a chart can hold: 25 options of 80 characters, a 300-character question. */
const LARGEST: ChartInput = {
  question: 'Que lit-on ensuite ? '.repeat(20).slice(0, POLL_LIMITS.questionLength),
  options: Array.from({ length: 25 }, (_, index) => ({
    label: `${index + 1} ${'Une très longue option, écrite à rallonge '.repeat(3)}`.slice(
      0,
      POLL_LIMITS.optionLength,
    ),
    count: 25 - index,
  })),
  voters: 40,
  closed: false,
  locale: 'en',
  theme: 'light',
};

interface Timing {
  readonly name: string;
  readonly charts: number;
  readonly median: number;
  readonly p99: number;
  /** Of each chart's time, what the main thread spent (the rest is on libuv's pool). */
  readonly mainThreadMedian: number;
}

interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
}

/**
 * One chart after the other, with a turn of the event loop between them as in the bot: resvg's
 * native memory is freed by finalizers that Node runs between turns.
 */
async function timeCharts(
  renderer: ChartRenderer,
  name: string,
  input: ChartInput,
  charts: number,
): Promise<Timing> {
  const times: number[] = [];
  const mainThread: number[] = [];
  for (let chart = 0; chart < charts; chart += 1) {
    // Counts change from chart to chart, as they do between two renders of one poll.
    const options = input.options.map((option, index) => ({
      ...option,
      count: option.count + ((chart + index) % 3),
    }));
    const loop = performance.eventLoopUtilization();
    const started = performance.now();
    await renderer.renderResultsChart({ ...input, options, voters: input.voters + 2 });
    times.push(performance.now() - started);
    mainThread.push(performance.eventLoopUtilization(loop).active);
    await nextTurn();
  }
  return {
    name,
    charts,
    median: median(times),
    p99: quantile(times, 0.99),
    mainThreadMedian: median(mainThread),
  };
}

function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

export interface ChartsBench {
  readonly timings: readonly Timing[];
  readonly before: Memory;
  readonly after: Memory;
}

export async function benchCharts(): Promise<ChartsBench> {
  const renderer = await createChartRenderer();
  await timeCharts(renderer, 'warm-up', TYPICAL, WARM_UP);
  const before = memory();
  const timings = [
    await timeCharts(renderer, 'typical: 5 options', TYPICAL, CONFIG.charts.typical),
    await timeCharts(
      renderer,
      'largest: 25 options × 80 characters',
      LARGEST,
      CONFIG.charts.largest,
    ),
  ];
  await nextTurn();
  return { timings, before, after: memory() };
}

export function chartsReport({ timings, before, after }: ChartsBench): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const charts = timings.reduce((sum, timing) => sum + timing.charts, 0);
  return [
    '| chart | charts | median | p99 | main thread (median) | target |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...timings.map(
      (timing) =>
        `| ${timing.name} | ${timing.charts} | ${ms(timing.median)} | ${ms(timing.p99)} | ${ms(timing.mainThreadMedian)} | median < ${TARGET_MS} ms ${timing.median < TARGET_MS ? '✅' : '❌'} |`,
    ),
    '',
    `| memory | after warm-up | after ${charts.toLocaleString('en')} more charts |`,
    '| --- | ---: | ---: |',
    `| RSS | ${mib(before.rss)} | ${mib(after.rss)} |`,
    `| heap used | ${mib(before.heapUsed)} | ${mib(after.heapUsed)} |`,
    `| external (buffers) | ${mib(before.external)} | ${mib(after.external)} |`,
  ].join('\n');
}

/** The charts measured in a new process (with `--expose-gc`), as a section of the report. */
export async function chartsSection(): Promise<Section> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--expose-gc', 'scripts/bench/charts.ts', '--json'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the charts bench exited with code ${String(code)}`);
  const bench = JSON.parse(stdout) as ChartsBench;
  return {
    key: 'charts',
    markdown: ['### Results as a picture', '', chartsReport(bench)].join('\n'),
    data: bench,
  };
}

if (process.argv[1]?.endsWith('charts.ts')) {
  const json = process.argv.includes('--json');
  const load = loadavg()[0] ?? 0;
  // Under `npm run bench` (`--json`), the bench has said so already.
  if (!json && load > cpus().length / 2) {
    console.error(`bench: the machine is busy (load ${load.toFixed(2)}): figures will be noisy`);
  }
  const bench = await benchCharts();
  console.log(json ? JSON.stringify(bench) : chartsReport(bench));
}
