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

/** node-sqlite3's error for "database is locked" (an `Error` with `code`). */
const isBusy = (error: unknown): error is Error =>
  error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_BUSY';

const isRead = (sql: string) => /^\s*SELECT\b/i.test(sql);

const sleep = (ms: number) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Wraps a connection's `query` so that "database is locked" is waited out here, in JavaScript,
 * up to `deadlineMs` per statement, instead of inside SQLite:
 *
 * - every statement is first tried directly (the usual case: no lock, nothing changes);
 * - a write that finds the database locked makes the connection "contended": it and every write
 *   after it go through one lane, one at a time, each retried with a growing pause (while
 *   pausing, it holds neither the connection nor a thread) until it succeeds or its deadline
 *   passes; a write whose deadline passed while it waited its turn fails without trying. The first
 *   write that succeeds ends the contention. So a lock held for a minute costs one short attempt
 *   at a time, every write fails after `deadlineMs` (not N × it), and reads go on meanwhile;
 * - reads (which WAL mode rarely blocks) never wait in the lane: they retry on their own.
 *
 * The error is SQLite's own (`SQLITE_BUSY`), so callers see what they saw before, only sooner.
 */
export function withBusyRetry(query: Query, deadlineMs: number): Query {
  let contended = false;
  let lane: Promise<unknown> = Promise.resolve();

  async function retry(sql: string, parameters: unknown[], deadline: number, first?: Error) {
    let lastError = first;
    for (let round = 0; ; round++) {
      if (performance.now() >= deadline && lastError !== undefined) throw lastError;
      try {
        const rows = await query(sql, ...parameters);
        if (!isRead(sql)) contended = false;
        return rows;
      } catch (error) {
        if (!isBusy(error)) throw error;
        lastError = error;
        if (performance.now() >= deadline) throw error;
      }
      await sleep(Math.min(100, 5 * 2 ** round) * (0.5 + Math.random() / 2));
    }
  }

  return async (sql, ...parameters) => {
    const deadline = performance.now() + deadlineMs;
    if (isRead(sql)) return retry(sql, parameters, deadline);
    let busy: Error | undefined;
    if (!contended) {
      try {
        return await query(sql, ...parameters);
      } catch (error) {
        if (!isBusy(error)) throw error;
        contended = true;
        busy = error;
      }
    }
    const turn = lane.then(() => retry(sql, parameters, deadline, busy ?? lockedError(deadlineMs)));
    lane = turn.catch(() => undefined);
    return turn;
  };
}

/** For a write that waited its whole turn behind others: the error SQLite would have given. */
function lockedError(deadlineMs: number): Error {
  return Object.assign(
    new Error(`SQLITE_BUSY: database is locked (waited ${deadlineMs} ms for other writes)`),
    { code: 'SQLITE_BUSY', errno: 5 },
  );
}
