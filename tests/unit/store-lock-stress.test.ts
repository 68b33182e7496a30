import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSqliteStore as openStore } from '../../src/store/sqlite-store';
import { tempDir } from '../support/temp-dir';
import { holdWriteLock } from '../support/write-lock';

/** Seconds of rounds; `STORE_STRESS_SECONDS=120` for a longer hunt. */
const BUDGET_MS = Number(process.env.STORE_STRESS_SECONDS ?? 25) * 1000;
const MAX_ROUNDS = 500;

/** Every row of the file, read from a new connection (what survives this process's connection). */
function freshRows(path: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY);
    db.all('SELECT key, value FROM keyv', (error, rows: { key: string; value: string }[]) => {
      db.close();
      if (error) reject(error);
      else resolve(new Map(rows.map((row) => [row.key.replace(/^tribune:/, ''), row.value])));
    });
  });
}

const randomInt = (below: number) => Math.floor(Math.random() * below);

describe('stress: writes while another connection takes and releases the write lock', () => {
  it(
    'loses no write that resolved as done, round after round',
    async () => {
      const path = join(await tempDir(), 'stress.sqlite');
      const store = await openStore({
        url: `sqlite://${path}`,
        logger: pino({ level: 'silent' }),
      });
      onTestFinished(() => store.close());
      await store.set('poll:p', { closed: false });
      const started = performance.now();
      let rounds = 0;
      let writesChecked = 0;
      while (rounds < MAX_ROUNDS && performance.now() - started < BUDGET_MS) {
        const round = rounds++;
        const lock = await holdWriteLock(path);
        const holdMs = randomInt(400);
        const done: string[] = [];
        const counts = new Map<string, number>();
        const writes = Array.from({ length: 5 + randomInt(20) }, async (_, index) => {
          const key = `r${round}:${index}`;
          switch (randomInt(3)) {
            case 0: {
              const outcome = await store.setIfAbsentWatching(`vote:${key}`, 1, 'poll:p');
              if (outcome.stored) done.push(`vote:${key}`);
              return;
            }
            case 1: {
              // Changed votes: a few keys, each updated several times (compare-and-set).
              const counter = `count:r${round}:${index % 3}`;
              await store.update<number>(counter, (current) => (current ?? 0) + 1);
              counts.set(counter, (counts.get(counter) ?? 0) + 1);
              return;
            }
            default: {
              const claims = [`claim:${key}:a`, `claim:${key}:b`];
              for (const claim of await store.setManyIfAbsent(claims, 1)) done.push(claim);
            }
          }
        });
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        await lock.release();
        await Promise.all(writes);

        const rows = await freshRows(path);
        expect(
          done.filter((key) => !rows.has(key)),
          `round ${round}`,
        ).toEqual([]);
        for (const [counter, count] of counts) {
          expect(rows.get(counter), `round ${round}, ${counter}`).toBe(
            JSON.stringify({ value: count }),
          );
        }
        writesChecked += done.length + counts.size;
      }
      console.log(`store stress: ${rounds} rounds, ${writesChecked} writes read back`);
      expect(rounds).toBeGreaterThan(10);
    },
    BUDGET_MS + 60_000,
  );
});
