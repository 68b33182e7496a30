import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../scripts/emulator';
import { PASSWORD, startEmbeddedPostgres, type EmbeddedServer } from '../support/postgres';
import { runBundle, type BundleRun } from '../support/run-bundle';
import { tempDir } from '../support/temp-dir';

/** A token of the right shape that the emulator (like Discord) refuses. */
const WRONG_TOKEN = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** `npm start` pointed at the emulator, on a fresh SQLite file unless `env` says otherwise. */
async function start(env: Record<string, string>): Promise<BundleRun> {
  return runBundle('dist/main.js', {
    env: {
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      DATABASE_URL: `sqlite://${join(await tempDir(), 'tribune.sqlite')}`,
      ...env,
    },
  });
}

/** Exit code 1 and exactly one line on standard error, starting `what: `, with no stack trace. */
function expectOneLine(run: BundleRun, what: string): string {
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  const [line = ''] = lines;
  expect(line.startsWith(`${what}: `), line).toBe(true);
  return line;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe('npm start: what a host is told when Tribune cannot start', () => {
  it('a token Discord refuses: says so and how to get a new one, never printing it', async () => {
    const run = await start({ DISCORD_TOKEN: WRONG_TOKEN });
    const line = expectOneLine(run, 'Tribune could not start');
    expect(line).toContain('Discord refused the bot token');
    expect(line).toContain('Reset Token');
    expect(run.stdout + run.stderr).not.toContain(WRONG_TOKEN);
  });

  it('a Discord API host that does not resolve: names the host', async () => {
    const run = await start({ DISCORD_API_URL: 'http://discord.tribune-test.invalid/api' });
    const line = expectOneLine(run, 'Tribune could not start');
    expect(line).toMatch(
      /cannot reach the Discord API at discord\.tribune-test\.invalid:80 \(host name (not found|lookup failed)\)/,
    );
    expect(line).toContain('DISCORD_API_URL');
  });

  it('a Discord API on a closed port: names host and port', async () => {
    const port = await closedPort();
    const run = await start({ DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(expectOneLine(run, 'Tribune could not start')).toContain(
      `cannot reach the Discord API at 127.0.0.1:${port} (connection refused)`,
    );
  });

  it('a database folder that cannot be created: names it', async () => {
    // Tests run as root, which no permission stops: a regular file in the path does.
    const file = join(await tempDir(), 'file.txt');
    await writeFile(file, 'not a folder');
    const run = await start({ DATABASE_URL: `sqlite://${file}/data/tribune.sqlite` });
    expect(expectOneLine(run, 'Tribune could not start')).toContain(
      `cannot create the database folder ${file}/data (a part of the path is a file, not a folder)`,
    );
  });

  it('a database file that cannot be opened (SQLITE_CANTOPEN): names the file', async () => {
    const folder = join(await tempDir(), 'tribune.sqlite');
    await mkdir(folder);
    const run = await start({ DATABASE_URL: `sqlite://${folder}` });
    const line = expectOneLine(run, 'Tribune could not start');
    expect(line).toContain(`SQLite database ${folder}: cannot open it (SQLITE_CANTOPEN)`);
    expect(line).toContain('DATABASE_URL must name a file');
  });

  it('a file that is not a SQLite database: names it', async () => {
    const file = join(await tempDir(), 'tribune.sqlite');
    await writeFile(file, 'Ceci n’est pas une base de données. '.repeat(20));
    const run = await start({ DATABASE_URL: `sqlite://${file}` });
    expect(expectOneLine(run, 'Tribune could not start')).toContain(
      `SQLite database ${file}: it is not a SQLite database (SQLITE_NOTADB)`,
    );
  });

  it('a content folder that cannot be read: names it and the setting', async () => {
    const missing = join(await tempDir(), 'textes');
    const run = await start({ CONTENT_DIR: missing });
    const line = expectOneLine(run, 'Tribune could not start');
    expect(line).toContain(`cannot read the content folder ${missing} (it does not exist)`);
    expect(line).toContain('CONTENT_DIR');
  });

  it('PostgreSQL on a closed port: names host, port and database, never the password', async () => {
    const port = await closedPort();
    const run = await start({
      DATABASE_URL: `postgres://tribune:s3cret-passw0rd@127.0.0.1:${port}/tribune`,
    });
    const line = expectOneLine(run, 'Tribune could not start');
    expect(line).toContain(
      `PostgreSQL at 127.0.0.1:${port}, database "tribune": server unreachable (connection refused)`,
    );
    expect(run.stdout + run.stderr).not.toContain('s3cret-passw0rd');
  });

  describe('with a PostgreSQL server', () => {
    let server: EmbeddedServer;
    beforeAll(async () => {
      server = await startEmbeddedPostgres();
    }, 120_000);
    afterAll(async () => {
      await server.destroy();
    });

    it('a wrong password: says authentication failed, never printing the password', async () => {
      const url = new URL(server.url);
      url.password = 'not-the-password';
      const run = await start({ DATABASE_URL: url.toString() });
      const line = expectOneLine(run, 'Tribune could not start');
      expect(line).toContain(
        'authentication failed for user "postgres" (wrong password or unknown user)',
      );
      expect(line).toContain('check the user and password in DATABASE_URL');
      expect(run.stdout + run.stderr).not.toContain('not-the-password');
    });

    it('a database that does not exist: names it and says how to create it', async () => {
      const url = new URL(server.url);
      url.pathname = '/tribune_absent';
      const run = await start({ DATABASE_URL: url.toString() });
      const line = expectOneLine(run, 'Tribune could not start');
      expect(line).toContain('database "tribune_absent": the database does not exist');
      expect(line).toContain('createdb');
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    });
  });
});

describe('npm run deploy: what a host is told when it fails', () => {
  it('a bad configuration: lists the keys, without a class name or a stack', async () => {
    const run = await runBundle('dist/deploy.js', { env: { DEFAULT_LOCALE: 'de' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Command registration failed: Invalid configuration:\n/);
    expect(run.stderr).toContain('DISCORD_TOKEN: missing');
    expect(run.stderr).toContain('DEFAULT_LOCALE: must be one of fr, en');
    expect(run.stderr).not.toContain('ConfigError');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('a token Discord refuses: one line, never printing it', async () => {
    const run = await runBundle('dist/deploy.js', {
      env: { DISCORD_TOKEN: WRONG_TOKEN, DISCORD_API_URL: emulator.apiUrl },
    });
    expect(expectOneLine(run, 'Command registration failed')).toContain(
      'Discord refused the bot token',
    );
    expect(run.stdout + run.stderr).not.toContain(WRONG_TOKEN);
  });

  it('a server the bot is not in: names it and says what to check', async () => {
    const run = await runBundle('dist/deploy.js', {
      env: {
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        DISCORD_GUILD_ID: '123456789012345678',
      },
    });
    const line = expectOneLine(run, 'Command registration failed');
    expect(line).toContain('Discord refused access to server 123456789012345678');
    expect(line).toContain('DISCORD_GUILD_ID');
  });
});
