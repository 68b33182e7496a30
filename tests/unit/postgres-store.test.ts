import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import pg from 'pg';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { describeStoreConnectionError, openPostgresStore } from '../../src/store/postgres-store';
import type { PostgresStoreSettings, Store } from '../../src/store/store';
import { PASSWORD, startEmbeddedPostgres, usePostgres } from '../support/postgres';
import { freePort } from '../../scripts/postgres/embedded';

const postgres = usePostgres();
const silent = pino({ level: 'silent' });

/** A logger whose lines the test can read. */
function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: pino({ level: 'debug' }, { write: (line: string) => lines.push(line) }) };
}

async function open(url: string, logger = silent): Promise<Store<PostgresStoreSettings>> {
  const store = await openPostgresStore({ url, logger });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= store.close());
  onTestFinished(close);
  return { ...store, close };
}

/** A plain connection to the database, for what the store must not be asked to do. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  onTestFinished(() => client.end());
  return client;
}

/**
 * Keyv on @keyv/postgres alone. Its pool (one per module) has no 'error' listener and its end()
 * does not wait for the connections to close: the test waits for them to be gone, or a
 * connection cut by the database's drop would crash the worker.
 */
async function plainKeyv(url: string): Promise<Keyv> {
  const admin = await connect(url);
  const keyv = new Keyv({
    store: new KeyvPostgres({ uri: url, application_name: 'plain-keyv' }),
    namespace: 'tribune',
    throwOnErrors: true,
  });
  onTestFinished(async () => {
    await keyv.disconnect().catch(() => undefined);
    for (let waited = 0; waited < 5000; waited += 20) {
      const { rows } = await admin.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'plain-keyv'`,
      );
      if (rows[0]?.count === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("plain Keyv's connections did not close");
  });
  return keyv;
}

/** How `describeStoreConnectionError` names the server and database of `url`. */
function where(url: string): string {
  const { hostname, port, pathname } = new URL(url.replace(/\?.*$/, ''));
  return `PostgreSQL at ${hostname}:${port}, database "${pathname.slice(1)}"`;
}

const withSettings = (url: string, settings: string) => `${url}?${settings}`;

/** The URL with another password in it. */
function withPassword(url: string, password: string): string {
  const changed = new URL(url);
  changed.password = password;
  return changed.toString();
}

async function openError(url: string): Promise<unknown> {
  return openPostgresStore({ url, logger: silent }).then(
    async (store) => {
      await store.close();
      throw new Error('the store opened');
    },
    (error: unknown) => error,
  );
}

describe('openPostgresStore: settings from the URL', () => {
  it('runs with sensible defaults, read back from its own connection', async () => {
    const store = await open(await postgres.databaseUrl());
    const settings = await store.settings();
    expect(settings).toEqual({
      backend: 'postgres',
      serverVersion: expect.stringMatching(/^\d+\.\d+/) as unknown,
      poolSize: 10,
      statementTimeoutMs: 5000,
      connectTimeoutMs: 5000,
      tls: false,
      keyCollation: 'C',
      isolation: 'read committed',
    });
  });

  it('takes pool, statement_timeout, connect_timeout and application_name from the URL', async () => {
    const url = await postgres.databaseUrl();
    const store = await open(
      withSettings(
        url,
        'pool=3&statement_timeout=1500&connect_timeout=2&application_name=tribune-7',
      ),
    );
    expect(await store.settings()).toMatchObject({
      poolSize: 3,
      statementTimeoutMs: 1500,
      connectTimeoutMs: 2000,
    });
    // Twenty reads at once go through at most three connections.
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.get(`k${index}`)));
    const admin = await connect(url);
    const { rows } = await admin.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'tribune-7'`,
    );
    expect(rows[0]?.count).toBeGreaterThan(0);
    expect(rows[0]?.count).toBeLessThanOrEqual(3);
  });

  it('cancels a statement stuck on a lock after statement_timeout, instead of hanging', async () => {
    const url = await postgres.databaseUrl();
    const store = await open(withSettings(url, 'statement_timeout=300'));
    await store.set('poll:p', { closed: false });
    const other = await connect(url);
    await other.query('BEGIN');
    await other.query(`UPDATE keyv SET value = value WHERE key = 'tribune:poll:p'`);
    // Without the timeout, this would wait for the other transaction for ever.
    await expect(store.update('poll:p', () => ({ closed: true }))).rejects.toThrow(
      /statement timeout/,
    );
    await other.query('ROLLBACK');
    expect(await store.update('poll:p', () => ({ closed: true }))).toEqual({ closed: true });
  });

  it('asks for TLS with sslmode=require (this test server has none)', async () => {
    const url = withSettings(await postgres.databaseUrl(), 'sslmode=require');
    const error = await openError(url);
    expect(describeStoreConnectionError(url, error)).toBe(
      `${where(url)}: sslmode=require asks for TLS, which the server does not offer`,
    );
  });

  it('refuses unknown or invalid settings with a clear message', async () => {
    const url = await postgres.databaseUrl();
    await expect(openPostgresStore({ url: `${url}?pool_size=3`, logger: silent })).rejects.toThrow(
      'unknown setting pool_size',
    );
    await expect(openPostgresStore({ url: `${url}?pool=0`, logger: silent })).rejects.toThrow(
      'pool must be an integer of at least 1, not "0"',
    );
    await expect(
      openPostgresStore({ url: `${url}?sslmode=prefer`, logger: silent }),
    ).rejects.toThrow('sslmode must be one of disable, require, verify-full, no-verify');
    await expect(openPostgresStore({ url: 'mysql://x/y', logger: silent })).rejects.toThrow(
      'not a PostgreSQL URL',
    );
  });
});

describe('openPostgresStore: the keyv table', () => {
  it('orders keys byte-wise though the database collates linguistically', async () => {
    const url = await postgres.databaseUrl();
    const store = await open(url);
    const admin = await connect(url);
    // The embedded server's default collation is en-US, where "B" sorts between "a" and "c" (a
    // server given by TEST_DATABASE_URL may collate byte-wise already).
    const { rows } = await admin.query<{ linguistic: boolean }>(
      `SELECT 'a' < 'B' AND 'B' < 'c' AS linguistic`,
    );
    if (process.env.TEST_DATABASE_URL === undefined) expect(rows[0]?.linguistic).toBe(true);
    for (const key of ['c', 'B', 'a']) await store.set(`k:${key}`, key);
    expect(await store.keys('k:')).toEqual(['k:B', 'k:a', 'k:c']);
  });

  it('converts a table made by @keyv/postgres itself (default collation) and keeps its rows', async () => {
    const url = await postgres.databaseUrl();
    const admin = await connect(url);
    await admin.query('CREATE TABLE keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)');
    await admin.query(
      `INSERT INTO keyv VALUES ('tribune:k:c', '{"value":3}'), ('tribune:k:B', '{"value":2}')`,
    );
    const { lines, logger } = recordingLogger();
    const store = await open(url, logger);
    expect((await store.settings()).keyCollation).toBe('C');
    expect(await store.entries('k:')).toEqual([
      ['k:B', 2],
      ['k:c', 3],
    ]);
    expect(lines.join('')).toContain('COLLATE');
  });

  it('stays readable by plain Keyv on @keyv/postgres, and reads what it writes', async () => {
    const url = await postgres.databaseUrl();
    const store = await open(url);
    const plain = await plainKeyv(url);
    await store.set('poll:1', { question: 'Quoi ?' });
    expect(await plain.get('poll:1')).toEqual({ question: 'Quoi ?' });
    await plain.set('poll:2', ['a', 'b']);
    expect(await store.get('poll:2')).toEqual(['a', 'b']);
    expect(await store.keys('poll:')).toEqual(['poll:1', 'poll:2']);
  });

  it('refuses a key longer than the column (255 with the namespace) rather than cutting it', async () => {
    // SQLite ignores VARCHAR's length: there, such a key is stored. Tribune's keys stay far below.
    const store = await open(await postgres.databaseUrl());
    await expect(store.set('k'.repeat(248), 1)).rejects.toThrow(/too long/);
    await expect(store.setIfAbsent('k'.repeat(248), 1)).rejects.toThrow(/too long/);
  });
});

describe('why the store gives @keyv/postgres a pool of its own', () => {
  it('@keyv/postgres 2.2 alone: one pool per module, so closing one store closes the other', async () => {
    const url = await postgres.databaseUrl();
    const [first, second] = [await plainKeyv(url), await plainKeyv(url)];
    await first.set('k', 1);
    expect(await second.get('k')).toBe(1);
    await first.disconnect();
    await expect(second.get('k')).rejects.toThrow(/after calling end/);
    // (With two URLs it is worse: opening the second forgets the first one's pool without ending
    // it, and closing the first ends the second's.)
  });

  it('Tribune: stores in one process, on one database or two, each with its own connections', async () => {
    const url = await postgres.databaseUrl();
    const [first, same, other] = [
      await open(url),
      await open(url),
      await open(await postgres.databaseUrl()),
    ];
    await first.set('k', 1);
    await other.set('k', 2);
    await first.close();
    expect(await same.get('k')).toBe(1);
    expect(await other.get('k')).toBe(2);
    await expect(first.get('k')).rejects.toThrow();
  });
});

describe('describeStoreConnectionError', () => {
  it('names host, port and database when the server is unreachable', async () => {
    const url = `postgres://tribune:s3cret-pw@127.0.0.1:${await freePort()}/tribune`;
    const error = await openError(url);
    const line = describeStoreConnectionError(url, error);
    expect(line).toBe(`${where(url)}: server unreachable (connection refused)`);
    expect(line).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+, database "tribune": /);
    expect(line).not.toContain('s3cret-pw');
  });

  it('says "authentication failed" on a wrong password, without the password', async () => {
    const url = withPassword(await postgres.databaseUrl(), 'not-the-password');
    const line = describeStoreConnectionError(url, await openError(url));
    const user = new URL(url).username;
    expect(line).toBe(
      `${where(url)}: authentication failed for user "${user}" (wrong password or unknown user)`,
    );
    expect(line).not.toContain('not-the-password');
  });

  it('says when the URL has no password and the server asks for one', async () => {
    const original = await postgres.databaseUrl();
    const url = withPassword(original, '');
    const user = new URL(url).username;
    expect(describeStoreConnectionError(url, await openError(url))).toBe(
      `${where(url)}: authentication failed for user "${user}" (the URL has no password)`,
    );
    // pg 8 leaves that connection half-open (the server waits for the password until its
    // authentication timeout), which would hold up dropping any database: end it.
    const admin = await connect(original);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'starting'`,
    );
  });

  it('says the database does not exist', async () => {
    const existing = new URL(await postgres.databaseUrl());
    existing.pathname = '/no_such_database';
    const url = existing.toString();
    expect(describeStoreConnectionError(url, await openError(url))).toBe(
      `${where(url)}: the database does not exist`,
    );
  });

  it('names the host of an unknown host name', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND db.invalid'), {
      code: 'ENOTFOUND',
    });
    expect(describeStoreConnectionError('postgresql://u:p@db.invalid/tribune', error)).toBe(
      'PostgreSQL at db.invalid:5432, database "tribune": server unreachable (host not found)',
    );
  });

  it('is undefined for any other error, and for what is not a PostgreSQL URL', async () => {
    const url = await postgres.databaseUrl();
    const store = await open(url);
    const other = await store.set('k'.repeat(300), 1).catch((error: unknown) => error);
    expect(describeStoreConnectionError(url, other)).toBeUndefined();
    expect(describeStoreConnectionError(url, new Error('boom'))).toBeUndefined();
    expect(describeStoreConnectionError(url, 'a string')).toBeUndefined();
    expect(describeStoreConnectionError('not a url', new Error('ECONNREFUSED'))).toBeUndefined();
  });
});

describe('openPostgresStore when the server goes away', () => {
  it('survives a server stop without crashing, fails queries meanwhile, and reconnects when it is back', async () => {
    const server = await startEmbeddedPostgres();
    onTestFinished(() => server.destroy());
    const { lines, logger } = recordingLogger();
    const store = await openPostgresStore({ url: server.url, logger });
    onTestFinished(() => store.close());
    await store.set('vote:1', { choices: [0] });
    // Several idle connections in the pool when the server stops.
    await Promise.all(Array.from({ length: 5 }, (_, index) => store.get(`vote:${index}`)));

    await server.stop();
    await expect(store.get('vote:1')).rejects.toThrow();
    await expect(store.setIfAbsent('vote:2', { choices: [1] })).rejects.toThrow();
    expect(lines.join('')).toContain('PostgreSQL connection lost');

    await server.start();
    expect(await store.get('vote:1')).toEqual({ choices: [0] });
    expect(await store.setIfAbsent('vote:2', { choices: [1] })).toBe(true);
    expect(await store.keys('vote:')).toEqual(['vote:1', 'vote:2']);
    expect(lines.join('')).not.toContain(PASSWORD);
  });
});
