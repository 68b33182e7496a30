import {
  addDays,
  formatLocalDate,
  instantOfLocal,
  isoWeekday,
  localDateTime,
} from '../../time/zoned-time';
import type { Occurrence, WeeklySchedule } from './plan';

/**
 * The first occurrence strictly after `after`: the next plan weekday, at the plan's wall-clock time
 * in the plan's zone. On spring-forward day a time that does not exist moves to the first valid
 * instant after it (02:30 → 03:00 in Paris on 29 March 2026); in the repeated autumn hour it happens
 * once, the first time. Its local date stays the planned date, so its key is stable.
 */
export function nextOccurrence(schedule: WeeklySchedule, after: Date): Occurrence {
  const today = localDateTime(after, schedule.timeZone);
  // Eight days cover every case: today (if the time is still ahead) up to the same day next week.
  for (let days = 0; days <= 8; days++) {
    const date = addDays(today, days);
    if (isoWeekday(date) !== schedule.weekday) continue;
    const at = instantOfLocal({ ...date, ...schedule.time }, schedule.timeZone);
    if (at.getTime() > after.getTime()) return { at, localDate: formatLocalDate(date) };
  }
  throw new Error(`no occurrence within 8 days after ${after.toISOString()}`);
}

/** The occurrence's idempotency key: plan id and local date. */
export function occurrenceId(planId: string, occurrence: Pick<Occurrence, 'localDate'>): string {
  return `${planId}:${occurrence.localDate}`;
}

/** A node-cron expression firing at the plan's time on its weekday (seconds field included). */
export function cronExpression(schedule: WeeklySchedule): string {
  const { second, minute, hour } = schedule.time;
  // Cron counts Sunday as 0.
  return `${second} ${minute} ${hour} * * ${schedule.weekday % 7}`;
}
