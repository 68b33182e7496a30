import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import type { Logger } from '../log/logger';
import { BUSY_SLICE_MS, withBusyRetry } from './busy-retry';

/**
 * Tribune's one store: Keyv on SQLite. Features build typed repositories on it with explicit key
 * layouts (`poll:<id>`, `vote:<poll>:<voter>`…). Keyv has no transactions, so besides get/set it
 * offers the two atomic operations that SQLite gives in one statement: insert-if-absent (claims,
 * first writer wins) and compare-and-set updates; and an ordered prefix listing that replaces
 * Keyv's offset iterator, which skips rows deleted during a walk.
 */
export interface Store<Settings extends StoreSettings = StoreSettings> {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  /** Throws when the write fails: a failed write is never mistaken for a stored one. */
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Stores the value only if the key is absent, atomically; true when this call stored it. */
  setIfAbsent(key: string, value: unknown): Promise<boolean>;
  /**
   * `setIfAbsent` for many keys in one statement (one round trip through node-sqlite3, which costs
   * the main thread far more than SQLite's work); returns the keys this call stored.
   */
  setManyIfAbsent(keys: readonly string[], value: unknown): Promise<Set<string>>;
  /**
   * `setIfAbsent` that reads `watched` in the same statement, so as it was when the value was
   * written: a writer learns whether what its write depends on (a vote's poll) changed before the
   * write landed, without a second query. Nothing is read when the key was present.
   */
  setIfAbsentWatching<W>(key: string, value: unknown, watched: string): Promise<WatchedWrite<W>>;
  /**
   * Atomic read-modify-write, safe across processes sharing the file: `change` sees the current
   * value and returns the next one (or `undefined` to leave it unchanged); retried on conflict.
   */
  update<T>(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
  /** Entries whose key starts with `prefix`, in key order. */
  entries<T>(prefix: string): Promise<[string, T][]>;
  /** Keys starting with `prefix`, in key order, without reading values. */
  keys(prefix: string): Promise<string[]>;
  /** Deletes every key starting with `prefix` (exact prefix: no LIKE wildcards). */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * Deletes every key from `from` (included) to `to` (excluded), in key order, in one statement:
   * for keys that embed a fixed-width time, "everything older than" (e.g. interaction claims).
   */
  deleteRange(from: string, to: string): Promise<number>;
  /** What the backend runs with, read back from the store's own connection: a diagnostic for tests. */
  settings(): Promise<Settings>;
  close(): Promise<void>;
}

/** What `setIfAbsentWatching` did, and what it saw. */
export type WatchedWrite<W> = { stored: true; watched: W | undefined } | { stored: false };

/** What `settings()` reports, per backend: each has its own knobs. */
export type StoreSettings = SqliteStoreSettings | PostgresStoreSettings;

export interface SqliteStoreSettings {
  readonly backend: 'sqlite';
  /** `wal`: readers and one writer work at once, across processes. */
  readonly journalMode: string;
  /** `normal`: in WAL mode, a process crash loses no commit (an OS crash may lose the last). */
  readonly synchronous: 'off' | 'normal' | 'full' | 'extra';
  /** How long SQLite waits for another connection's lock on each attempt (`PRAGMA busy_timeout`). */
  readonly busyTimeoutMs: number;
  /** How long a statement goes on retrying a locked database before it fails. */
  readonly lockWaitMs: number;
  /** Deleted rows are overwritten, so erased votes don't linger in the file's free pages. */
  readonly secureDelete: boolean;
}

export interface PostgresStoreSettings {
  readonly backend: 'postgres';
  /** `SHOW server_version`. */
  readonly serverVersion: string;
  /** At most this many connections to the server (`?pool=`). */
  readonly poolSize: number;
  /** How long the server lets one statement run (`?statement_timeout=`, read back). */
  readonly statementTimeoutMs: number;
  /** How long opening a connection may take (`?connect_timeout=`, in seconds in the URL). */
  readonly connectTimeoutMs: number;
  /** Whether this connection is encrypted (`?sslmode=`, read back from `pg_stat_ssl`). */
  readonly tls: boolean;
  /** The key column's collation: `C` orders keys byte-wise, like SQLite. */
  readonly keyCollation: string;
  /** `read committed`: compare-and-set relies on its re-check of a concurrently updated row. */
  readonly isolation: string;
}

const SYNCHRONOUS = ['off', 'normal', 'full', 'extra'] as const;

export interface StoreOptions {
  /** `sqlite://path/to/file.sqlite`; the folder is created if missing. */
  readonly url: string;
  readonly logger: Logger;
  /** How long a writer waits for another connection's lock before failing. */
  readonly busyTimeoutMs?: number;
}

const NAMESPACE = 'tribune';
const TABLE = 'keyv';
const MAX_UPDATE_ATTEMPTS = 50;
const DEFAULT_LOCK_WAIT_MS = 5000;

export async function openStore(options: StoreOptions): Promise<Store<SqliteStoreSettings>> {
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
  const updatesInFlight = new Map<string, Promise<void>>();
  async function compareAndSet<T>(
    key: string,
    change: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const [row] = await query(`SELECT value FROM ${TABLE} WHERE key = ?`, fullKey(key));
      const current = row ? await deserialize<T>(row.value) : undefined;
      const next = change(current);
      if (next === undefined) return current;
      const serialized = await serialize(next);
      const written = row
        ? await query(
            `UPDATE ${TABLE} SET value = ? WHERE key = ? AND value = ? RETURNING key`,
            serialized,
            fullKey(key),
            row.value,
          )
        : await query(
            `INSERT INTO ${TABLE}(key, value) VALUES(?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`,
            fullKey(key),
            serialized,
          );
      if (written.length === 1) return next;
      // Another process wrote first: wait a little, at random, so the two don't collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
    }
    throw new Error(`update of "${key}" kept conflicting`);
  }
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
    async setIfAbsentWatching<W>(key: string, value: unknown, watched: string) {
      const [row] = (await query(
        `INSERT INTO ${TABLE}(key, value) VALUES(?, ?) ON CONFLICT(key) DO NOTHING
         RETURNING (SELECT value FROM ${TABLE} WHERE key = ?) AS watched`,
        fullKey(key),
        await serialize(value),
        fullKey(watched),
      )) as unknown as ({ watched: string | null } | undefined)[];
      if (row === undefined) return { stored: false } as const;
      const current = row.watched === null ? undefined : await deserialize<W>(row.watched);
      return { stored: true, watched: current } as const;
    },
    update<T>(key: string, change: (current: T | undefined) => T | undefined) {
      // Serialised per key within this process; compare-and-set guards against other processes.
      const previous = updatesInFlight.get(key) ?? Promise.resolve();
      const next = previous.then(() => compareAndSet(key, change));
      const settled = next.then(
        () => undefined,
        () => undefined,
      );
      updatesInFlight.set(key, settled);
      void settled.then(() => {
        if (updatesInFlight.get(key) === settled) updatesInFlight.delete(key);
      });
      return next;
    },
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
    async keys(prefix) {
      const rows = await query(
        `SELECT key FROM ${TABLE} WHERE key >= ? AND key < ? ORDER BY key`,
        ...range(prefix),
      );
      return rows.map((row) => row.key.slice(NAMESPACE.length + 1));
    },
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
