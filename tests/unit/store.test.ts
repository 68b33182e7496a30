import { join } from 'node:path';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { BUSY_SLICE_MS } from '../../src/store/sqlite-write-lane';
import { openSqliteStore as openStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import { tempDir } from '../support/temp-dir';

const silent = pino({ level: 'silent' });

async function open(path: string): Promise<Store> {
  const store = await openStore({ url: `sqlite://${path}`, logger: silent });
  return store;
}

function rawRows(path: string): Promise<{ key: string; value: string }[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY);
    db.all('SELECT key, value FROM keyv ORDER BY key', (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as { key: string; value: string }[]);
    });
  });
}

/** A pragma's value on a new, plain connection to the file (SQLite's defaults). */
function plainPragma(path: string, pragma: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY);
    db.get(`PRAGMA ${pragma}`, (error, row: Record<string, unknown> | undefined) => {
      db.close();
      if (error) reject(error);
      else resolve(Object.values(row ?? {})[0]);
    });
  });
}

describe('openStore (Keyv on a real SQLite file)', () => {
  it('creates the folder, and stores values under the tribune namespace', async () => {
    const path = join(await tempDir(), 'nested', 'tribune.sqlite');
    const store = await open(path);
    await store.set('poll:1', { question: 'Quoi ?' });
    expect(await store.get('poll:1')).toEqual({ question: 'Quoi ?' });
    expect(await store.get('poll:2')).toBeUndefined();
    await store.close();
    expect((await rawRows(path)).map((row) => row.key)).toEqual(['tribune:poll:1']);
  });

  it('runs SQLite in WAL mode with synchronous=NORMAL', async () => {
    const path = join(await tempDir(), 'tribune.sqlite');
    const store = await open(path);
    await store.set('k', 1);
    await store.close();
    const mode = await new Promise<string>((resolve, reject) => {
      const db = new sqlite3.Database(path);
      db.get('PRAGMA journal_mode', (error, row: { journal_mode: string }) => {
        db.close();
        if (error) reject(error);
        else resolve(row.journal_mode);
      });
    });
    expect(mode).toBe('wal');
  });

  it('lists and deletes by exact prefix, where LIKE would treat "_" as a wildcard', async () => {
    const store = await open(join(await tempDir(), 'tribune.sqlite'));
    await store.set('vote:a_b:1', 1);
    await store.set('vote:a_b:2', 2);
    await store.set('vote:aXb:1', 3);
    await store.set('vote:a_c:1', 4);
    expect(await store.entries('vote:a_b:')).toEqual([
      ['vote:a_b:1', 1],
      ['vote:a_b:2', 2],
    ]);
    expect(await store.keys('vote:a')).toHaveLength(4);
    expect(await store.deletePrefix('vote:a_b:')).toBe(2);
    expect(await store.keys('vote:')).toEqual(['vote:aXb:1', 'vote:a_c:1']);
    await store.close();
  });

  it('setIfAbsent lets exactly one of many concurrent claims win, across two connections', async () => {
    const path = join(await tempDir(), 'tribune.sqlite');
    const [first, second] = [await open(path), await open(path)];
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 ? first : second).setIfAbsent('claim:week-1', { by: index }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    await Promise.all([first.close(), second.close()]);
  });

  it('setIfAbsentWatching stores only if absent, and reads the watched key as of the write', async () => {
    const path = join(await tempDir(), 'tribune.sqlite');
    const [first, second] = [await open(path), await open(path)];
    await first.set('poll:p', { closed: false });
    expect(await first.setIfAbsentWatching('vote:p:1', { choices: [0] }, 'poll:p')).toEqual({
      stored: true,
      watched: { closed: false },
    });
    expect(await second.setIfAbsentWatching('vote:p:1', { choices: [1] }, 'poll:p')).toEqual({
      stored: false,
    });
    await second.set('poll:p', { closed: true });
    expect(await first.setIfAbsentWatching('vote:p:2', { choices: [1] }, 'poll:p')).toEqual({
      stored: true,
      watched: { closed: true },
    });
    expect(await first.setIfAbsentWatching('vote:q:1', ':colon', 'poll:q')).toEqual({
      stored: true,
      watched: undefined,
    });
    expect(await second.get('vote:q:1')).toBe(':colon');
    expect(await second.get('vote:p:1')).toEqual({ choices: [0] });
    await Promise.all([first.close(), second.close()]);
  });

  it('update is an atomic read-modify-write across connections: no increment is lost', async () => {
    const path = join(await tempDir(), 'tribune.sqlite');
    const [first, second] = [await open(path), await open(path)];
    await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        (index % 2 ? first : second).update<number>('counter', (count) => (count ?? 0) + 1),
      ),
    );
    expect(await first.get('counter')).toBe(100);
    expect(await first.update<number>('counter', () => undefined)).toBe(100);
    await Promise.all([first.close(), second.close()]);
  });

  it('reports its settings as read back from its own connection: WAL, NORMAL, busy timeouts, secure delete', async () => {
    const path = join(await tempDir(), 'tribune.sqlite');
    const store = await open(path);
    expect(await store.settings()).toEqual({
      backend: 'sqlite',
      journalMode: 'wal',
      synchronous: 'normal',
      busyTimeoutMs: BUSY_SLICE_MS,
      lockWaitMs: 5000,
      secureDelete: true,
    });
    // synchronous and busy_timeout belong to a connection: a plain one has the defaults (FULL,
    // node-sqlite3's 1 s), so the values above were read from the store's own connection.
    expect(await plainPragma(path, 'synchronous')).toBe(2);
    expect(await plainPragma(path, 'busy_timeout')).toBe(1000);
    await store.close();
    const patient = await openStore({
      url: `sqlite://${path}`,
      logger: silent,
      busyTimeoutMs: 250,
    });
    expect((await patient.settings()).lockWaitMs).toBe(250);
    await patient.close();
  });

  it('throws when SQLite refuses a write (Keyv throwOnErrors), and stores nothing', async () => {
    const path = join(await tempDir(), 'tribune.sqlite');
    const store = await open(path);
    await store.set('vote:p:kept', { choices: [0] });
    // Another connection makes every write fail, as a full disk or a broken file would.
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(path);
      db.exec(
        `CREATE TRIGGER refuse_insert BEFORE INSERT ON keyv BEGIN SELECT RAISE(ABORT, 'refused'); END;
         CREATE TRIGGER refuse_update BEFORE UPDATE ON keyv BEGIN SELECT RAISE(ABORT, 'refused'); END;`,
        (error) => {
          db.close();
          if (error) reject(error);
          else resolve();
        },
      );
    });
    await expect(store.set('vote:p:1', { choices: [1] })).rejects.toThrow('refused');
    await expect(store.set('vote:p:kept', { choices: [2] })).rejects.toThrow('refused');
    await expect(store.setIfAbsent('vote:p:2', { choices: [1] })).rejects.toThrow('refused');
    await expect(store.update('vote:p:kept', () => ({ choices: [3] }))).rejects.toThrow('refused');
    expect(await store.get('vote:p:1')).toBeUndefined();
    expect(await store.get('vote:p:kept')).toEqual({ choices: [0] });
    await store.close();
  });

  it('throws when a write fails instead of reporting success', async () => {
    const store = await open(join(await tempDir(), 'tribune.sqlite'));
    await store.close();
    await expect(store.set('k', 1)).rejects.toThrow();
  });
});
