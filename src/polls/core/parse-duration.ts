import { DURATION_UNITS } from './poll';

const UNIT_MS: Readonly<Record<string, number>> = {
  m: DURATION_UNITS.MINUTE,
  min: DURATION_UNITS.MINUTE,
  h: DURATION_UNITS.HOUR,
  d: DURATION_UNITS.DAY,
  // French speakers write "3j" (jours).
  j: DURATION_UNITS.DAY,
};

const DURATION = /^(?:\d{1,6}\s*(?:min|m|h|d|j)\s*){1,3}$/i;
const PART = /(\d{1,6})\s*(min|m|h|d|j)/gi;

/**
 * A duration typed by a member: `30m`, `12h`, `3d` (or `3j`), or combined like `1d 12h`.
 * Undefined when it is not one; range checks are the caller's (`0m` parses to 0).
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount = '', unit = ''] of trimmed.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit.toLowerCase()] ?? Number.NaN);
  }
  return Number.isFinite(total) ? total : undefined;
}
