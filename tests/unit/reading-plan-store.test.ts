import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import type {
  OccurrenceRecord,
  SettledOccurrence,
} from '../../src/reading/core/occurrence-outcome';
import type { ReadingPlan } from '../../src/reading/core/plan';
import { PlanStore } from '../../src/reading/plan-store';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';
import { tempDir } from '../support/temp-dir';
import { readingPlan } from '../support/reading-plan';

const silent = pino({ level: 'silent' });

/** Two connections to one SQLite file: two bot processes sharing the store. */
async function twoProcesses() {
  const path = join(await tempDir(), 'tribune.sqlite');
  const stores: Store[] = [];
  for (let index = 0; index < 2; index++) {
    stores.push(await openStore({ url: `sqlite://${path}`, logger: silent }));
  }
  onTestFinished(async () => {
    for (const store of stores) await store.close();
  });
  const [a, b] = stores.map((store) => new PlanStore(store));
  if (!a || !b || !stores[0]) throw new Error('no store');
  return { a, b, raw: stores[0] };
}

function plan(id: string, overrides: Partial<ReadingPlan> = {}): ReadingPlan {
  return readingPlan({
    id,
    roleId: undefined,
    createdAt: `2026-03-25T10:00:0${id.length % 10}.000Z`,
    ...overrides,
  });
}

const claim = (by: string): OccurrenceRecord => ({
  state: 'claimed',
  by,
  at: '2026-03-31T16:30:00.000Z',
});
const skipped: SettledOccurrence = {
  state: 'missed',
  miss: {
    localDate: '2026-03-31',
    scheduledAt: '2026-03-31T16:30:00.000Z',
    reason: 'skipped',
    at: '2026-03-31T16:30:00.000Z',
  },
};

describe('plan store (real SQLite, two connections)', () => {
  it('one plan per channel: of concurrent creations in one channel, exactly one wins', async () => {
    const { a, b } = await twoProcesses();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? a : b).create(plan(`p${index}`))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.all()).toHaveLength(1);
    expect(await b.ofGuild('guild')).toHaveLength(1);
  });

  it('a finished plan frees its channel; a claim left by a crash mid-create is taken over', async () => {
    const { a, b, raw } = await twoProcesses();
    expect(await a.create(plan('first'))).toBe(true);
    expect(await b.create(plan('second'))).toBe(false);
    await a.update('first', (current) => ({ ...current, state: 'finished' }));
    expect(await b.create(plan('second'))).toBe(true);
    // A crash between the channel claim and the plan write leaves a claim to nothing.
    await raw.set('reading:channel-plan:other', 'ghost');
    expect(await a.create(plan('third', { channelId: 'other' }))).toBe(true);
    expect((await a.ofGuild('guild')).map((entry) => entry.id).sort()).toEqual([
      'first',
      'second',
      'third',
    ]);
  });

  it('an occurrence is claimed by exactly one of many concurrent workers', async () => {
    const { a, b } = await twoProcesses();
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? a : b).claimOccurrence('p', '2026-03-31', claim(`worker-${index}`)),
      ),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('a stale claim is settled by one taker only, and only if unchanged', async () => {
    const { a, b } = await twoProcesses();
    await a.claimOccurrence('p', '2026-03-31', claim('dead'));
    const takes = await Promise.all([
      a.settleClaim('p', '2026-03-31', claim('dead'), skipped),
      b.settleClaim('p', '2026-03-31', claim('dead'), skipped),
    ]);
    expect(takes.filter(Boolean)).toHaveLength(1);
    expect(await b.occurrence('p', '2026-03-31')).toEqual(skipped);
    expect(await a.settleClaim('p', '2026-03-31', claim('dead'), skipped)).toBe(false);
  });

  it('progress changes are compare-and-set: concurrent updates from two processes all land', async () => {
    const { a, b } = await twoProcesses();
    await a.create(plan('p'));
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? a : b).update('p', (current) => ({
          ...current,
          nextSection: current.nextSection + 1,
        })),
      ),
    );
    expect((await a.get('p'))?.nextSection).toBe(21);
    expect(await a.update('missing', (current) => current)).toBeUndefined();
  });

  it('removing a plan deletes it, its indexes and its occurrences, and frees the channel', async () => {
    const { a, raw } = await twoProcesses();
    expect(await a.hadPlan('guild')).toBe(false);
    await a.create(plan('p'));
    await a.claimOccurrence('p', '2026-03-31', claim('w'));
    await a.settleOccurrence('p', '2026-04-07', skipped);
    const stored = await a.get('p');
    if (!stored) throw new Error('not stored');
    await a.remove(stored);
    // Only the mark that the server had a plan stays (proposals for the next text go with it).
    expect(await raw.keys('reading:')).toEqual(['reading:guild-had-plan:guild']);
    expect(await a.hadPlan('guild')).toBe(true);
    expect(await a.hadPlan('other-guild')).toBe(false);
    expect(await a.create(plan('q'))).toBe(true);
    // A plan stored before the mark existed counts too.
    await raw.delete('reading:guild-had-plan:guild');
    expect(await a.hadPlan('guild')).toBe(true);
  });
});

describe('the due index', () => {
  const TUESDAY = Date.parse('2026-03-31T16:30:00.000Z');
  const NEXT_TUESDAY = TUESDAY + 7 * 86_400_000;

  it('follows each plan: created, moved on, paused, resumed, stopped', async () => {
    const { a, raw } = await twoProcesses();
    await a.create(plan('p1'));
    await a.create(
      plan('p2', { channelId: 'other', weekday: 3, anchor: '2026-03-26T00:00:00.000Z' }),
    );
    expect(await a.dueBefore(TUESDAY + 1)).toEqual([
      { planId: 'p1', guildId: 'guild', at: TUESDAY },
    ]);
    // Posted: due next week.
    await a.update('p1', (current) => ({ ...current, anchor: new Date(TUESDAY).toISOString() }));
    expect(await a.dueBefore(TUESDAY + 1)).toEqual([]);
    expect((await a.dueBefore(NEXT_TUESDAY + 1)).map((entry) => entry.planId)).toEqual([
      'p2',
      'p1',
    ]);
    await a.update('p1', (current) => ({ ...current, state: 'paused', pauseReason: 'manual' }));
    expect((await a.dueBefore(NEXT_TUESDAY + 1)).map((entry) => entry.planId)).toEqual(['p2']);
    expect(await raw.keys('reading:idle:')).toEqual(['reading:idle:p1']);
    await a.update('p1', (current) => ({ ...current, state: 'active', pauseReason: undefined }));
    expect(await raw.keys('reading:idle:')).toEqual([]);
    const p2 = await a.get('p2');
    if (!p2) throw new Error('p2 is gone');
    await a.remove(p2);
    expect((await a.dueBefore(NEXT_TUESDAY + 1)).map((entry) => entry.planId)).toEqual(['p1']);
  });

  it('finds plans that lost their entry, and corrects a stale one', async () => {
    const { a, raw } = await twoProcesses();
    await a.create(plan('p1'));
    // A process died between writing a plan and its entry.
    await raw.deletePrefix('reading:due:');
    expect(await a.dueBefore(NEXT_TUESDAY)).toEqual([]);
    expect(await a.indexUnindexed()).toBe(1);
    expect(await a.indexUnindexed()).toBe(0);
    const [entry] = await a.dueBefore(NEXT_TUESDAY);
    expect(entry).toEqual({ planId: 'p1', guildId: 'guild', at: TUESDAY });
    // …or between moving the plan on and moving its entry: the entry is a week behind.
    await raw.set('reading:plan:p1', plan('p1', { anchor: new Date(TUESDAY).toISOString() }));
    if (!entry) throw new Error('no entry');
    await a.correctIndex(entry, await a.get('p1'));
    expect(await a.dueBefore(NEXT_TUESDAY + 1)).toEqual([
      { planId: 'p1', guildId: 'guild', at: NEXT_TUESDAY },
    ]);
    await a.correctIndex({ planId: 'gone', guildId: 'guild', at: 5 }, undefined);
    expect(await raw.keys('reading:due:')).toHaveLength(1);
  });
});
