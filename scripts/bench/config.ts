/**
 * Knobs, from the environment. The defaults are the real run (a few minutes on a 2-core machine);
 * `BENCH_QUICK=1` is a smoke run of every scenario at a smaller scale, whose figures mean little.
 *
 * - `BENCH_ROUNDS`: rounds of the latency, vote, storage and start-up scenarios (median over them)
 * - `BENCH_MEMORY_ROUNDS`: rounds of the memory scenario (each starts fresh processes)
 * - `BENCH_GROWTH_ROUNDS`: bot starts per size of the growth scenario (each waits for a
 *   reconciliation, at second 30 of a minute: about a minute a round)
 * - `BENCH_ONLY`: a comma-separated subset of latency, votes, storage, memory, startup, growth,
 *   scale, charts
 * - `BENCH_KINDS`: a comma-separated subset of section, autocomplete, vote (latency scenario)
 * - `BENCH_CPU_PROFILE=dir`: every process under measurement writes a V8 CPU profile there
 *
 * Only a full run (none of the three) writes `bench-results/latest.*`; others write `partial.*`.
 */
const quick = process.env.BENCH_QUICK === '1';
/** Quick runs seed the growth scenario's stores a hundred times smaller. */
const shrink = quick ? 100 : 1;

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

export const SCENARIOS = [
  'latency',
  'votes',
  'storage',
  'memory',
  'startup',
  'growth',
  'scale',
  'charts',
] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const KINDS = ['section', 'autocomplete', 'vote'] as const;
export type Kind = (typeof KINDS)[number];

/** A comma-separated subset of `all` from the environment; all of them when unset. */
function subset<T extends string>(name: string, all: readonly T[]): readonly T[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return all;
  const names = raw.split(',').map((item) => item.trim());
  const unknown = names.filter((item) => !(all as readonly string[]).includes(item));
  if (unknown.length > 0) throw new Error(`${name}: unknown ${unknown.join(', ')}`);
  return names as T[];
}

const scenarios = subset('BENCH_ONLY', SCENARIOS);
const kinds = subset('BENCH_KINDS', KINDS);

export const CONFIG = {
  quick,
  /** The real run: every scenario and kind, at full scale. */
  full: !quick && scenarios.length === SCENARIOS.length && kinds.length === KINDS.length,
  scenarios,
  kinds,
  rounds: count('BENCH_ROUNDS', quick ? 1 : 5),
  cpuProfileDir: process.env.BENCH_CPU_PROFILE || undefined,
  /** Concurrent interactions per burst; a burst of 1 is repeated `sequentialSamples` times. */
  bursts: [1, 100, 500] as const,
  sequentialSamples: quick ? 20 : 50,
  /** Distinct members voting at once. */
  voteBurst: 1000,
  /** Writes per storage measurement. */
  storageWrites: quick ? 500 : 2000,
  memoryRounds: count('BENCH_MEMORY_ROUNDS', quick ? 1 : 3),
  /** Interactions of the first `memoryLongRounds` rounds: the curve's flat part (issue 14). */
  memoryInteractions: quick ? 5000 : 50_000,
  memoryLongRounds: 1,
  /**
   * Interactions of the other rounds, where memory is compared with the floor's; from there on
   * it should be flat.
   */
  memoryCompared: quick ? 2500 : 10_000,
  /** Memory is sampled after every block of this many interactions. */
  memoryBlock: 2500,
  /** Interactions in flight at once during the memory scenario. */
  memoryConcurrency: 500,
  seed: {
    polls: quick ? 1000 : 10_000,
    /** 5 % of the polls are open. */
    openEvery: 20,
    votesPerPoll: 3,
    plans: quick ? 100 : 1000,
  },
  /** Stores of growing size (issue 14), seeded one after the other into one file. */
  growth: {
    sizes: [
      { plans: 1000, polls: 10_000 },
      { plans: 10_000, polls: 100_000 },
      { plans: 100_000, polls: 100_000 },
    ].map(({ plans, polls }) => ({ plans: plans / shrink, polls: polls / shrink })),
    rounds: count('BENCH_GROWTH_ROUNDS', quick ? 1 : 3),
    /** In-process runs of the reconciliation (median), and of the listing of every plan. */
    reconciliations: 20,
    listings: quick ? 3 : 5,
  },
  /** Votes over two servers on two shards, and the comparison of the two stores. */
  scale: {
    votes: quick ? 400 : 2000,
    /** Concurrent interactions of the latency comparison between PostgreSQL and SQLite. */
    concurrent: 500,
    /** Rows of PostgreSQL's raw insert rate, over `connections` connections. */
    rawRows: quick ? 5000 : 20_000,
    connections: 10,
  },
  charts: {
    typical: quick ? 100 : 1000,
    largest: quick ? 20 : 200,
  },
} as const;
