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
 * Wraps a connection's `query` so that writes never overlap on the connection and "database is
 * locked" is waited out here, in JavaScript, up to `deadlineMs` per statement, instead of inside
 * SQLite.
 *
 * Why writes never overlap: a write that fails with SQLITE_BUSY stays an active statement until
 * node-sqlite3 finalises it. A second write that runs on the same connection meanwhile (another
 * libuv thread takes the connection the moment the first lets go) succeeds, returns its rows, but
 * is not committed, because SQLite commits an autocommit write only when it is the last active
 * one; finalising the failed statement then rolls the whole transaction back, the second write
 * with it. A write the store had reported as done was gone (`tests/unit/store-busy.test.ts`
 * reproduces this with node-sqlite3 alone). So writes go through one lane, one statement at a
 * time: the next write starts only after the previous one's statement was finalised (node-sqlite3
 * finalises it in the same callback that settles it, before promise continuations run).
 *
 * - A write that finds the database locked is retried with a growing pause (while pausing, it
 *   holds neither the connection nor a thread) until it succeeds or its deadline passes; while the
 *   lock lasts ("contended"), a write whose deadline passed as it waited its turn fails without
 *   trying. So a lock held for a minute costs one short attempt at a time, and every write fails
 *   after `deadlineMs`, not N × it. The first write that succeeds ends the contention.
 * - Reads (which WAL mode rarely blocks, and whose failure cannot undo a write) never wait in the
 *   lane: they go on while writes wait, and retry on their own.
 *
 * The error is SQLite's own (`SQLITE_BUSY`), so callers see what they saw before, only sooner.
 */
export function withBusyRetry(query: Query, deadlineMs: number): Query {
  let contended = false;
  let lane: Promise<unknown> = Promise.resolve();

  async function attempt(sql: string, parameters: unknown[], deadline: number) {
    let lastError: Error | undefined;
    for (let round = 0; ; round++) {
      try {
        const rows = await query(sql, ...parameters);
        if (!isRead(sql)) contended = false;
        return rows;
      } catch (error) {
        if (!isBusy(error)) throw error;
        lastError = error;
        if (!isRead(sql)) contended = true;
      }
      if (performance.now() >= deadline) throw lastError;
      await sleep(Math.min(100, 5 * 2 ** round) * (0.5 + Math.random() / 2));
    }
  }

  return (sql, ...parameters) => {
    const deadline = performance.now() + deadlineMs;
    if (isRead(sql)) return attempt(sql, parameters, deadline);
    const turn = lane.then(() => {
      if (contended && performance.now() >= deadline) throw lockedError(deadlineMs);
      return attempt(sql, parameters, deadline);
    });
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
