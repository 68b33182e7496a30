import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import type { PollRecord } from '../../src/polls/core/poll';
import { tallyVotes } from '../../src/polls/core/tally';
import { PollStore } from '../../src/polls/poll-store';
import type { ReadingPlan, Weekday } from '../../src/reading/core/plan';
import { PlanStore } from '../../src/reading/plan-store';
import { openStore } from '../../src/store/open-store';

export interface SeedCounts {
  readonly polls: number;
  /** One poll in this many is still open, the others closed (20: 5 %). */
  readonly openEvery: number;
  readonly votesPerPoll: number;
  readonly plans: number;
}

/** How many polls and plans a file holds (or a slice of them ends at). */
export type Stored = Pick<SeedCounts, 'polls' | 'plans'>;

const NOTHING: Stored = { polls: 0, plans: 0 };

const DAY = 86_400_000;
/**
 * Polls or plans written at once: the store commits the writes waiting together in one
 * transaction, so many in flight make few, large transactions.
 */
const CONCURRENCY = 1000;
const ZONES = ['Europe/Paris', 'America/Montreal', 'Africa/Dakar', 'Europe/Brussels'];
const TEXT_ID = 'sommet-ia-montagne-de-degats';
const OPTIONS = ['Le premier', 'Le deuxième', 'Le troisième', 'Le quatrième'];

/**
 * Fills a SQLite file through Tribune's own repositories, as months of use would: polls (most of
 * them closed, with frozen tallies and kept votes, the rest open for days yet) and active reading
 * plans, each in its own channel, spread over the week, none of them due while the benchmark runs.
 * `from`: what the file already holds (seeded by an earlier call), so a store grows size by size.
 *
 * Each core gets a slice, seeded by a process of its own (the cost is per statement, on the
 * process's main thread) into a file of its own; the files are then merged into this one. Only
 * markers shared by the slices (the server once had a plan) have the same key, with the same
 * value; the merge fails on any other overlap.
 */
export async function seedStore(
  databasePath: string,
  guildId: string,
  counts: SeedCounts,
  from: Stored = NOTHING,
): Promise<void> {
  const parts = cpus().length;
  const folder = await mkdtemp(join(tmpdir(), 'tribune-bench-seed-'));
  try {
    const cut = (part: number): Stored => ({
      polls: from.polls + Math.round(((counts.polls - from.polls) * part) / parts),
      plans: from.plans + Math.round(((counts.plans - from.plans) * part) / parts),
    });
    const files = Array.from({ length: parts }, (_, part) =>
      part === 0 ? databasePath : join(folder, `part-${String(part)}.sqlite`),
    );
    await Promise.all(
      files.map((file, part) =>
        inChild({ databasePath: file, guildId, counts, from: cut(part), to: cut(part + 1) }),
      ),
    );
    await mergeInto(databasePath, files.slice(1));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

interface Slice {
  readonly databasePath: string;
  readonly guildId: string;
  readonly counts: SeedCounts;
  readonly from: Stored;
  readonly to: Stored;
}

/** Seeds a slice in a new process running this file (`seedSlice`). */
async function inChild(slice: Slice): Promise<void> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), JSON.stringify(slice)],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`seeding ${slice.databasePath} exited with code ${String(code)}`);
}

/**
 * Copies every row of `parts` into `databasePath`'s Keyv table, with SQLite alone; a key already
 * there must hold the same value.
 */
async function mergeInto(databasePath: string, parts: readonly string[]): Promise<void> {
  if (parts.length === 0) return;
  const db = new sqlite3.Database(databasePath);
  const run = (sql: string, ...parameters: unknown[]) =>
    new Promise<void>((resolve, reject) => {
      db.run(sql, parameters, (error: Error | null) => {
        if (error) reject(error);
        else resolve();
      });
    });
  const keys = (sql: string) =>
    new Promise<{ key: string }[]>((resolve, reject) => {
      db.all(sql, (error: Error | null, rows: { key: string }[]) => {
        if (error) reject(error);
        else resolve(rows);
      });
    });
  try {
    for (const part of parts) {
      await run('ATTACH DATABASE ? AS part', part);
      const clashes = await keys(
        'SELECT main.keyv.key FROM main.keyv JOIN part.keyv ON part.keyv.key = main.keyv.key WHERE part.keyv.value <> main.keyv.value LIMIT 5',
      );
      if (clashes.length > 0) {
        throw new Error(`seeded slices overlap: ${clashes.map(({ key }) => key).join(', ')}`);
      }
      await run('INSERT OR IGNORE INTO keyv SELECT * FROM part.keyv');
      await run('DETACH DATABASE part');
    }
  } finally {
    await new Promise((resolve) => {
      db.close(resolve);
    });
  }
}

/** Polls [from.polls, to.polls) and plans [from.plans, to.plans), in this process. */
async function seedSlice({ databasePath, guildId, counts, from, to }: Slice): Promise<void> {
  const store = await openStore({
    url: `sqlite://${databasePath}`,
    logger: pino({ level: 'silent' }),
  });
  try {
    const polls = new PollStore(store);
    const plans = new PlanStore(store);
    const now = Date.now();
    await concurrently(from.polls, to.polls, async (index) => {
      const open = index % counts.openEvery === 0;
      const createdAt = now - (open ? 1 : 2 + (index % 60)) * DAY;
      const closesAt = open ? now + (1 + (index % 14)) * DAY : createdAt + DAY;
      const votes = Array.from({ length: counts.votesPerPoll }, (_, voter) => ({
        voter: snowflake(4, voter),
        vote: { choices: [voter % OPTIONS.length] },
      }));
      // A closed poll is stored as its close leaves it (closed, announced, tally frozen), in
      // fewer statements than closing it step by step; `settleClosed` then does the rest.
      const closed = open
        ? {}
        : {
            closedAt: closesAt,
            announced: true,
            finalTally: tallyVotes(
              OPTIONS.length,
              votes.map(({ vote }) => vote.choices),
            ),
          };
      const poll: PollRecord = {
        id: `seed${String(index).padStart(8, '0')}`,
        guildId,
        channelId: snowflake(1, index % 50),
        messageId: snowflake(2, index),
        creatorKey: snowflake(3, index % 200),
        question: `Question ${String(index)} : quel chapitre lire ensuite ?`,
        options: OPTIONS,
        maxChoices: 1,
        anonymous: false,
        results: 'live',
        locale: 'fr',
        createdAt,
        closesAt,
        ...closed,
      };
      if (!(await polls.create(poll))) throw new Error(`seed poll ${poll.id} exists`);
      await Promise.all(votes.map(({ voter, vote }) => polls.addFirstVote(poll.id, voter, vote)));
      if (!open) await polls.settleClosed(poll);
    });
    // Plans post on every weekday but today's (and 18:00–18:59): none is due during the run.
    const today = new Date(now).getUTCDay();
    await concurrently(from.plans, to.plans, async (index) => {
      const weekday = (((today + (index % 6)) % 7) + 1) as Weekday;
      const createdAt = new Date(now - (index % 30) * DAY).toISOString();
      const plan: ReadingPlan = {
        id: randomUUID(),
        guildId,
        channelId: snowflake(5, index),
        textId: TEXT_ID,
        roleId: undefined,
        thread: index % 2 === 0,
        locale: 'fr',
        createdBy: snowflake(3, index % 200),
        createdAt,
        weekday,
        time: { hour: 18, minute: index % 60, second: 0 },
        timeZone: ZONES[index % ZONES.length] ?? 'Europe/Paris',
        firstSection: 1,
        nextSection: 1,
        state: 'active',
        pauseReason: undefined,
        anchor: new Date(now).toISOString(),
        posts: [],
        misses: [],
      };
      if (!(await plans.create(plan))) throw new Error(`seed plan ${plan.id} was refused`);
    });
  } finally {
    await store.close();
  }
}

/** Runs `work(from … to-1)`, `CONCURRENCY` at a time. */
async function concurrently(
  from: number,
  to: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, to - from) }, worker));
}

/** A snowflake-shaped id, distinct per (kind, index). */
function snowflake(kind: number, index: number): string {
  return `14${String(kind)}${String(index).padStart(16, '0')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await seedSlice(JSON.parse(process.argv[2] ?? '') as Slice);
}
