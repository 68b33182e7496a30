import { fold } from '../../content/fold';
import { UserError } from '../../errors/user-error';
import { LOCALES, type Locale } from '../../i18n/locale';
import { isValidTimeZone } from '../../time/time-zone';
import type { LocalTime, Weekday } from './plan';

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** "lundi" / "Monday": from the runtime's own calendar data, so no list to keep in step. */
export function weekdayName(weekday: Weekday, locale: Locale): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

/** The value autocomplete submits for a weekday: its English name, whatever the user's language. */
export function weekdayValue(weekday: Weekday): string {
  return fold(weekdayName(weekday, 'en'));
}

/** Every spelling a weekday answers to, folded: full names in every language Tribune speaks. */
const WEEKDAY_NAMES: readonly { weekday: Weekday; name: string }[] = WEEKDAYS.flatMap((weekday) =>
  LOCALES.map((locale) => ({ weekday, name: fold(weekdayName(weekday, locale)) })),
);

/** Weekdays whose French or English name starts with what was typed ("me", "mer.", "Wed"). */
export function matchingWeekdays(input: string): Weekday[] {
  const typed = fold(input).replace(/\.$/, '');
  if (typed === '') return [...WEEKDAYS];
  return WEEKDAYS.filter((weekday) =>
    WEEKDAY_NAMES.some((entry) => entry.weekday === weekday && entry.name.startsWith(typed)),
  );
}

/**
 * A weekday from a name in French or English, or a clear start of one ("mer", "Wed"). Too short
 * or matching no day, or several: the user is told, nothing is guessed.
 */
export function parseWeekday(input: string): Weekday {
  const typed = fold(input).replace(/\.$/, '');
  const [only, ...others] = typed.length >= 2 ? matchingWeekdays(typed) : [];
  if (only === undefined || others.length > 0) {
    throw new UserError('reading.badWeekday', { input: input.trim() });
  }
  return only;
}

/** "18:30", "8:05": a 24-hour clock time, hours and minutes. Anything else is explained. */
export function parseTime(input: string): LocalTime {
  const match = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) {
    throw new UserError('reading.badTime', { input: input.trim() });
  }
  return { hour, minute, second: 0 };
}

/** An IANA zone name in its canonical spelling ("europe/paris" → "Europe/Paris"), or the default. */
export function parseTimeZone(input: string | null | undefined, fallback: string): string {
  const zone = input?.trim() || fallback;
  if (!isValidTimeZone(zone)) throw new UserError('reading.badTimeZone', { input: zone });
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

const TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'];

/**
 * Zones matching what was typed, for autocomplete: the city typed with spaces or underscores
 * ("new york"), names starting with it first. The default zone leads an empty query.
 */
export function matchingTimeZones(input: string, defaultZone: string): string[] {
  const typed = fold(input).replace(/[\s_]+/g, ' ');
  if (typed === '') return [defaultZone, ...TIME_ZONES.filter((zone) => zone !== defaultZone)];
  const scored = TIME_ZONES.map((zone) => {
    const name = fold(zone).replace(/_/g, ' ');
    const city = name.slice(name.lastIndexOf('/') + 1);
    const score =
      name.startsWith(typed) || city.startsWith(typed) ? 2 : name.includes(typed) ? 1 : 0;
    return { zone, score };
  });
  return scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.zone);
}

/** "18:30" (seconds only when there are some, which only tests use). */
export function formatLocalTime(time: LocalTime): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(time.hour)}:${pad(time.minute)}${time.second > 0 ? `:${pad(time.second)}` : ''}`;
}
