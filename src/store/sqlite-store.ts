import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { CompareAndSet } from './compare-and-set';
import { BUSY_SLICE_MS, withBusyRetry } from './sqlite-write-lane';
import type { SqliteStoreSettings, Store, StoreOptions } from './store';
import { batchedSetIfAbsentWatching } from './watched-write-batches';

const SYNCHRONOUS = ['off', 'normal', 'full', 'extra'] as const;

const NAMESPACE = 'tribune';
const TABLE = 'keyv';
const DEFAULT_LOCK_WAIT_MS = 5000;

/** The default store: Keyv on a SQLite file (`sqlite://path`). */
export async function openSqliteStore(options: StoreOptions): Promise<Store<SqliteStoreSettings>> {
  const path = options.url.replace(/^sqlite:\/\//, '');
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  const sqlite = new KeyvSqlite({ uri: options.url, busyTimeout: BUSY_SLICE_MS });
  // Every statement, Keyv's included, waits out another connection's lock in JavaScript, up to the
  // busy timeout, rather than inside SQLite (see `busy-retry.ts` for why).
  sqlite.query = withBusyRetry(sqlite.query, options.busyTimeoutMs ?? DEFAULT_LOCK_WAIT_MS);
  const keyv = new Keyv({ store: sqlite, namespace: NAMESPACE, throwOnErrors: true });
  keyv.on('error', (error: unknown) => {
    options.logger.error({ err: error }, 'store error');
  });
  // WAL lets readers and a writer work at once; NORMAL is durable across process crashes in WAL
  // mode (only an OS crash can lose the last commits) and several times faster than FULL.
  await sqlite.query('PRAGMA journal_mode=WAL');
  await sqlite.query('PRAGMA synchronous=NORMAL');
  // What `/privacy delete` and the retention purge erase is overwritten, not left in free pages.
  await sqlite.query('PRAGMA secure_delete=ON');

  const query = sqlite.query as (sql: string, ...parameters: unknown[]) => Promise<Row[]>;
  const fullKey = (key: string) => `${NAMESPACE}:${key}`;
  const serialize = async (value: unknown) =>
    (await keyv.serializeData({ value, expires: undefined })) as string;
  const deserialize = async <T>(raw: string): Promise<T> =>
    ((await keyv.deserializeData(raw)) as { value: T }).value;
  const compareAndSet = new CompareAndSet({
    read: async (key) =>
      (await query(`SELECT value FROM ${TABLE} WHERE key = ?`, fullKey(key)))[0]?.value,
    replace: async (key, expected, next) =>
      (
        await query(
          `UPDATE ${TABLE} SET value = ? WHERE key = ? AND value = ? RETURNING key`,
          next,
          fullKey(key),
          expected,
        )
      ).length === 1,
    insert: async (key, next) =>
      (
        await query(
          `INSERT INTO ${TABLE}(key, value) VALUES(?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
          fullKey(key),
          next,
        )
      ).length === 1,
    serialize,
    deserialize,
  });
  const keysIn = async (from: string, to: string) =>
    (await query(`SELECT key FROM ${TABLE} WHERE key >= ? AND key < ? ORDER BY key`, from, to)).map(
      (row) => row.key.slice(NAMESPACE.length + 1),
    );
  const range = (prefix: string) => [fullKey(prefix), `${fullKey(prefix)}\uffff`] as const;

  const store: Store<SqliteStoreSettings> = {
    get: async <T>(key: string) => (await keyv.get<T>(key)) ?? undefined,
    getMany: async <T>(keys: readonly string[]) =>
      keys.length === 0
        ? []
        : ((await keyv.getMany<T>([...keys])) as (T | null | undefined)[]).map(
            (value) => value ?? undefined,
          ),
    async set(key, value) {
      await keyv.set(key, value);
    },
    delete: async (key) => keyv.delete(key),
    async setIfAbsent(key, value) {
      const rows = await query(
        `INSERT INTO ${TABLE}(key, value) VALUES(?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
        fullKey(key),
        await serialize(value),
      );
      return rows.length === 1;
    },
    async setManyIfAbsent(keys, value) {
      if (keys.length === 0) return new Set();
      const serialized = await serialize(value);
      const rows = await query(
        `INSERT INTO ${TABLE}(key, value) VALUES ${keys.map(() => '(?, ?)').join(', ')}
         ON CONFLICT(key) DO NOTHING RETURNING key`,
        ...keys.flatMap((key) => [fullKey(key), serialized]),
      );
      return new Set(rows.map((row) => row.key.slice(NAMESPACE.length + 1)));
    },
    setIfAbsentWatching: batchedSetIfAbsentWatching({
      async write(entries, watched) {
        const rows = (await query(
          `INSERT INTO ${TABLE}(key, value) VALUES ${entries.map(() => '(?, ?)').join(', ')}
           ON CONFLICT(key) DO NOTHING
           RETURNING key, (SELECT value FROM ${TABLE} WHERE key = ?) AS watched`,
          ...entries.flatMap((entry) => [fullKey(entry.key), entry.value]),
          fullKey(watched),
        )) as unknown as { key: string; watched: string | null }[];
        return {
          stored: new Set(rows.map((row) => row.key.slice(NAMESPACE.length + 1))),
          watched: rows[0]?.watched ?? undefined,
        };
      },
      serialize,
      deserialize,
    }),
    update: (key, change) => compareAndSet.update(key, change),
    async entries<T>(prefix: string) {
      const rows = await query(
        `SELECT key, value FROM ${TABLE} WHERE key >= ? AND key < ? ORDER BY key`,
        ...range(prefix),
      );
      return Promise.all(
        rows.map(async (row): Promise<[string, T]> => [
          row.key.slice(NAMESPACE.length + 1),
          await deserialize<T>(row.value),
        ]),
      );
    },
    keys: (prefix) => keysIn(...range(prefix)),
    keysBetween: (from, to) => keysIn(fullKey(from), fullKey(to)),
    async deletePrefix(prefix) {
      const rows = await query(
        `DELETE FROM ${TABLE} WHERE key >= ? AND key < ? RETURNING key`,
        ...range(prefix),
      );
      return rows.length;
    },
    async deleteRange(from, to) {
      const rows = await query(
        `DELETE FROM ${TABLE} WHERE key >= ? AND key < ? RETURNING key`,
        fullKey(from),
        fullKey(to),
      );
      return rows.length;
    },
    async settings() {
      // One value per pragma, in a column named after it (`timeout` for busy_timeout).
      const pragma = async (name: string) =>
        Object.values(((await sqlite.query(`PRAGMA ${name}`)) as object[])[0] ?? {})[0] as unknown;
      return {
        backend: 'sqlite',
        journalMode: String(await pragma('journal_mode')),
        synchronous: SYNCHRONOUS[Number(await pragma('synchronous'))] ?? 'full',
        busyTimeoutMs: Number(await pragma('busy_timeout')),
        lockWaitMs: options.busyTimeoutMs ?? DEFAULT_LOCK_WAIT_MS,
        secureDelete: Number(await pragma('secure_delete')) === 1,
      };
    },
    async close() {
      await keyv.disconnect();
    },
  };
  return store;
}

interface Row {
  key: string;
  value: string;
}
