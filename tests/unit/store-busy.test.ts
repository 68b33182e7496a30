import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore, type Store } from '../../src/store/store';
import { tempDir } from '../support/temp-dir';
import { holdWriteLock } from '../support/write-lock';

const silent = pino({ level: 'silent' });

async function storeWithLock(busyTimeoutMs: number) {
  const path = join(await tempDir(), 'tribune.sqlite');
  const store: Store = await openStore({ url: `sqlite://${path}`, logger: silent, busyTimeoutMs });
  onTestFinished(() => store.close());
  await store.set('before', 1);
  // Another connection holds the write lock (a backup, a script, a stuck process).
  const lock = await holdWriteLock(path);
  return { store, release: () => lock.release() };
}

describe('the store while another connection holds the write lock', () => {
  it('fails each write once its own busy timeout is over, not one timeout after another', async () => {
    const { store } = await storeWithLock(400);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.setIfAbsent(`vote:${index}`, 1).then(
          () => 'stored',
          (error: unknown) => (error as { code?: string }).code,
        ),
      ),
    );
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => 'SQLITE_BUSY'));
    // Waited inside SQLite, one after the other, these took 20 × 400 ms.
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('keeps answering reads while writes wait', async () => {
    const { store } = await storeWithLock(2000);
    const events: string[] = [];
    const writes = Array.from({ length: 10 }, (_, index) =>
      store.set(`vote:${index}`, 1).catch(() => events.push('write failed')),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.get('before')).toBe(1);
    expect(await store.keys('vote:')).toEqual([]);
    events.push('read');
    await Promise.all(writes);
    expect(events[0]).toBe('read');
  });

  it('stores every write that was waiting, once the lock is released in time', async () => {
    const { store, release } = await storeWithLock(5000);
    const writes = Array.from({ length: 20 }, (_, index) => store.setIfAbsent(`vote:${index}`, 1));
    const counter = store.update<number>('count', (current) => (current ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await release();
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 20 }, () => true));
    expect(await counter).toBe(1);
    expect(await store.keys('vote:')).toHaveLength(20);
    // And the next write goes straight through.
    await store.set('after', 1);
    expect(await store.get('after')).toBe(1);
  });
});
