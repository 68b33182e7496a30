import type { Logger } from '../log/logger';

/**
 * Tribune's one store, the port every feature stores through: Keyv on a SQLite file
 * (`sqlite-store.ts`, the default) or on PostgreSQL (`postgres-store.ts`), chosen by URL in
 * `open-store.ts`. Features build typed repositories on it with explicit key layouts
 * (`poll:<id>`, `vote:<poll>:<voter>`…). Keyv has no transactions, so besides get/set it offers
 * atomic operations each backend runs in one statement: insert-if-absent (claims, first writer
 * wins) and compare-and-set updates; and an ordered (byte-wise) prefix listing that replaces
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
  /**
   * Keys from `from` (included) to `to` (excluded), in key order, without reading values: for keys
   * that embed a fixed-width time, "everything due before" (e.g. reading plans' due index).
   */
  keysBetween(from: string, to: string): Promise<string[]>;
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

export interface StoreOptions {
  /**
   * `sqlite://path/to/file.sqlite` (the folder is created if missing) or
   * `postgres://user:password@host:port/database` (settings in `postgres-store.ts`).
   */
  readonly url: string;
  readonly logger: Logger;
  /** How long a write waits for another connection's lock before failing. */
  readonly busyTimeoutMs?: number;
}
