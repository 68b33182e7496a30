import { readFile } from 'node:fs/promises';
import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import pg from 'pg';
import type { Logger } from '../log/logger';
import { CompareAndSet } from './compare-and-set';
import type { PostgresStoreSettings, Store, StoreOptions } from './store';
import { batchedSetIfAbsentWatching } from './watched-write-batches';

const NAMESPACE = 'tribune';
// Where `@keyv/postgres` reads and writes (its defaults: schema `public`, table `keyv`).
const TABLE = 'public.keyv';
const KEY_SIZE = 255;

const DEFAULTS = { pool: 10, statementTimeoutMs: 5000, connectTimeoutSeconds: 5 } as const;
const SSL_MODES = ['disable', 'require', 'verify-full', 'no-verify'] as const;
type SslMode = (typeof SSL_MODES)[number];

/** Where a URL points and with what settings (the password stays in `password` only). */
interface Target {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly pool: number;
  readonly statementTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly sslMode: SslMode;
  readonly sslRootCert: string | undefined;
  readonly applicationName: string;
}

interface Row {
  key: string;
  value: string;
}

/**
 * Tribune's store on PostgreSQL: the same `Store` as the SQLite one (`sqlite-store.ts`), for a fleet of
 * processes on several machines. Keyv (`@keyv/postgres`) does get/set; the atomic operations are
 * single SQL statements on the same connections.
 *
 * URL: `postgres://user:password@host:port/database` (or `postgresql://`; without a password,
 * pg's `PGPASSWORD` or `~/.pgpass`), with these optional settings as query parameters; any other
 * parameter is refused, so that a typo is not silently ignored:
 * - `pool=10`: at most this many connections to the server, per process.
 * - `statement_timeout=5000`: milliseconds the server lets one statement run (lock waits
 *   included) before cancelling it, so a stuck lock fails a vote instead of hanging it.
 * - `connect_timeout=5`: seconds to open a connection (libpq's name and unit).
 * - `sslmode=disable` (default), `require` or `verify-full`: TLS, with the server's certificate
 *   verified against the system's CAs (or `sslrootcert=/path/to/ca.pem`), as `pg` reads `require`
 *   too; `no-verify`: TLS without checking the certificate (only on a network you trust).
 * - `application_name=tribune`: how the connections show in `pg_stat_activity`.
 */
export async function openPostgresStore(
  options: StoreOptions,
): Promise<Store<PostgresStoreSettings>> {
  const parsed = parseUrl(options.url);
  // A lock wait asked for (the interaction claims' short one) bounds each statement here.
  const target =
    options.busyTimeoutMs === undefined
      ? parsed
      : { ...parsed, statementTimeoutMs: options.busyTimeoutMs };
  const pool = new pg.Pool(await poolConfig(target));
  // When the server goes away, idle connections fail outside any query: pg.Pool emits 'error',
  // which without a listener would crash the process. The pool drops those connections and opens
  // new ones for the next queries, so the store recovers by itself once the server is back.
  pool.on('error', (error) => {
    // The message and code only: pg attaches the whole client (its settings) to such errors.
    const { code } = error as { code?: unknown };
    options.logger.warn(
      { error: error.message, code },
      'PostgreSQL connection lost; the next query reconnects',
    );
  });
  // pg.Pool's end() resolves once its connections are told to close, not once they are closed:
  // counted here, so that a closed store has none left for a server stopped right after to cut.
  let connections = 0;
  let drained: (() => void) | undefined;
  pool.on('connect', () => connections++);
  pool.on('remove', () => {
    if (--connections === 0) drained?.();
  });
  const endPool = async () => {
    const allClosed = new Promise<void>((resolve) => {
      drained = resolve;
    });
    await pool.end();
    if (connections > 0) await allClosed;
  };
  try {
    await createTable(pool, options.logger);
  } catch (error) {
    await endPool();
    throw error;
  }

  // The adapter runs on our pool rather than its own: @keyv/postgres 2.2 keeps one pool per
  // module, replaced (not closed) when another URL is opened and closed by any instance's
  // `disconnect()`, so two stores in one process would share, leak or close each other's
  // connections; and it listens for no pool 'error', so a server restart would crash the process.
  class PooledKeyvPostgres extends KeyvPostgres {
    override connect() {
      return Promise.resolve(
        async (sql: string, values?: unknown[]) => (await pool.query<Row>(sql, values)).rows,
      );
    }
    override async disconnect() {
      await endPool();
    }
  }
  const adapter = new PooledKeyvPostgres({ schema: 'public', table: 'keyv', keySize: KEY_SIZE });
  const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, throwOnErrors: true });
  keyv.on('error', (error: unknown) => {
    options.logger.error({ err: error }, 'store error');
  });

  // Every statement below is one autocommit statement on a pooled connection, in READ COMMITTED:
  // unlike SQLite's single connection, a failed statement cannot undo another one.
  const query = adapter.query as (sql: string, values?: unknown[]) => Promise<Row[]>;
  const fullKey = (key: string) => `${NAMESPACE}:${key}`;
  const shortKey = (key: string) => key.slice(NAMESPACE.length + 1);
  const serialize = async (value: unknown) =>
    (await keyv.serializeData({ value, expires: undefined })) as string;
  const deserialize = async <T>(raw: string): Promise<T> =>
    ((await keyv.deserializeData(raw)) as { value: T }).value;
  // The same range as SQLite's, compared byte-wise thanks to the key column's "C" collation.
  const range = (prefix: string): [string, string] => [fullKey(prefix), `${fullKey(prefix)}\uffff`];
  const keysIn = async (from: string, to: string) =>
    (
      await query(`SELECT key FROM ${TABLE} WHERE key >= $1 AND key < $2 ORDER BY key`, [from, to])
    ).map((row) => shortKey(row.key));
  const countDeleted = async (from: string, to: string) => {
    const [row] = (await query(
      `WITH deleted AS (DELETE FROM ${TABLE} WHERE key >= $1 AND key < $2 RETURNING 1)
       SELECT count(*)::int AS count FROM deleted`,
      [from, to],
    )) as unknown as { count: number }[];
    return row?.count ?? 0;
  };

  // In READ COMMITTED, an UPDATE that finds the row changed by a concurrent commit re-checks its
  // WHERE against the new version: a lost race updates nothing, and the value is read again.
  const compareAndSet = new CompareAndSet({
    read: async (key) =>
      (await query(`SELECT value FROM ${TABLE} WHERE key = $1`, [fullKey(key)]))[0]?.value,
    replace: async (key, expected, next) =>
      (
        await query(`UPDATE ${TABLE} SET value = $1 WHERE key = $2 AND value = $3 RETURNING key`, [
          next,
          fullKey(key),
          expected,
        ])
      ).length === 1,
    insert: async (key, next) =>
      (
        await query(
          `INSERT INTO ${TABLE}(key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
          [fullKey(key), next],
        )
      ).length === 1,
    serialize,
    deserialize,
  });

  const store: Store<PostgresStoreSettings> = {
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
    // One statement (the adapter's delete is a SELECT then a DELETE: two deleters both "win").
    delete: async (key) =>
      (await query(`DELETE FROM ${TABLE} WHERE key = $1 RETURNING key`, [fullKey(key)])).length ===
      1,
    async setIfAbsent(key, value) {
      const rows = await query(
        `INSERT INTO ${TABLE}(key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [fullKey(key), await serialize(value)],
      );
      return rows.length === 1;
    },
    async setManyIfAbsent(keys, value) {
      if (keys.length === 0) return new Set();
      const rows = await query(
        `INSERT INTO ${TABLE}(key, value) SELECT claim.key, $2 FROM UNNEST($1::text[]) AS claim(key)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [keys.map(fullKey), await serialize(value)],
      );
      return new Set(rows.map((row) => shortKey(row.key)));
    },
    // The statement's snapshot alone would give the watched value as of the statement's start:
    // a poll closed while the votes were being written would look open, and the votes would miss
    // the frozen tally. FOR SHARE waits for a write of the watched row in progress and reads its
    // newest committed version, and keeps it from changing until the inserts are committed, as
    // SQLite's single writer does. Nothing is read (or locked) when no key was stored.
    setIfAbsentWatching: batchedSetIfAbsentWatching({
      async write(entries, watched) {
        const rows = (await query(
          `WITH inserted AS (
             INSERT INTO ${TABLE}(key, value)
             SELECT entry.key, entry.value FROM UNNEST($1::text[], $2::text[]) AS entry(key, value)
             ON CONFLICT (key) DO NOTHING RETURNING key
           )
           SELECT key, (SELECT value FROM ${TABLE} WHERE key = $3 FOR SHARE) AS watched FROM inserted`,
          [
            entries.map((entry) => fullKey(entry.key)),
            entries.map((entry) => entry.value),
            fullKey(watched),
          ],
        )) as unknown as { key: string; watched: string | null }[];
        return {
          stored: new Set(rows.map((row) => shortKey(row.key))),
          watched: rows[0]?.watched ?? undefined,
        };
      },
      serialize,
      deserialize,
    }),
    update: (key, change) => compareAndSet.update(key, change),
    async entries<T>(prefix: string) {
      const rows = await query(
        `SELECT key, value FROM ${TABLE} WHERE key >= $1 AND key < $2 ORDER BY key`,
        range(prefix),
      );
      return Promise.all(
        rows.map(async (row): Promise<[string, T]> => [
          shortKey(row.key),
          await deserialize<T>(row.value),
        ]),
      );
    },
    keys: (prefix) => keysIn(...range(prefix)),
    keysBetween: (from, to) => keysIn(fullKey(from), fullKey(to)),
    deletePrefix: (prefix) => countDeleted(...range(prefix)),
    deleteRange: (from, to) => countDeleted(fullKey(from), fullKey(to)),
    async settings() {
      const [row] = (await query(
        `SELECT current_setting('server_version') AS version,
                (SELECT setting::int FROM pg_settings WHERE name = 'statement_timeout') AS timeout_ms,
                current_setting('transaction_isolation') AS isolation,
                coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS tls,
                (${KEY_COLLATION}) AS key_collation`,
      )) as unknown as SettingsRow[];
      if (row === undefined) throw new Error('PostgreSQL returned no settings');
      return {
        backend: 'postgres',
        serverVersion: row.version,
        poolSize: target.pool,
        statementTimeoutMs: row.timeout_ms,
        connectTimeoutMs: target.connectTimeoutMs,
        tls: row.tls,
        keyCollation: row.key_collation ?? 'default',
        isolation: row.isolation,
      };
    },
    async close() {
      await keyv.disconnect();
    },
  };
  return store;
}

interface SettingsRow {
  version: string;
  timeout_ms: number;
  isolation: string;
  tls: boolean;
  key_collation: string | null;
}

/** The key column's collation: null when it is the database's default. */
const KEY_COLLATION = `SELECT collation_name FROM information_schema.columns
  WHERE table_schema = 'public' AND table_name = 'keyv' AND column_name = 'key'`;

/**
 * Creates Keyv's table before Keyv does, with keys compared byte-wise (`COLLATE "C"`) so that
 * prefix ranges use the primary key's index and list keys in SQLite's order; a database's
 * default collation (en_US…) orders them linguistically. A table made earlier by @keyv/postgres
 * itself, with the default collation, is converted once.
 */
async function createTable(pool: pg.Pool, logger: Logger): Promise<void> {
  try {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE}(key VARCHAR(${KEY_SIZE}) COLLATE "C" PRIMARY KEY, value TEXT)`,
    );
  } catch (error) {
    // Two processes creating it at once: the loser trips on the catalog's unique index.
    if (!hasCode(error, '23505') && !hasCode(error, '42P07')) throw error;
  }
  const { rows } = await pool.query<{ collation_name: string | null }>(KEY_COLLATION);
  if (rows[0]?.collation_name === 'C') return;
  logger.warn('converting the keyv table to byte-wise key order (COLLATE "C")');
  await pool.query(`ALTER TABLE ${TABLE} ALTER COLUMN key TYPE VARCHAR(${KEY_SIZE}) COLLATE "C"`);
}

function parseUrl(url: string): Target {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`not a PostgreSQL URL (postgres://…): ${parsed.protocol}`);
  }
  const parameters = new Map(parsed.searchParams);
  const take = (name: string) => {
    const value = parameters.get(name);
    parameters.delete(name);
    return value;
  };
  const integer = (name: string, fallback: number, min: number) => {
    const raw = take(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      throw new Error(
        `PostgreSQL URL: ${name} must be an integer of at least ${min}, not "${raw}"`,
      );
    }
    return value;
  };
  const sslMode = take('sslmode') ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(sslMode)) {
    throw new Error(`PostgreSQL URL: sslmode must be one of ${SSL_MODES.join(', ')}`);
  }
  const user = decodeURIComponent(parsed.username) || undefined;
  const target: Target = {
    host: decodeURIComponent(parsed.hostname.replace(/^\[(.*)\]$/, '$1')) || 'localhost',
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    database: decodeURIComponent(parsed.pathname.slice(1)) || user || 'postgres',
    user,
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
    pool: integer('pool', DEFAULTS.pool, 1),
    statementTimeoutMs: integer('statement_timeout', DEFAULTS.statementTimeoutMs, 0),
    connectTimeoutMs: integer('connect_timeout', DEFAULTS.connectTimeoutSeconds, 1) * 1000,
    sslMode: sslMode as SslMode,
    sslRootCert: take('sslrootcert'),
    applicationName: take('application_name') ?? 'tribune',
  };
  const unknown = [...parameters.keys()];
  if (unknown.length > 0) {
    throw new Error(
      `PostgreSQL URL: unknown setting ${unknown.join(', ')} (known: pool, statement_timeout, connect_timeout, sslmode, sslrootcert, application_name)`,
    );
  }
  return target;
}

async function poolConfig(target: Target): Promise<pg.PoolConfig> {
  const ca = target.sslRootCert === undefined ? undefined : await readFile(target.sslRootCert);
  const ssl =
    target.sslMode === 'disable'
      ? false
      : { rejectUnauthorized: target.sslMode !== 'no-verify', ...(ca ? { ca } : {}) };
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    ...(target.user === undefined ? {} : { user: target.user }),
    ...(target.password === undefined ? {} : { password: target.password }),
    max: target.pool,
    statement_timeout: target.statementTimeoutMs,
    connectionTimeoutMillis: target.connectTimeoutMs,
    application_name: target.applicationName,
    ssl,
    // A server that vanished without closing the connection (a crashed machine) is noticed.
    keepAlive: true,
  };
}

const hasCode = (error: unknown, code: string) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

/** Node's errors for "nothing answers there", and what to call them. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

/**
 * One clear line for the errors an operator fixes in the URL or on the server: server
 * unreachable, authentication refused, database missing, TLS refused. It names host, port,
 * database (and user), never the password. Undefined for any other error.
 */
export function describeStoreConnectionError(url: string, error: unknown): string | undefined {
  let target: Target;
  try {
    target = parseUrl(url);
  } catch {
    return undefined;
  }
  const where = `PostgreSQL at ${target.host}:${target.port}, database "${target.database}"`;
  const message = error instanceof Error ? error.message : '';
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  const nested: unknown[] = error instanceof AggregateError ? error.errors : [];
  const codes = [error, ...nested].flatMap((candidate) =>
    typeof candidate === 'object' && candidate !== null
      ? [String((candidate as { code?: unknown }).code)]
      : [],
  );
  const unreachable = codes.map((code) => UNREACHABLE[code]).find(Boolean);
  if (unreachable !== undefined) return `${where}: server unreachable (${unreachable})`;
  if (/timeout expired|connection timeout/i.test(message)) {
    return `${where}: server unreachable (no answer within ${target.connectTimeoutMs / 1000} s)`;
  }
  if (codes.includes('57P03')) return `${where}: server not accepting connections (${message})`;
  const user = target.user === undefined ? 'the default user' : `user "${target.user}"`;
  // pg refuses by itself to answer SCRAM without a password; md5 sends a wrong one.
  const noPassword = /client password must be a (non-empty )?string/.test(message);
  if (noPassword || codes.includes('28P01') || codes.includes('28000')) {
    const why =
      target.password === undefined ? 'the URL has no password' : 'wrong password or unknown user';
    return `${where}: authentication failed for ${user} (${why})`;
  }
  if (codes.includes('3D000')) return `${where}: the database does not exist`;
  if (/does not support SSL/i.test(message)) {
    return `${where}: sslmode=${target.sslMode} asks for TLS, which the server does not offer`;
  }
  return undefined;
}
