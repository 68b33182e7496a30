import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { claimKey, InteractionClaims } from '../../src/discord/interaction-claims';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempDir } from '../support/temp-dir';

const silent = pino({ level: 'silent' });
const HOUR = 3_600_000;
const DISCORD_EPOCH = 1_420_070_400_000;

/** A snowflake created at `epochMs` (worker, process and increment bits set, as Discord's are). */
function snowflake(epochMs: number, low = 0x1234n): string {
  return ((BigInt(epochMs - DISCORD_EPOCH) << 22n) | low).toString();
}

async function open(path?: string): Promise<Store> {
  const file = path ?? join(await tempDir(), 'tribune.sqlite');
  const store = await openStore({ url: `sqlite://${file}`, logger: silent });
  onTestFinished(() => store.close());
  return store;
}

function claimsOn(store: Store, now: number, waitMs?: number): InteractionClaims {
  return new InteractionClaims({
    store,
    logger: silent,
    clock: { now: () => new Date(now) },
    ...(waitMs !== undefined && { waitMs }),
  });
}

describe('claimKey', () => {
  it.each([
    ['2026-08-01T10:00:00.000Z', '2026-08-01T10:59:59.999Z', true],
    ['2026-08-01T10:59:59.999Z', '2026-08-01T11:00:00.000Z', false],
  ])('puts %s and %s in the same hour bucket: %s', (a, b, same) => {
    const bucket = (iso: string) => claimKey(snowflake(Date.parse(iso))).split(':')[1];
    expect(bucket(a) === bucket(b)).toBe(same);
  });

  it('is the same for every process (the id alone), and sorts by age', () => {
    const id = snowflake(Date.parse('2026-08-01T10:30:00Z'));
    const hour = Math.floor(Date.parse('2026-08-01T10:30:00Z') / HOUR);
    expect(claimKey(id)).toBe(`interaction:${String(hour).padStart(10, '0')}:${id}`);
    const older = claimKey(snowflake(Date.parse('2026-07-31T23:00:00Z')));
    expect(older < claimKey(id)).toBe(true);
  });
});

describe('InteractionClaims', () => {
  it('gives an interaction to one claimant only, across connections to one file', async () => {
    const path = join(await tempDir(), 'tribune.sqlite');
    const [first, second] = [await open(path), await open(path)];
    const now = Date.now();
    const ids = Array.from({ length: 50 }, (_, index) => snowflake(now, BigInt(index)));
    const outcomes = await Promise.all(
      ids.flatMap((id) => [claimsOn(first, now).claim(id), claimsOn(second, now).claim(id)]),
    );
    for (let index = 0; index < ids.length; index++) {
      expect([outcomes[2 * index], outcomes[2 * index + 1]].sort()).toEqual([false, true]);
    }
  });

  it('lets this process handle the interaction when the store fails', async () => {
    const store = await open();
    const failing: Store = {
      ...store,
      setManyIfAbsent: () => Promise.reject(new Error('SQLITE_BUSY: database is locked')),
    };
    expect(await claimsOn(failing, Date.now()).claim(snowflake(Date.now()))).toBe(true);
  });

  it('lets this process handle the interaction when the store does not answer in time', async () => {
    const store = await open();
    const stuck: Store = { ...store, setManyIfAbsent: () => new Promise(() => undefined) };
    expect(await claimsOn(stuck, Date.now(), 20).claim(snowflake(Date.now()))).toBe(true);
  });

  it('purges claims older than the previous hour, and nothing else', async () => {
    const store = await open();
    const now = Date.parse('2026-08-01T10:30:00Z');
    const claims = claimsOn(store, now);
    const at = (iso: string) => snowflake(Date.parse(iso));
    const kept = [at('2026-08-01T10:29:00Z'), at('2026-08-01T09:00:00Z')];
    const purged = [at('2026-08-01T08:59:59Z'), at('2026-07-20T10:00:00Z')];
    for (const id of [...kept, ...purged]) expect(await claims.claim(id)).toBe(true);
    await store.set('interactions-other', 1);
    await store.set('poll:x', 1);

    expect(await claims.purge()).toBe(2);
    expect(await store.keys('interaction:')).toEqual(kept.map(claimKey).sort());
    expect(await store.get('interactions-other')).toBe(1);
    expect(await store.get('poll:x')).toBe(1);
    // Kept claims still hold.
    expect(await claims.claim(kept[0] ?? '')).toBe(false);
  });
});
