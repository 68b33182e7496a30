import { formatList } from '../i18n/list-format';
import type { Locale } from '../i18n/locale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Every way a unit is written, in French and English, short and long. */
const UNITS: readonly (readonly [number, readonly string[]])[] = [
  [MINUTE, ['m', 'mn', 'min', 'mins', 'minute', 'minutes']],
  [HOUR, ['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures']],
  // French speakers write "3j" (jours).
  [DAY, ['d', 'day', 'days', 'j', 'jour', 'jours']],
  [WEEK, ['w', 'wk', 'week', 'weeks', 'sem', 'semaine', 'semaines']],
];
const UNIT_MS = new Map(UNITS.flatMap(([ms, names]) => names.map((name) => [name, ms] as const)));

/** One amount and its unit; between them, spaces, commas, "and" or "et". */
const PART = /(\d{1,6})\s*([a-z]+)/gi;
const JOINER = /^(?:\s|,|\band\b|\bet\b)*$/i;
const MAX_PARTS = 4;

/**
 * A duration typed by a member: `30m`, `12h`, `3d` (or `3j`), `1w`, the words in either language
 * (`2 semaines`, `1 week`, `2 days`, `3 heures`), or combined like `1d 12h` or `1 semaine et
 * 2 jours`, each unit once. Undefined when it is not one; range checks are the caller's (`0m`
 * parses to 0).
 */
export function parseDuration(text: string): number | undefined {
  let total = 0;
  let rest = text;
  const seen = new Set<number>();
  for (const [part, amount = '', unit = ''] of text.matchAll(PART)) {
    const ms = UNIT_MS.get(unit.toLowerCase());
    if (ms === undefined || seen.has(ms)) return undefined;
    seen.add(ms);
    total += Number(amount) * ms;
    rest = rest.replace(part, ' ');
  }
  if (seen.size === 0 || seen.size > MAX_PARTS || !JOINER.test(rest)) return undefined;
  return total;
}

/** "1 heure et 30 minutes" / "2 days": a duration in whole minutes, in the reader's language. */
export function formatDuration(ms: number, locale: Locale): string {
  let rest = Math.round(ms / MINUTE) * MINUTE;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['day', DAY],
    ['hour', HOUR],
    ['minute', MINUTE],
  ] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) {
      parts.push(
        new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount),
      );
    }
  }
  return formatList(locale, parts);
}
