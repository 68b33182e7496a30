import { nextOccurrence } from './next-occurrence';
import type { Occurrence, PromptSubject, ReadingPlan } from './plan';

export interface DuePolicy {
  /**
   * How late an occurrence missed while Tribune was down may still be posted
   * (READING_GRACE_HOURS); later ones are skipped.
   */
  readonly graceMs: number;
  /**
   * Up to this late a post counts as on time, and is never skipped, whatever the grace: the
   * scheduler waking a few milliseconds after the minute, or the minutely reconciliation posting
   * a fire node-cron dropped (at most about a minute later), is the running bot being on time.
   */
  readonly onTimeMs: number;
}

/** A prompt up to a minute late is on time (README, "Reading plans"); later, it says so. */
export const DEFAULT_ON_TIME_MS = 60_000;

/** What to do about a plan now. One occurrence at a time: apply the outcome, then ask again. */
export type DueDecision =
  | { readonly kind: 'idle' }
  | { readonly kind: 'wait'; readonly occurrence: Occurrence }
  | { readonly kind: 'post'; readonly occurrence: Occurrence; readonly late: boolean }
  | { readonly kind: 'skip'; readonly occurrence: Occurrence };

/** The first pending occurrence of the plan: the one after its anchor. */
export function pendingOccurrence(plan: ReadingPlan): Occurrence {
  return nextOccurrence(plan, new Date(plan.anchor));
}

/**
 * Whether the plan's first pending occurrence is due: not yet (wait), due and on time or within
 * the grace window (post, marked late past `onTimeMs`), or too late (skip and record it). Paused
 * and finished plans post nothing.
 */
export function decideDue(plan: ReadingPlan, now: Date, policy: DuePolicy): DueDecision {
  if (plan.state !== 'active') return { kind: 'idle' };
  const occurrence = pendingOccurrence(plan);
  const lateBy = now.getTime() - occurrence.at.getTime();
  if (lateBy < 0) return { kind: 'wait', occurrence };
  if (lateBy > Math.max(policy.graceMs, policy.onTimeMs)) return { kind: 'skip', occurrence };
  return { kind: 'post', occurrence, late: lateBy > policy.onTimeMs };
}

/** The next prompt of a plan: its next section, or the closing prompt once every section is out. */
export function nextSubject(plan: ReadingPlan, sectionCount: number): PromptSubject {
  if (plan.nextSection > sectionCount) return { kind: 'closing' };
  const week = plan.posts.filter((post) => post.subject.kind === 'section').length + 1;
  return { kind: 'section', section: plan.nextSection, week };
}
