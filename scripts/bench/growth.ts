import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config';
import { DEFAULT_ON_TIME_MS } from '../../src/reading/core/due-occurrences';
import { PlanStore } from '../../src/reading/plan-store';
import { SessionStore } from '../../src/reading/session-store';
import type { PromptPoster } from '../../src/reading/ports';
import { ReadingScheduler } from '../../src/reading/reading-scheduler';
import { openStore } from '../../src/store/open-store';
import { systemClock } from '../../src/time/clock';
import { DEFAULT_IDS } from '../emulator';
import { CONFIG } from './config';
import { format } from './figures';
import { ackLatencies, send } from './interactions';
import { seededFrom, startLab, stopLab, type Lab } from './lab';
import type { Section } from './report';
import { seedStore } from './seed';
import { median, quantile } from './stats';
import { sleep, within } from './time';

/**
 * Growth with what is stored (issue 14): the same measurements on stores of 1,000 to 100,000
 * reading plans and 10,000 to 100,000 polls (5 % open), seeded one size after the other into one
 * file. In this process, on the seeded store: the reading reconciliation's CPU per run (Tribune's
 * own scheduler), listing every plan (what the reconciliation did before the due index) and the
 * index repair. In the spawned bot, on a copy: start to ready, memory at ready, and the p99 of a
 * stream of `/section` spanning a reconciliation.
 */

type Size = (typeof CONFIG.growth.sizes)[number];

interface InProcess {
  /** CPU time of one reconciliation (`reconcileDue`), median over runs, in µs. */
  readonly reconciliationUs: number;
  /** CPU time of listing every plan once, median over runs, in ms. */
  readonly listingMs: number;
  /** The index repair (`indexUnindexed`) over every stored plan: its duration and CPU time. */
  readonly repairMs: number;
  readonly repairCpuMs: number;
}

interface BotRound {
  readonly readyMs: number;
  readonly rssMiB: number;
  /** p99 ack latency of the `/section` stream spanning the reconciliation at second 30. */
  readonly duringMs: number;
  /** The same stream ten seconds before and ten seconds after, with no reconciliation running. */
  readonly beforeMs: number;
  readonly afterMs: number;
}

export interface GrowthRow extends InProcess {
  readonly plans: number;
  readonly polls: number;
  readonly openPolls: number;
  readonly readyMs: number;
  readonly rssMiB: number;
  readonly sectionP99DuringMs: number;
  readonly sectionP99BeforeMs: number;
  readonly sectionP99AfterMs: number;
  readonly startToReadyMet: boolean | null;
  readonly reconciliationMet: boolean | null;
}

/** Targets, at the largest size. */
const READY_TARGET_MS = 3000;
const RECONCILIATION_TARGET_US = 10_000;
/** Lets the bot finish what it started at ready before its memory is read. */
const SETTLE_MS = 1500;
/** node-cron fires the reconciliation at second 30 of every minute (`'30 * * * * *'`). */
const RECONCILIATION_SECOND = 30;
/** The `/section` stream: `perWave` every `everyMs`, `waves` times, from `leadMs` before. */
const STREAM = { perWave: 5, everyMs: 10, waves: 60, leadMs: 200 } as const;
/** What is due within this time would be posted or armed: the seed has nothing there. */
const NOTHING_DUE_WITHIN_MS = 3_600_000;

const NEVER_POSTS: PromptPoster = {
  post() {
    throw new Error('the growth bench seeds no due plan: nothing may be posted');
  },
  guildLocale() {
    throw new Error('the growth bench seeds no due plan: no prompt is written');
  },
  showButtons() {
    throw new Error('the growth bench seeds no due plan: no prompt is shown');
  },
  postInThread() {
    throw new Error('the growth bench seeds no session: no reminder is posted');
  },
};

async function cpuUs(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** CPU costs measured here, on the seeded file, with Tribune's own scheduler and plan store. */
async function inProcess(databasePath: string): Promise<InProcess> {
  const logger = pino({ level: 'silent' });
  const store = await openStore({ url: `sqlite://${databasePath}`, logger });
  try {
    const plans = new PlanStore(store);
    // The defaults (the grace of late prompts); this process never logs in to Discord.
    const config = loadConfig({ DISCORD_TOKEN: 'growth-bench.in-process.never-used' });
    // Not started: no node-cron task; each `reconcileDue` below is one minutely run.
    const scheduler = new ReadingScheduler({
      plans,
      sessions: new SessionStore(store),
      texts: { textOf: () => Promise.resolve(undefined) },
      clock: systemClock,
      logger,
      policy: { graceMs: config.READING_GRACE_HOURS * 3_600_000, onTimeMs: DEFAULT_ON_TIME_MS },
      poster: NEVER_POSTS,
    });
    const due = await plans.dueBefore(Date.now() + NOTHING_DUE_WITHIN_MS);
    if (due.length > 0) throw new Error(`${due.length} seeded plans are due within the hour`);
    const repairStarted = performance.now();
    let repaired = 0;
    const repairCpu = await cpuUs(async () => {
      repaired = await plans.indexUnindexed();
    });
    const repairMs = performance.now() - repairStarted;
    if (repaired > 0) throw new Error(`${repaired} seeded plans had no index entry`);
    // The first runs warm the caches (SQLite's pages, V8's code), as a minute-old bot has them.
    for (let run = 0; run < 2; run++) await scheduler.reconcileDue();
    const reconciliations: number[] = [];
    for (let run = 0; run < CONFIG.growth.reconciliations; run++) {
      reconciliations.push(await cpuUs(() => scheduler.reconcileDue()));
    }
    const listings: number[] = [];
    for (let run = 0; run < CONFIG.growth.listings; run++) {
      listings.push((await cpuUs(() => plans.all())) / 1000);
    }
    return {
      reconciliationUs: median(reconciliations),
      listingMs: median(listings),
      repairMs,
      repairCpuMs: repairCpu / 1000,
    };
  } finally {
    await store.close();
  }
}

/** Milliseconds from now to the next moment at `second` of a minute, at least `atLeastMs` away. */
function untilSecond(second: number, atLeastMs: number): number {
  let wait = (second * 1000 - (Date.now() % 60_000) + 60_000) % 60_000;
  while (wait < atLeastMs) wait += 60_000;
  return wait;
}

/** p99 ack latency of a stream of `/section` (`STREAM`), all awaited. */
async function sectionStream(lab: Lab): Promise<number> {
  const handles: ReturnType<typeof send>[] = [];
  const started = performance.now();
  for (let wave = 0; wave < STREAM.waves; wave++) {
    for (let one = 0; one < STREAM.perWave; one++) handles.push(send(lab, 'section', undefined));
    await sleep(started + (wave + 1) * STREAM.everyMs - performance.now());
  }
  const latencies = await within(ackLatencies(handles), 30_000, `${handles.length} /section`);
  return quantile(latencies, 0.99);
}

/**
 * One start of the bot on a copy of the seeded file: ready, memory, then a stream spanning a
 * reconciliation, and the same ten seconds before and ten seconds after (so that neither comes
 * always first). The start-up's catch-up is given a few seconds to finish first (the index repair
 * comes a minute after start).
 */
async function botRound(pristine: string): Promise<BotRound> {
  const lab = await startLab('tribune', seededFrom(pristine));
  try {
    await sleep(SETTLE_MS);
    const rssMiB = await lab.subject.rssMiB();
    const lead = STREAM.leadMs / 1000;
    await sleep(untilSecond(RECONCILIATION_SECOND - 10 - lead, 3000));
    const beforeMs = await sectionStream(lab);
    await sleep(untilSecond(RECONCILIATION_SECOND - lead, 0));
    const duringMs = await sectionStream(lab);
    await sleep(untilSecond(RECONCILIATION_SECOND + 10 - lead, 0));
    const afterMs = await sectionStream(lab);
    return { readyMs: lab.subject.startMs, rssMiB, duringMs, beforeMs, afterMs };
  } finally {
    await stopLab(lab);
  }
}

async function measureSize(pristine: string, size: Size, largest: boolean): Promise<GrowthRow> {
  const costs = await inProcess(pristine);
  const rounds: BotRound[] = [];
  for (let round = 0; round < CONFIG.growth.rounds; round++) rounds.push(await botRound(pristine));
  const of = (pick: (round: BotRound) => number) => median(rounds.map(pick));
  const readyMs = of((round) => round.readyMs);
  return {
    plans: size.plans,
    polls: size.polls,
    openPolls: Math.ceil(size.polls / CONFIG.seed.openEvery),
    ...costs,
    readyMs,
    rssMiB: of((round) => round.rssMiB),
    sectionP99DuringMs: of((round) => round.duringMs),
    sectionP99BeforeMs: of((round) => round.beforeMs),
    sectionP99AfterMs: of((round) => round.afterMs),
    startToReadyMet: largest ? readyMs < READY_TARGET_MS : null,
    reconciliationMet: largest ? costs.reconciliationUs < RECONCILIATION_TARGET_US : null,
  };
}

const mark = (met: boolean | null) => (met === null ? '' : met ? ' ✅' : ' ❌');
const count = (value: number) => value.toLocaleString('en');

function growthMarkdown(rows: readonly GrowthRow[]): string {
  const first = rows[0];
  const last = rows.at(-1);
  const times = (pick: (row: GrowthRow) => number) =>
    first && last ? `×${(pick(last) / pick(first)).toFixed(1)}` : '—';
  return [
    '### Growth with stored data',
    '',
    '| plans | polls (5 % open) | start to ready | RSS at ready | reconciliation CPU / run | listing every plan, CPU (contrast) | index repair (a minute after start, then every 6 h) | `/section` p99 during reconciliation (10 s before / after) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${count(row.plans)} | ${count(row.polls)} | ${format(row.readyMs)} ms${mark(row.startToReadyMet)} | ${format(row.rssMiB)} MiB | ${format(row.reconciliationUs)} µs${mark(row.reconciliationMet)} | ${format(row.listingMs)} ms | ${format(row.repairMs)} ms (CPU ${format(row.repairCpuMs)} ms) | ${format(row.sectionP99DuringMs)} ms (${format(row.sectionP99BeforeMs)} / ${format(row.sectionP99AfterMs)} ms) |`,
    ),
    '',
    `Targets at the largest store: start to ready < ${count(READY_TARGET_MS)} ms, reconciliation < ${count(RECONCILIATION_TARGET_US / 1000)} ms of CPU per run. ` +
      `**O(due)**: the reconciliation's CPU (once a minute, it reads the plans' due index up to two minutes ahead; none is due here, so it reads nothing, whatever is stored) and \`/section\` during it. ` +
      `**O(stored)**: listing every plan (what each reconciliation did before the index); the index repair (it reads every plan's key, in the background: a minute after start, when members who waited for the bot have been answered, then every 6 h); and, before ready, the open polls' deadlines (the retention purge reads only the expired polls' keys). ` +
      `Memory at ready is read ${count(SETTLE_MS)} ms after ready. ` +
      `From the first size to the last (plans ${times((row) => row.plans)}, polls ${times((row) => row.polls)}): reconciliation ${times((row) => row.reconciliationUs)}, listing ${times((row) => row.listingMs)}, index repair ${times((row) => row.repairMs)}, start to ready ${times((row) => row.readyMs)}, memory at ready ${times((row) => row.rssMiB)}.`,
  ].join('\n');
}

/** Seeds each size on top of the previous one, then measures it; the file is removed at the end. */
export async function growthSection(): Promise<Section> {
  const folder = await mkdtemp(join(tmpdir(), 'tribune-bench-growth-'));
  const pristine = join(folder, 'seeded.sqlite');
  try {
    const rows: GrowthRow[] = [];
    let seeded = { polls: 0, plans: 0 };
    for (const [index, size] of CONFIG.growth.sizes.entries()) {
      const started = performance.now();
      const counts = { ...CONFIG.seed, ...size };
      await seedStore(pristine, DEFAULT_IDS.guild, counts, seeded);
      console.error(
        `bench: seeded up to ${count(size.polls)} polls and ${count(size.plans)} plans in ${count(Math.round(performance.now() - started))} ms`,
      );
      seeded = size;
      rows.push(await measureSize(pristine, size, index === CONFIG.growth.sizes.length - 1));
    }
    return { key: 'growth', markdown: growthMarkdown(rows), data: rows };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
