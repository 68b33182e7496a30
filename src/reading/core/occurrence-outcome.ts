import {
  MAX_MISSES,
  type MissRecord,
  type Occurrence,
  type PauseReason,
  type PostRecord,
  type ReadingPlan,
} from './plan';

/**
 * What the store holds under an occurrence's key. A worker claims the key (`claimed`) before
 * posting anything, so only one process ever posts an occurrence; it then records how it went
 * (`posted` or `missed`), and the plan's progress is derived from that record.
 */
export type OccurrenceRecord =
  { readonly state: 'claimed'; readonly by: string; readonly at: string } | SettledOccurrence;

export type SettledOccurrence =
  | { readonly state: 'posted'; readonly post: PostRecord; readonly pause?: PauseReason }
  | { readonly state: 'missed'; readonly miss: MissRecord; readonly pause?: PauseReason };

/**
 * A claim older than this belongs to a worker that died mid-post (a post and its retries take
 * well under a minute): the occurrence is then given up as interrupted rather than risk a double.
 */
export const STALE_CLAIM_MS = 10 * 60_000;

export function isStaleClaim(record: OccurrenceRecord, now: Date): boolean {
  return record.state === 'claimed' && now.getTime() - Date.parse(record.at) > STALE_CLAIM_MS;
}

/**
 * The plan once an occurrence's outcome is applied: the anchor moves past the occurrence, the
 * post or miss is recorded, the section advances after a post, the plan finishes after the
 * closing prompt and pauses when the channel is gone or the bot lost its permissions. Undefined
 * when the outcome was already applied (the anchor is already past it), so applying twice, from
 * two processes or after a restart, changes nothing.
 */
export function applyOutcome(
  plan: ReadingPlan,
  occurrence: Occurrence,
  outcome: SettledOccurrence,
): ReadingPlan | undefined {
  if (plan.state === 'finished' || Date.parse(plan.anchor) >= occurrence.at.getTime()) {
    return undefined;
  }
  const anchor = occurrence.at.toISOString();
  const pause = outcome.pause;
  const paused = pause === undefined ? {} : { state: 'paused' as const, pauseReason: pause };
  if (outcome.state === 'missed') {
    return {
      ...plan,
      anchor,
      misses: [...plan.misses, outcome.miss].slice(-MAX_MISSES),
      ...paused,
    };
  }
  const { subject } = outcome.post;
  return {
    ...plan,
    anchor,
    posts: [...plan.posts, outcome.post],
    ...(subject.kind === 'section'
      ? { nextSection: subject.section + 1, ...paused }
      : { state: 'finished' as const, pauseReason: undefined }),
  };
}
