import { performance } from 'node:perf_hooks';

type Query = (sql: string, ...parameters: unknown[]) => Promise<unknown>;

/**
 * How long SQLite itself waits for another connection's lock, per attempt. Kept short on purpose:
 * a statement waiting inside SQLite holds its connection (every statement queued behind it waits
 * too) and one of libuv's four threads. With the store's 5 s waited there, a write lock held by
 * another connection made 10 queued votes wait 10 × 5 s one after the other, stalled every read
 * behind them, and, threads exhausted, left even interactions that never touch the store
 * unanswered past Discord's 3 s (found by `tests/e2e/faults-store.test.ts`).
 */
export const BUSY_SLICE_MS = 20;

/** Most writes committed together in one transaction. */
const MAX_BATCH = 256;

/** node-sqlite3's error for "database is locked" (an `Error` with `code`). */
const isBusy = (error: unknown): error is Error =>
  error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_BUSY';

const isRead = (sql: string) => /^\s*SELECT\b/i.test(sql);
/** Row changes, which may share a transaction; anything else (pragmas…) runs on its own. */
const isBatchable = (sql: string) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);

const sleep = (ms: number) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** A growing, jittered pause between attempts at a locked database (5 ms to 100 ms). */
const backoff = (round: number) => Math.min(100, 5 * 2 ** round) * (0.5 + Math.random() / 2);

interface QueuedWrite {
  readonly sql: string;
  readonly parameters: unknown[];
  readonly deadline: number;
  resolve(rows: unknown): void;
  reject(error: unknown): void;
}

/**
 * Wraps a node-sqlite3 connection's `query` so that a write it reports as done is durable, and
 * "database is locked" is waited out here, in JavaScript, up to `deadlineMs` per statement,
 * instead of inside SQLite.
 *
 * Why writes go through one lane: a write that fails with SQLITE_BUSY stays an active statement
 * until node-sqlite3 finalises it. A second write that runs on the same connection meanwhile
 * (another libuv thread takes the connection the moment the first lets go) succeeds and returns
 * its rows, but is not committed, because SQLite commits an autocommit write only when it is the
 * last active one; finalising the failed statement then rolls the whole transaction back, the
 * second write with it (`tests/unit/store-busy.test.ts` reproduces this with node-sqlite3 alone).
 * So on this connection, no write ever runs beside one that may fail on the lock:
 *
 * - Writes queue in one lane. One waiting alone runs on its own; several waiting together (a burst
 *   of votes) run in one transaction: `BEGIN IMMEDIATE` takes the write lock first (the only
 *   statement that may meet another connection's lock, retried alone), then the writes go out at
 *   once, then one `COMMIT`. Each write's promise settles only after the commit, so nothing is
 *   confirmed that could still be undone. A burst pays one commit, not one per write.
 * - A locked database is retried with a growing pause (while pausing, the lane holds neither the
 *   connection nor a thread) until the write's deadline; while the lock lasts ("contended"), a
 *   write whose deadline passed as it waited its turn fails without trying. So a lock held for a
 *   minute costs one short attempt at a time, and every write fails after `deadlineMs`, not
 *   N × it. The first write that gets through ends the contention.
 * - Reads never wait in the lane: they go on while writes wait (WAL mode), and retry on their
 *   own. A read may see a batch's writes shortly before they are committed.
 *
 * The error is SQLite's own (`SQLITE_BUSY`), so callers see what they saw before, only sooner.
 */
export function withBusyRetry(query: Query, deadlineMs: number): Query {
  const queue: QueuedWrite[] = [];
  let draining = false;
  let contended = false;

  async function read(sql: string, parameters: unknown[]) {
    const deadline = performance.now() + deadlineMs;
    for (let round = 0; ; round++) {
      try {
        return await query(sql, ...parameters);
      } catch (error) {
        if (!isBusy(error) || performance.now() >= deadline) throw error;
      }
      await sleep(backoff(round));
    }
  }

  /** Fails the writes whose deadline passed while the lock was held elsewhere; returns the rest. */
  function expire(writes: QueuedWrite[], busy: Error | undefined): QueuedWrite[] {
    if (!contended) return writes;
    const now = performance.now();
    for (const write of writes) {
      if (now >= write.deadline) write.reject(busy ?? lockedError(deadlineMs));
    }
    return writes.filter((write) => now < write.deadline);
  }

  /**
   * Runs `sql` until it gets past the lock or every write waiting on it has expired; false then.
   * Every write in `writes` is tried at least once unless the lock is known to be held.
   */
  async function throughLock(sql: string, parameters: unknown[], writes: QueuedWrite[]) {
    let busy: Error | undefined;
    for (let round = 0; ; round++) {
      writes.splice(0, writes.length, ...expire(writes, busy));
      if (writes.length === 0) return { passed: false } as const;
      try {
        const rows = await query(sql, ...parameters);
        contended = false;
        return { passed: true, rows } as const;
      } catch (error) {
        if (!isBusy(error)) {
          for (const write of writes) write.reject(error);
          return { passed: false } as const;
        }
        contended = true;
        busy = error;
        if (writes.every((write) => performance.now() >= write.deadline)) {
          for (const write of writes) write.reject(error);
          return { passed: false } as const;
        }
      }
      await sleep(backoff(round));
    }
  }

  async function runAlone(write: QueuedWrite) {
    const outcome = await throughLock(write.sql, write.parameters, [write]);
    if (outcome.passed) write.resolve(outcome.rows);
  }

  async function runTogether(writes: QueuedWrite[]) {
    const begun = await throughLock('BEGIN IMMEDIATE', [], writes);
    if (!begun.passed) return;
    // The write lock is ours until COMMIT: these cannot meet another connection's lock.
    const outcomes = await Promise.allSettled(
      writes.map((write) => query(write.sql, ...write.parameters)),
    );
    try {
      await query('COMMIT');
    } catch (error) {
      await query('ROLLBACK').catch(() => undefined);
      for (const write of writes) write.reject(error);
      return;
    }
    outcomes.forEach((outcome, index) => {
      const write = writes[index];
      if (outcome.status === 'fulfilled') write?.resolve(outcome.value);
      else write?.reject(outcome.reason);
    });
  }

  async function drain() {
    while (queue.length > 0) {
      // The row changes at the head of the queue go together; anything else goes alone.
      const other = queue.findIndex((write) => !isBatchable(write.sql));
      const writes = queue.splice(
        0,
        Math.min(MAX_BATCH, Math.max(1, other === -1 ? queue.length : other)),
      );
      const [only] = writes;
      if (writes.length === 1 && only !== undefined) await runAlone(only);
      else await runTogether(writes);
    }
  }

  function schedule() {
    if (draining || queue.length === 0) return;
    draining = true;
    // Started on the next turn, so writes issued together (a burst) share one transaction.
    setImmediate(() => {
      void drain().finally(() => {
        draining = false;
        schedule();
      });
    });
  }

  return (sql, ...parameters) => {
    if (isRead(sql)) return read(sql, parameters);
    return new Promise((resolve, reject) => {
      queue.push({ sql, parameters, deadline: performance.now() + deadlineMs, resolve, reject });
      schedule();
    });
  };
}

/** For a write that waited its whole turn behind others: the error SQLite would have given. */
function lockedError(deadlineMs: number): Error {
  return Object.assign(
    new Error(`SQLITE_BUSY: database is locked (waited ${deadlineMs} ms for other writes)`),
    { code: 'SQLITE_BUSY', errno: 5 },
  );
}
