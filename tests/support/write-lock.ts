import sqlite3 from 'sqlite3';
import { onTestFinished } from 'vitest';

/**
 * Another connection holding SQLite's write lock (`BEGIN EXCLUSIVE`), as a backup, a script or a
 * stuck process would: the store's writes fail with SQLITE_BUSY once its lock wait has passed,
 * while reads go on (WAL mode). Tests run as root, where `chmod` does not stop writes; a held lock
 * is the portable way to make the file unwritable to the bot. Released when the test finishes.
 */
export async function holdWriteLock(store: string): Promise<{ release(): Promise<void> }> {
  const db = new sqlite3.Database(store.replace(/^sqlite:\/\//, ''));
  const run = (sql: string) =>
    new Promise<void>((resolve, reject) => {
      db.run(sql, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  await run('BEGIN EXCLUSIVE');
  let released: Promise<void> | undefined;
  const release = () => {
    released ??= run('COMMIT').then(
      () =>
        new Promise<void>((resolve) => {
          db.close(() => {
            resolve();
          });
        }),
    );
    return released;
  };
  onTestFinished(release);
  return { release };
}
