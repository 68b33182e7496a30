/** A wall-clock date and time somewhere, as people there read it. Months are 1-based. */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in an IANA zone. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at that instant (Paris in summer: +2 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return wallClockAsUtc(localDateTime(new Date(wholeSeconds), timeZone)) - wholeSeconds;
}

/** The wall-clock reading taken as if it were UTC: handy for calendar arithmetic. */
function wallClockAsUtc(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant a wall-clock time happens in a zone. A time repeated when clocks go back happens
 * first at the earlier instant, and that is the one returned. A time skipped when clocks go forward
 * never happens: the first instant after the gap is returned (02:30 on spring-forward day in Paris
 * gives 03:00), so a schedule moves to the next valid minute rather than losing the day.
 */
export function instantOfLocal(local: LocalDateTime, timeZone: string): Date {
  const asUtc = wallClockAsUtc(local);
  // Offsets in force a day before and a day after: any transition near that time lies between.
  const before = zoneOffsetMs(new Date(asUtc - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + DAY_MS), timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((candidate) => zoneOffsetMs(new Date(candidate), timeZone) === asUtc - candidate)
    .sort((a, b) => a - b);
  const [earliest] = valid;
  if (earliest !== undefined) return new Date(earliest);
  // In the gap: the transition lies between the two readings; find its first second.
  let low = asUtc - after; // still before the transition (reads earlier than wanted)
  let high = asUtc - before; // already after it (reads later than wanted)
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2000) * 1000;
    if (zoneOffsetMs(new Date(middle), timeZone) === before) low = middle;
    else high = middle;
  }
  return new Date(high);
}

/** The calendar date `days` after a local date, as YYYY-MM-DD parts. */
export function addDays(
  date: Pick<LocalDateTime, 'year' | 'month' | 'day'>,
  days: number,
): Pick<LocalDateTime, 'year' | 'month' | 'day'> {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "2026-03-29". */
export function formatLocalDate(date: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}
