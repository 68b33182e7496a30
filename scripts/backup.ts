// `npm run backup [-- FILE]`: a consistent copy of the SQLite database, safe while the bot runs.
// It goes through SQLite's online backup: a plain file copy of a database in WAL mode can miss
// the commits still in `*.sqlite-wal`, or catch the file halfway through a write.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { readEnvironment, sqliteFile } from '../src/config/project-paths';
import { DEFAULT_DATABASE_URL } from '../src/config/config';
import { HostError, startupFailureText } from '../src/describe-startup-error';

/** node-sqlite3's backup handle (its type declarations leave it out). */
interface Backup {
  readonly completed: boolean;
  readonly failed: boolean;
  readonly pageCount: number;
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback: (error: Error | null) => void): void;
}

const open = (file: string, mode: number) =>
  new Promise<sqlite3.Database>((done, fail) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? fail(error) : done(db)));
  });
const run = (db: sqlite3.Database, sql: string) =>
  new Promise<Record<string, unknown>[]>((done, fail) => {
    db.all<Record<string, unknown>>(sql, (error, rows) => (error ? fail(error) : done(rows)));
  });
const close = (db: sqlite3.Database) =>
  new Promise<void>((done, fail) => {
    db.close((error) => (error ? fail(error) : done()));
  });

/** Copies every page in one step; a step that met the bot's write lock (BUSY) is tried again. */
async function copy(source: sqlite3.Database, target: string): Promise<number> {
  const backup = (source as unknown as { backup(file: string): Backup }).backup(target);
  for (let attempt = 1; ; attempt++) {
    const error = await new Promise<Error | null>((done) => {
      backup.step(-1, done);
    });
    if (backup.completed) break;
    if (error !== null && (backup.failed || attempt === 100)) throw error;
    await new Promise((done) => setTimeout(done, 50));
  }
  await new Promise<void>((done, fail) => {
    backup.finish((error) => (error ? fail(error) : done()));
  });
  return backup.pageCount;
}

function timestamp(): string {
  return new Date()
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
}

let environment: NodeJS.ProcessEnv = process.env;
try {
  environment = readEnvironment();
  const url = environment.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const file = sqliteFile(url);
  if (file === undefined) {
    throw new HostError(
      'DATABASE_URL names a PostgreSQL database: back it up with pg_dump (see "Back up" in README.md).',
    );
  }
  if (!existsSync(file)) throw new HostError(`no database at ${file} yet: nothing to back up.`);
  // npm runs scripts in Tribune's folder; a relative FILE is meant from where it was typed.
  const target =
    process.argv[2] === undefined
      ? join(dirname(file), 'backups', `tribune-${timestamp()}.sqlite`)
      : resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]);
  if (existsSync(target)) throw new HostError(`${target} already exists: give another file name.`);
  await mkdir(dirname(target), { recursive: true });

  const source = await open(file, sqlite3.OPEN_READWRITE);
  let pages: number;
  try {
    pages = await copy(source, target);
  } finally {
    await close(source);
  }
  // The copy is one self-contained file (no -wal beside it), checked before it is trusted.
  const copied = await open(target, sqlite3.OPEN_READWRITE);
  let check: Record<string, unknown>[];
  try {
    await run(copied, 'PRAGMA journal_mode=DELETE');
    check = await run(copied, 'PRAGMA quick_check');
  } finally {
    await close(copied);
  }
  const verdict = Object.values(check[0] ?? {})[0];
  if (verdict !== 'ok')
    throw new HostError(`the copy ${target} fails SQLite's check: ${String(verdict)}`);
  process.stdout.write(`Backed up ${file} to ${target} (${pages} pages, checked).\n`);
} catch (error) {
  process.stderr.write(startupFailureText('Backup failed', error, environment));
  process.exit(1);
}
