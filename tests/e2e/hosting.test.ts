import { copyFile, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../scripts/emulator';
import { createLogger } from '../../src/log/logger';
import { openStore } from '../../src/store/open-store';
import { spawnBot } from '../support/bot-process';
import { runBundle } from '../support/run-bundle';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';

/**
 * Tribune as a host installs it, in a folder of its own: package.json, the bundle, the texts and a
 * `.env`, with this checkout's node_modules. Returns the folder.
 */
async function installedCopy(dotEnv: string): Promise<string> {
  const app = await tempDir('tribune-app-');
  await mkdir(join(app, 'dist'));
  await copyFile('package.json', join(app, 'package.json'));
  await copyFile('dist/main.js', join(app, 'dist', 'main.js'));
  await symlink(resolve('node_modules'), join(app, 'node_modules'), 'dir');
  await symlink(resolve('content'), join(app, 'content'), 'dir');
  await writeFile(join(app, '.env'), dotEnv);
  return app;
}

const rows = (file: string, sql: string) =>
  new Promise<Record<string, unknown>[]>((done, fail) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (opened) => {
      if (opened) {
        fail(opened);
        return;
      }
      db.all<Record<string, unknown>>(sql, (error, result) => {
        db.close();
        if (error) fail(error);
        else done(result);
      });
    });
  });

describe('running Tribune as a service', () => {
  it('started from another folder, reads .env and resolves relative paths from its own folder', async () => {
    const emulator = await startEmulator();
    try {
      const app = await installedCopy(
        [
          `DISCORD_TOKEN=${emulator.token}`,
          `DISCORD_API_URL=${emulator.apiUrl}`,
          'DATABASE_URL=sqlite://data/tribune.sqlite',
          'CONTENT_DIR=content',
          '',
        ].join('\n'),
      );
      const elsewhere = await tempDir('tribune-cwd-');
      const bot = spawnBot({ bundle: join(app, 'dist', 'main.js'), cwd: elsewhere });
      await bot.ready();
      expect(existsSync(join(app, 'data', 'tribune.sqlite'))).toBe(true);
      expect(await readdir(elsewhere)).toEqual([]);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('LOG_FORMAT=pretty writes one readable line per event, still without the token', async () => {
    const emulator = await startEmulator();
    try {
      const bot = spawnBot({
        emulator,
        databasePath: join(await tempDir(), 'tribune.sqlite'),
        env: { LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' },
      });
      await until(() => bot.stdout.join('').includes('tribune is ready'), 15_000, 'ready');
      const output = bot.stdout.join('');
      expect(output).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}tribune is ready user=/m);
      expect(output).not.toContain('{"level"');
      expect(output).not.toContain(emulator.token);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});

describe('npm run backup', () => {
  it('copies the SQLite database while it is being written, into a checked, self-contained file', async () => {
    const folder = await tempDir();
    const database = join(folder, 'tribune.sqlite');
    const store = await openStore({
      url: `sqlite://${database}`,
      logger: createLogger({ level: 'silent', secrets: [] }),
    });
    let written = 0;
    for (; written < 200; written++) await store.set(`vote:${written}`, { n: written });
    const before = written;
    // Another connection keeps writing during the backup, as the bot would.
    const done = new AbortController();
    const writer = (async () => {
      while (!done.signal.aborted) await store.set(`vote:${written++}`, { n: written });
    })();
    try {
      const run = await runBundle('dist/backup.js', {
        env: { DATABASE_URL: `sqlite://${database}`, INIT_CWD: folder },
        args: ['copy.sqlite'],
      });
      expect(run.code, run.stderr).toBe(0);
      const copy = join(folder, 'copy.sqlite');
      expect(run.stdout).toContain(`Backed up ${database} to ${copy}`);
      done.abort();
      await writer;
      expect(await rows(copy, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const [count] = await rows(
        copy,
        "SELECT count(*) AS n FROM keyv WHERE key LIKE 'tribune:vote:%'",
      );
      expect(Number(count?.n)).toBeGreaterThanOrEqual(before);
      expect(Number(count?.n)).toBeLessThanOrEqual(written);
      expect(existsSync(`${copy}-wal`)).toBe(false);

      const again = await runBundle('dist/backup.js', {
        env: { DATABASE_URL: `sqlite://${database}`, INIT_CWD: folder },
        args: ['copy.sqlite'],
      });
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(`Backup failed: ${copy} already exists: give another file name.\n`);
    } finally {
      done.abort();
      await writer;
      await store.close();
    }
  });

  it('with no file named, writes a dated copy in backups/ beside the database', async () => {
    const folder = await tempDir();
    const database = join(folder, 'tribune.sqlite');
    const store = await openStore({
      url: `sqlite://${database}`,
      logger: createLogger({ level: 'silent', secrets: [] }),
    });
    await store.set('poll:1', { question: 'Quel jour ?' });
    await store.close();
    const run = await runBundle('dist/backup.js', {
      env: { DATABASE_URL: `sqlite://${database}` },
    });
    expect(run.code, run.stderr).toBe(0);
    const [name = ''] = await readdir(join(folder, 'backups'));
    expect(name).toMatch(/^tribune-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite$/);
  });

  it('says to use pg_dump when the database is PostgreSQL', async () => {
    const run = await runBundle('dist/backup.js', {
      env: { DATABASE_URL: 'postgres://tribune:s3cret@127.0.0.1:5432/tribune' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^Backup failed: DATABASE_URL names a PostgreSQL database: back it up with pg_dump/,
    );
    expect(run.stderr).not.toContain('s3cret');
  });
});

describe('npm run demo and npm run content:check, as bundles', () => {
  it('the demo answers piped commands when started from another folder', async () => {
    const run = await runBundle('dist/demo.js', {
      cwd: await tempDir('tribune-cwd-'),
      env: { NO_COLOR: '1', TMPDIR: await tempDir() },
      input: '/section 2\nquit\n',
      timeoutMs: 30_000,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('§2 · L’IA, comme on ne vous en parle pas');
    // This checkout has its development dependencies: the schema checks are on.
    expect(run.stdout).not.toContain('Installation de production');
  });

  it('the content check lists the texts', async () => {
    const run = await runBundle('dist/content-check.js');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^✓ sommet-ia-montagne-de-degats: \d+ sections, \d+ paragraphs$/m);
  });
});
