import type { ReadingPlan } from '../../src/reading/core/plan';

/**
 * A reading plan for unit tests: Tuesdays 18:30 in Paris from 25 March 2026, first section next;
 * its first pending occurrence is Tuesday 31 March 2026, 16:30 UTC.
 */
export function readingPlan(overrides: Partial<ReadingPlan> = {}): ReadingPlan {
  return {
    id: 'plan-1',
    guildId: 'guild',
    channelId: 'channel',
    textId: 'text',
    roleId: 'role',
    thread: true,
    locale: 'fr',
    createdBy: 'organiser',
    createdAt: '2026-03-25T10:00:00.000Z',
    weekday: 2,
    time: { hour: 18, minute: 30, second: 0 },
    timeZone: 'Europe/Paris',
    firstSection: 1,
    nextSection: 1,
    state: 'active',
    pauseReason: undefined,
    anchor: '2026-03-25T10:00:00.000Z',
    posts: [],
    misses: [],
    ...overrides,
  };
}
