import type { Store } from './store';

/** Keys that need not move: per-interaction claims, useless an hour after their interaction. */
const SKIPPED_PREFIXES = ['interaction:'] as const;
/** Writes in flight at once: enough to keep a remote server busy, few enough for its pool. */
const CONCURRENCY = 32;

export interface CopyReport {
  /** Records in the source (claims left out). */
  readonly records: number;
  /** Written to the target by this run. */
  readonly copied: number;
  /** Already in the target, left as they were (a second run, or `force` into a used store). */
  readonly alreadyThere: number;
}

/** The target already holds data and `force` was not given: nothing was written. */
export class TargetNotEmptyError extends Error {
  constructor(readonly records: number) {
    super(`the target store already holds ${records} records`);
    this.name = 'TargetNotEmptyError';
  }
}

/**
 * Copies every record of one store into another (SQLite to PostgreSQL, when a circle outgrows one
 * machine), then checks that each one is there. A record already in the target is never
 * overwritten, so a second run copies nothing and changes nothing, and a bot already writing to
 * the target loses no vote; a non-empty target is refused unless `force`.
 */
export async function copyStore(
  from: Store,
  to: Store,
  options: { readonly force: boolean },
): Promise<CopyReport> {
  const isRecord = (key: string) => !SKIPPED_PREFIXES.some((prefix) => key.startsWith(prefix));
  const existing = (await to.keys('')).filter(isRecord).length;
  if (existing > 0 && !options.force) throw new TargetNotEmptyError(existing);
  const entries = (await from.entries<unknown>('')).filter(([key]) => isRecord(key));
  let copied = 0;
  for (let start = 0; start < entries.length; start += CONCURRENCY) {
    const batch = entries.slice(start, start + CONCURRENCY);
    const written = await Promise.all(batch.map(([key, value]) => to.setIfAbsent(key, value)));
    copied += written.filter(Boolean).length;
  }
  const present = new Set(await to.keys(''));
  const missing = entries.filter(([key]) => !present.has(key));
  if (missing.length > 0) {
    throw new Error(
      `${missing.length} records did not reach the target (first: ${missing[0]?.[0] ?? ''})`,
    );
  }
  return { records: entries.length, copied, alreadyThere: entries.length - copied };
}
