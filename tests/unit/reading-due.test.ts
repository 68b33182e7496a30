import { describe, expect, it } from 'vitest';
import { decideDue, nextSubject, type DuePolicy } from '../../src/reading/core/due-occurrences';
import { nextOccurrence } from '../../src/reading/core/next-occurrence';
import {
  applyOutcome,
  isStaleClaim,
  STALE_CLAIM_MS,
  type SettledOccurrence,
} from '../../src/reading/core/occurrence-outcome';
import { MAX_MISSES, type Occurrence, type ReadingPlan } from '../../src/reading/core/plan';
import { readingPlan } from '../support/reading-plan';

const HOUR = 3_600_000;
const POLICY: DuePolicy = { graceMs: 12 * HOUR, onTimeMs: 5 * 60_000 };

const plan = readingPlan;

const DUE = '2026-03-31T16:30:00.000Z';
const at = (iso: string, offsetMs = 0) => new Date(Date.parse(iso) + offsetMs);

describe('decideDue', () => {
  const cases: [string, ReadingPlan, Date, string][] = [
    ['a second before: wait', plan(), at(DUE, -1000), 'wait'],
    ['exactly on time: post, not late', plan(), at(DUE), 'post'],
    ['a minute late (cron fire dropped): post, not late', plan(), at(DUE, 60_000), 'post'],
    ['an hour late (restart): post, late', plan(), at(DUE, HOUR), 'post late'],
    ['exactly at the end of the grace window: post, late', plan(), at(DUE, 12 * HOUR), 'post late'],
    ['past the grace window: skip', plan(), at(DUE, 12 * HOUR + 1), 'skip'],
    ['three days late: skip', plan(), at(DUE, 72 * HOUR), 'skip'],
    ['paused: idle', plan({ state: 'paused', pauseReason: 'manual' }), at(DUE, HOUR), 'idle'],
    ['finished: idle', plan({ state: 'finished' }), at(DUE, HOUR), 'idle'],
    [
      'already posted (anchor at the occurrence): wait for next week',
      plan({ anchor: DUE }),
      at(DUE, HOUR),
      'wait',
    ],
  ];

  it.each(cases)('%s', (_, subject, now, expected) => {
    const decision = decideDue(subject, now, POLICY);
    const label = decision.kind === 'post' ? `post${decision.late ? ' late' : ''}` : decision.kind;
    expect(label).toBe(expected);
  });

  it('with no grace at all, anything later than on-time is skipped', () => {
    const strict = { graceMs: 0, onTimeMs: 0 };
    expect(decideDue(plan(), at(DUE), strict).kind).toBe('post');
    expect(decideDue(plan(), at(DUE, 1), strict).kind).toBe('skip');
  });

  it('never skips a post that is on time, even with no grace for missed ones', () => {
    const noGrace = { graceMs: 0, onTimeMs: 60_000 };
    expect(decideDue(plan(), at(DUE, 21), noGrace)).toMatchObject({ kind: 'post', late: false });
    expect(decideDue(plan(), at(DUE, 60_000), noGrace)).toMatchObject({
      kind: 'post',
      late: false,
    });
    expect(decideDue(plan(), at(DUE, 60_001), noGrace).kind).toBe('skip');
  });

  it('marks late what is late beyond the tolerance, when the grace allows posting it', () => {
    const policy = { graceMs: 12 * HOUR, onTimeMs: 60_000 };
    expect(decideDue(plan(), at(DUE, 77_000), policy)).toMatchObject({ kind: 'post', late: true });
  });

  it('walks weeks missed while down one at a time: old ones skipped, the recent one posted', () => {
    let current = plan({ anchor: '2026-03-01T00:00:00.000Z' });
    const now = at(DUE, 2 * HOUR);
    const steps: string[] = [];
    for (let step = 0; step < 10; step++) {
      const decision = decideDue(current, now, POLICY);
      if (decision.kind === 'wait' || decision.kind === 'idle') break;
      steps.push(`${decision.kind} ${decision.occurrence.localDate}`);
      const outcome: SettledOccurrence =
        decision.kind === 'skip'
          ? { state: 'missed', miss: miss(decision.occurrence, 'too-late') }
          : { state: 'posted', post: post(decision.occurrence, current.nextSection) };
      current = applyOutcome(current, decision.occurrence, outcome) ?? current;
    }
    expect(steps).toEqual([
      'skip 2026-03-03',
      'skip 2026-03-10',
      'skip 2026-03-17',
      'skip 2026-03-24',
      'post 2026-03-31',
    ]);
    expect(current.nextSection).toBe(2);
    expect(current.misses.map((entry) => entry.reason)).toEqual(Array(4).fill('too-late'));
  });
});

function miss(occurrence: Occurrence, reason: 'too-late' | 'skipped' | 'failed') {
  return {
    localDate: occurrence.localDate,
    scheduledAt: occurrence.at.toISOString(),
    reason,
    at: occurrence.at.toISOString(),
  };
}

function post(occurrence: Occurrence, section: number, week = section) {
  return {
    subject: { kind: 'section' as const, section, week },
    localDate: occurrence.localDate,
    scheduledAt: occurrence.at.toISOString(),
    postedAt: occurrence.at.toISOString(),
    late: false,
    messageId: `message-${occurrence.localDate}`,
    threadId: `thread-${occurrence.localDate}`,
  };
}

describe('applyOutcome (idempotency)', () => {
  const occurrence = nextOccurrence(plan(), new Date(plan().anchor));

  it('a post moves the anchor past the occurrence and advances the section', () => {
    const next = applyOutcome(plan(), occurrence, { state: 'posted', post: post(occurrence, 1) });
    expect(next?.anchor).toBe(occurrence.at.toISOString());
    expect(next?.nextSection).toBe(2);
    expect(next?.posts).toHaveLength(1);
  });

  it('applying the same outcome twice (double fire, second process, restart) changes nothing', () => {
    const once = applyOutcome(plan(), occurrence, { state: 'posted', post: post(occurrence, 1) });
    expect(once).toBeDefined();
    if (!once) return;
    expect(
      applyOutcome(once, occurrence, { state: 'posted', post: post(occurrence, 1) }),
    ).toBeUndefined();
    expect(
      applyOutcome(once, occurrence, { state: 'missed', miss: miss(occurrence, 'too-late') }),
    ).toBeUndefined();
  });

  it('a skip or a failure keeps the section for the next week', () => {
    for (const reason of ['skipped', 'failed', 'too-late'] as const) {
      const next = applyOutcome(plan(), occurrence, {
        state: 'missed',
        miss: miss(occurrence, reason),
      });
      expect(next?.nextSection).toBe(1);
      expect(next?.state).toBe('active');
      expect(next?.misses.at(-1)?.reason).toBe(reason);
    }
  });

  it('a deleted channel or a lost permission pauses the plan with the reason', () => {
    const next = applyOutcome(plan(), occurrence, {
      state: 'missed',
      miss: { ...miss(occurrence, 'failed'), reason: 'channel-deleted' },
      pause: 'channel-deleted',
    });
    expect(next?.state).toBe('paused');
    expect(next?.pauseReason).toBe('channel-deleted');
  });

  it('the closing prompt finishes the plan', () => {
    const last = plan({ nextSection: 4 });
    const next = applyOutcome(last, occurrence, {
      state: 'posted',
      post: { ...post(occurrence, 4), subject: { kind: 'closing' } },
    });
    expect(next?.state).toBe('finished');
    expect(
      next &&
        applyOutcome(next, nextOccurrence(next, occurrence.at), {
          state: 'missed',
          miss: miss(occurrence, 'skipped'),
        }),
    ).toBeUndefined();
  });

  it('keeps only the most recent misses', () => {
    let current = plan();
    for (let week = 0; week < MAX_MISSES + 5; week++) {
      const pending = nextOccurrence(current, new Date(current.anchor));
      current =
        applyOutcome(current, pending, { state: 'missed', miss: miss(pending, 'too-late') }) ??
        current;
    }
    expect(current.misses).toHaveLength(MAX_MISSES);
  });
});

describe('nextSubject', () => {
  it.each([
    [plan(), 3, { kind: 'section', section: 1, week: 1 }],
    [plan({ firstSection: 2, nextSection: 2 }), 3, { kind: 'section', section: 2, week: 1 }],
    [plan({ nextSection: 4 }), 3, { kind: 'closing' }],
  ])('%#', (subject, count, expected) => {
    expect(nextSubject(subject, count)).toEqual(expected);
  });

  it('counts weeks by prompts posted, skipped weeks excluded', () => {
    const occurrence = nextOccurrence(plan(), new Date(plan().anchor));
    const after = plan({ nextSection: 3, posts: [post(occurrence, 2, 1)] });
    expect(nextSubject(after, 3)).toEqual({ kind: 'section', section: 3, week: 2 });
  });
});

describe('isStaleClaim', () => {
  const claim = { state: 'claimed' as const, by: 'worker', at: DUE };
  it.each([
    [at(DUE, 1000), false],
    [at(DUE, STALE_CLAIM_MS), false],
    [at(DUE, STALE_CLAIM_MS + 1), true],
  ])('at %s: %s', (now, stale) => {
    expect(isStaleClaim(claim, now)).toBe(stale);
  });
});
