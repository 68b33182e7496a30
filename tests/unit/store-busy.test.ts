import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { withBusyRetry } from '../../src/store/sqlite-write-lane';
import { openSqliteStore as openStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { tempDir } from '../support/temp-dir';
import { holdWriteLock } from '../support/write-lock';

const silent = pino({ level: 'silent' });

async function storeWithLock(busyTimeoutMs: number) {
  const path = join(await tempDir(), 'tribune.sqlite');
  const store: Store = await openStore({ url: `sqlite://${path}`, logger: silent, busyTimeoutMs });
  onTestFinished(() => store.close());
  await store.set('before', 1);
  // Another connection holds the write lock (a backup, a script, a stuck process).
  const lock = await holdWriteLock(path);
  return { store, release: () => lock.release() };
}

describe('the store while another connection holds the write lock', () => {
  it('fails each write once its own busy timeout is over, not one timeout after another', async () => {
    const { store } = await storeWithLock(400);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.setIfAbsent(`vote:${index}`, 1).then(
          () => 'stored',
          (error: unknown) => (error as { code?: string }).code,
        ),
      ),
    );
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => 'SQLITE_BUSY'));
    // Waited inside SQLite, one after the other, these took 20 × 400 ms.
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('keeps answering reads while writes wait', async () => {
    const { store } = await storeWithLock(2000);
    const events: string[] = [];
    const writes = Array.from({ length: 10 }, (_, index) =>
      store.set(`vote:${index}`, 1).catch(() => events.push('write failed')),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.get('before')).toBe(1);
    expect(await store.keys('vote:')).toEqual([]);
    events.push('read');
    await Promise.all(writes);
    expect(events[0]).toBe('read');
  });

  it('stores every write that was waiting, once the lock is released in time', async () => {
    const { store, release } = await storeWithLock(5000);
    const writes = Array.from({ length: 20 }, (_, index) => store.setIfAbsent(`vote:${index}`, 1));
    const counter = store.update<number>('count', (current) => (current ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await release();
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 20 }, () => true));
    expect(await counter).toBe(1);
    expect(await store.keys('vote:')).toHaveLength(20);
    // And the next write goes straight through.
    await store.set('after', 1);
    expect(await store.get('after')).toBe(1);
  });
});

/** A plain node-sqlite3 connection, as `@keyv/sqlite` opens it, with promise helpers. */
function connect(path: string) {
  const db = new sqlite3.Database(path);
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        db.close(() => {
          resolve();
        });
      }),
  );
  const all = (sql: string, ...parameters: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) => {
      db.all(sql, parameters, (error, rows) => {
        if (error) reject(error);
        else resolve(rows);
      });
    });
  return { db, all };
}

describe('why the store never lets two writes overlap on its connection', () => {
  it('node-sqlite3: a write that succeeds while a failed write is still active is undone when that one is finalised', async () => {
    const path = join(await tempDir(), 'lost.sqlite');
    const bot = connect(path);
    await bot.all('PRAGMA journal_mode=WAL');
    await bot.all('CREATE TABLE keyv(key TEXT PRIMARY KEY, value TEXT)');
    const lock = await holdWriteLock(path);
    // A vote fails on the lock and is not finalised yet (node-sqlite3 finalises it on the main
    // thread after its callback; another libuv thread can run the next statement meanwhile).
    const failed = bot.db.prepare('INSERT INTO keyv VALUES (?, ?)');
    const error = await new Promise<unknown>((resolve) => {
      failed.run('vote:0', '1', resolve);
    });
    expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
    await lock.release();
    // The next vote gets through and reports itself stored…
    expect(await bot.all(`INSERT INTO keyv VALUES ('vote:1', '1') RETURNING key`)).toEqual([
      { key: 'vote:1' },
    ]);
    // …but SQLite commits an autocommit write only once no other write is active,
    await new Promise<void>((resolve) => {
      failed.finalize(() => {
        resolve();
      });
    });
    // …and finalising the failed one rolled the transaction back: the reported write is gone.
    const fresh = connect(path);
    expect(await fresh.all('SELECT key FROM keyv')).toEqual([]);
  });

  it('never runs a write beside another outside the transaction it holds, while the lock comes and goes', async () => {
    const path = join(await tempDir(), 'lane.sqlite');
    const bot = connect(path);
    await bot.all('PRAGMA journal_mode=WAL');
    await bot.all('CREATE TABLE keyv(key TEXT PRIMARY KEY, value TEXT)');
    bot.db.configure('busyTimeout', 20);
    let writing = 0;
    let inTransaction = false;
    const overlapsOutsideTransaction: string[] = [];
    const query = withBusyRetry(async (sql, ...parameters) => {
      if (sql.startsWith('SELECT')) return bot.all(sql, ...parameters);
      if (sql === 'COMMIT' || sql === 'ROLLBACK') inTransaction = false;
      if (writing > 0 && !inTransaction) overlapsOutsideTransaction.push(sql);
      writing++;
      try {
        const rows = await bot.all(sql, ...parameters);
        if (sql === 'BEGIN IMMEDIATE') inTransaction = true;
        return rows;
      } finally {
        writing--;
      }
    }, 5000);
    const lock = await holdWriteLock(path);
    const writes = Array.from({ length: 20 }, (_, index) =>
      query(`INSERT INTO keyv VALUES (?, '1') RETURNING key`, `vote:${index}`),
    );
    const reads = Array.from({ length: 5 }, () => query('SELECT key FROM keyv'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await lock.release();
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 5 }, () => []));
    expect(await Promise.all(writes)).toHaveLength(20);
    expect(overlapsOutsideTransaction).toEqual([]);
    const fresh = connect(path);
    expect(await fresh.all('SELECT key FROM keyv')).toHaveLength(20);
  });
});
