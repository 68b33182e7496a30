import { describe, expect, it } from 'vitest';
import {
  cronExpression,
  nextOccurrence,
  occurrenceId,
} from '../../src/reading/core/next-occurrence';
import type { Weekday, WeeklySchedule } from '../../src/reading/core/plan';
import { instantOfLocal, localDateTime } from '../../src/time/zoned-time';

const schedule = (weekday: Weekday, clock: string, timeZone: string): WeeklySchedule => {
  const [hour = 0, minute = 0] = clock.split(':').map(Number);
  return { weekday, time: { hour, minute, second: 0 }, timeZone };
};

const TUESDAY: Weekday = 2;
const SUNDAY: Weekday = 7;

describe('nextOccurrence', () => {
  // [case, schedule, after, expected instant (UTC), expected local date]
  const cases: [string, WeeklySchedule, string, string, string][] = [
    // Europe/Paris: CET (+1) until 29 March 2026 02:00, CEST (+2) until 25 October 03:00.
    [
      'Paris 18:30, the Tuesday before spring-forward (CET)',
      schedule(TUESDAY, '18:30', 'Europe/Paris'),
      '2026-03-20T12:00:00Z',
      '2026-03-24T17:30:00Z',
      '2026-03-24',
    ],
    [
      'Paris 18:30, the Tuesday after spring-forward (CEST): still 18:30 in Paris',
      schedule(TUESDAY, '18:30', 'Europe/Paris'),
      '2026-03-24T17:30:00Z',
      '2026-03-31T16:30:00Z',
      '2026-03-31',
    ],
    [
      'Paris 18:30, the Tuesday after fall-back (CET again)',
      schedule(TUESDAY, '18:30', 'Europe/Paris'),
      '2026-10-20T16:30:00Z',
      '2026-10-27T17:30:00Z',
      '2026-10-27',
    ],
    [
      'Paris 02:30 on spring-forward day does not exist: moved to 03:00 CEST',
      schedule(SUNDAY, '02:30', 'Europe/Paris'),
      '2026-03-28T12:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-03-29',
    ],
    [
      'Paris 02:00 on spring-forward day (the first missing minute): 03:00',
      schedule(SUNDAY, '02:00', 'Europe/Paris'),
      '2026-03-28T12:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-03-29',
    ],
    [
      'Paris 03:00 on spring-forward day exists',
      schedule(SUNDAY, '03:00', 'Europe/Paris'),
      '2026-03-28T12:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-03-29',
    ],
    [
      'Paris 02:30 on fall-back day happens twice: the first (CEST) is taken',
      schedule(SUNDAY, '02:30', 'Europe/Paris'),
      '2026-10-24T12:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25',
    ],
    [
      'Paris 02:30 right after the first fall-back 02:30: next week, not the repeat',
      schedule(SUNDAY, '02:30', 'Europe/Paris'),
      '2026-10-25T00:30:00Z',
      '2026-11-01T01:30:00Z',
      '2026-11-01',
    ],
    // America/New_York: EST (-5) until 8 March 2026 02:00, EDT (-4) until 1 November 02:00.
    [
      'New York 19:00, before spring-forward (EST)',
      schedule(SUNDAY, '19:00', 'America/New_York'),
      '2026-03-01T12:00:00Z',
      '2026-03-02T00:00:00Z',
      '2026-03-01',
    ],
    [
      'New York 19:00 on spring-forward day (EDT)',
      schedule(SUNDAY, '19:00', 'America/New_York'),
      '2026-03-02T00:00:00Z',
      '2026-03-08T23:00:00Z',
      '2026-03-08',
    ],
    [
      'New York 02:30 on spring-forward day does not exist: moved to 03:00 EDT',
      schedule(SUNDAY, '02:30', 'America/New_York'),
      '2026-03-07T12:00:00Z',
      '2026-03-08T07:00:00Z',
      '2026-03-08',
    ],
    [
      'New York 01:30 on fall-back day happens twice: the first (EDT) is taken',
      schedule(SUNDAY, '01:30', 'America/New_York'),
      '2026-10-31T12:00:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01',
    ],
    [
      'New York 01:30 after the first one: next week (EST)',
      schedule(SUNDAY, '01:30', 'America/New_York'),
      '2026-11-01T05:30:00Z',
      '2026-11-08T06:30:00Z',
      '2026-11-08',
    ],
    [
      'New York Tuesday 18:30 after fall-back (EST)',
      schedule(TUESDAY, '18:30', 'America/New_York'),
      '2026-10-28T00:00:00Z',
      '2026-11-03T23:30:00Z',
      '2026-11-03',
    ],
    [
      'the same day when the time is still ahead',
      schedule(TUESDAY, '18:30', 'Europe/Paris'),
      '2026-03-31T16:29:59Z',
      '2026-03-31T16:30:00Z',
      '2026-03-31',
    ],
    [
      'strictly after: exactly at the time gives next week',
      schedule(TUESDAY, '18:30', 'Europe/Paris'),
      '2026-03-31T16:30:00Z',
      '2026-04-07T16:30:00Z',
      '2026-04-07',
    ],
    [
      'the local date, not the UTC date: Tokyo Monday 08:00 is Sunday in UTC',
      schedule(1, '08:00', 'Asia/Tokyo'),
      '2026-03-20T00:00:00Z',
      '2026-03-22T23:00:00Z',
      '2026-03-23',
    ],
    [
      'across the year end',
      schedule(4, '20:00', 'Europe/Paris'),
      '2026-12-28T00:00:00Z',
      '2026-12-31T19:00:00Z',
      '2026-12-31',
    ],
  ];

  it.each(cases)('%s', (_, plan, after, at, localDate) => {
    const occurrence = nextOccurrence(plan, new Date(after));
    expect(occurrence.at.toISOString()).toBe(new Date(at).toISOString());
    expect(occurrence.localDate).toBe(localDate);
  });

  it('keeps 18:30 Paris time every week across both 2026 changes', () => {
    let after = new Date('2026-01-01T00:00:00Z');
    const plan = schedule(TUESDAY, '18:30', 'Europe/Paris');
    for (let week = 0; week < 53; week++) {
      const occurrence = nextOccurrence(plan, after);
      const local = localDateTime(occurrence.at, 'Europe/Paris');
      expect([local.hour, local.minute]).toEqual([18, 30]);
      expect(occurrence.at.getTime() - after.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
      after = occurrence.at;
    }
  });
});

describe('instantOfLocal', () => {
  it.each([
    [
      'Europe/Paris',
      { year: 2026, month: 3, day: 29, hour: 2, minute: 59, second: 59 },
      '2026-03-29T01:00:00Z',
    ],
    [
      'Europe/Paris',
      { year: 2026, month: 3, day: 29, hour: 1, minute: 59, second: 0 },
      '2026-03-29T00:59:00Z',
    ],
    [
      'Europe/Paris',
      { year: 2026, month: 10, day: 25, hour: 2, minute: 0, second: 0 },
      '2026-10-25T00:00:00Z',
    ],
    [
      'UTC',
      { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 },
      '2026-03-29T02:30:00Z',
    ],
  ])('%s %o → %s', (zone, local, expected) => {
    expect(instantOfLocal(local, zone).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('occurrence keys and cron', () => {
  it('keys an occurrence by plan and local date', () => {
    expect(occurrenceId('plan-1', { localDate: '2026-03-29' })).toBe('plan-1:2026-03-29');
  });

  it.each([
    [schedule(TUESDAY, '18:30', 'Europe/Paris'), '0 30 18 * * 2'],
    [schedule(SUNDAY, '02:30', 'Europe/Paris'), '0 30 2 * * 0'],
    [
      {
        weekday: 1,
        time: { hour: 9, minute: 5, second: 7 },
        timeZone: 'UTC',
      } satisfies WeeklySchedule,
      '7 5 9 * * 1',
    ],
  ])('cron expression of %o is %s', (plan, expression) => {
    expect(cronExpression(plan)).toBe(expression);
  });
});
