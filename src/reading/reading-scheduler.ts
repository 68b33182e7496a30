import { setImmediate } from 'node:timers/promises';
import cron, { type ScheduledTask } from 'node-cron';
import type { Library } from '../content/library';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import { decideDue, pendingOccurrence, type DuePolicy } from './core/due-occurrences';
import { cronExpression } from './core/next-occurrence';
import { createOccurrenceWorker, type ClosingPoll, type PostOutcome } from './occurrence-worker';
import type { Occurrence, ReadingPlan } from './core/plan';
import type { PlanStore } from './plan-store';
import type { PromptPoster } from './ports';
import { sleep } from './retry';

export type { ClosingPoll, PostOutcome };

export interface ReadingSchedulerOptions {
  readonly plans: PlanStore;
  readonly library: Library;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: DuePolicy;
  /** Posting prompts (used once background work has started). */
  readonly poster: PromptPoster;
  readonly closingPoll?: ClosingPoll | undefined;
  /** Waits between attempts at a failed post: its length + 1 attempts in all. */
  readonly retryDelaysMs?: readonly number[];
  /** node-cron expression of the reconciliation (default: every minute). */
  readonly reconcileCron?: string;
}

export interface ReadingScheduler extends Lifecycle {
  /** Arms the plan's weekly cron task (idempotent); plans created or resumed here post on time. */
  arm(plan: ReadingPlan): void;
  /** Stops the plan's cron task (a post under way finishes, and finds the plan changed). */
  disarm(planId: string): void;
  /** Posts what is due (and records what is too late) for one plan, then for all. */
  reconcilePlan(planId: string): Promise<void>;
  reconcileAll(): Promise<void>;
  /** Posts the plan's pending occurrence now, early: `/reading next`. */
  postPending(planId: string): Promise<PostOutcome>;
  /** Records the plan's pending occurrence as skipped: `/reading skip`. */
  skipPending(planId: string): Promise<Occurrence | undefined>;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 4_000];
/** A cron fire a little ahead of our clock waits for it rather than skipping the week. */
const FIRE_TOLERANCE_MS = 2_000;
/** Occurrences handled per reconciliation of a plan: weeks missed while down, then a post. */
const MAX_STEPS = 60;
/**
 * Plans get their cron task when their next occurrence is this close: at start, 1,000 plans spread
 * over the week arm a seventh of that, and the minutely reconciliation arms the others in turn.
 */
const ARM_AHEAD_MS = 24 * 3_600_000;
/** Longest stretch a reconciliation runs before letting interactions in. */
const SLICE_MS = 4;

/**
 * Posts reading prompts on time, across double fires, restarts and processes.
 *
 * node-cron fires each plan at its local time in its zone, but it drops late fires, skips times
 * that do not exist on spring-forward day and remembers nothing across restarts. So a fire only
 * triggers a reconciliation, which also runs at start and every minute: it asks the pure core
 * what is due (`decideDue`) and hands each due occurrence to the occurrence worker, which claims
 * it in the store before posting (exactly once) and applies the outcome to the plan.
 */
export function createReadingScheduler(options: ReadingSchedulerOptions): ReadingScheduler {
  const { plans, clock, policy } = options;
  const logger = options.logger.child({ feature: 'reading' });
  const tasks = new Map<string, ScheduledTask>();
  const running = new Set<Promise<unknown>>();
  const chains = new Map<string, Promise<unknown>>();
  let reconciler: ScheduledTask | undefined;
  let stopping = new AbortController();
  const worker = createOccurrenceWorker({
    ...options,
    logger,
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    onPlanChanged: (plan) => {
      if (plan.state !== 'active') disarm(plan.id);
    },
  });

  /** Background work the stop waits for. */
  function track(work: Promise<unknown>): void {
    const settled = work.catch((error: unknown) => {
      logger.error({ err: error }, 'reading plan work failed');
    });
    running.add(settled);
    void settled.finally(() => running.delete(settled));
  }

  /** One piece of work at a time per plan in this process; other processes meet at the claims. */
  function exclusive<T>(planId: string, work: () => Promise<T>): Promise<T> {
    const previous = chains.get(planId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    chains.set(planId, settled);
    void settled.then(() => {
      if (chains.get(planId) === settled) chains.delete(planId);
    });
    return next;
  }

  function arm(plan: ReadingPlan): void {
    if (stopping.signal.aborted || plan.state !== 'active' || tasks.has(plan.id)) return;
    try {
      const task = cron.schedule(
        cronExpression(plan),
        () => {
          track(reconcilePlan(plan.id, FIRE_TOLERANCE_MS));
        },
        { timezone: plan.timeZone },
      );
      tasks.set(plan.id, task);
    } catch (error) {
      // A zone this runtime no longer knows: the minutely reconciliation still posts the plan.
      logger.error({ err: error, planId: plan.id }, 'could not arm a reading plan');
    }
  }

  function disarm(planId: string): void {
    void tasks.get(planId)?.destroy();
    tasks.delete(planId);
  }

  function reconcilePlan(planId: string, toleranceMs = 0): Promise<void> {
    return exclusive(planId, async () => {
      for (let step = 0; step < MAX_STEPS && !stopping.signal.aborted; step++) {
        const plan = await plans.get(planId);
        const decision = plan ? decideDue(plan, clock.now(), policy) : undefined;
        if (!plan || !decision || decision.kind === 'idle') {
          disarm(planId);
          return;
        }
        if (decision.kind === 'wait') {
          arm(plan);
          const wait = decision.occurrence.at.getTime() - clock.now().getTime();
          if (wait > toleranceMs) return;
          await sleep(wait, stopping.signal).catch(() => undefined);
          toleranceMs = 0;
          continue;
        }
        const { occurrence } = decision;
        if (decision.kind === 'skip') {
          if (await worker.claimMiss(plan, occurrence, 'too-late')) {
            logger.info(
              { planId, occurrence: occurrence.localDate },
              'reading prompt too late, skipped',
            );
          } else if (!(await worker.resolveTaken(plan, occurrence))) {
            return;
          }
          continue;
        }
        const result = await worker.post(
          options.poster,
          planId,
          occurrence,
          decision.late,
          stopping.signal,
        );
        if (result.kind === 'stale') return;
        if (result.kind === 'taken' && !(await worker.resolveTaken(plan, occurrence))) return;
      }
    });
  }

  async function reconcileAll(): Promise<void> {
    const all = await plans.all();
    const known = new Set(all.map((plan) => plan.id));
    for (const planId of tasks.keys()) if (!known.has(planId)) disarm(planId);
    let sliceStart = performance.now();
    for (const plan of all) {
      if (stopping.signal.aborted) return;
      if (performance.now() - sliceStart > SLICE_MS) {
        await setImmediate();
        sliceStart = performance.now();
      }
      // Most plans wait for a later week: the listed plan is enough to arm them, without a second
      // read under the plan's lock, so a reconciliation of 1,000 plans costs no 1,000 queries.
      const decision = decideDue(plan, clock.now(), policy);
      if (decision.kind === 'wait') {
        if (decision.occurrence.at.getTime() - clock.now().getTime() <= ARM_AHEAD_MS) arm(plan);
      } else if (plan.state === 'active') await reconcilePlan(plan.id);
      else disarm(plan.id);
    }
  }

  return {
    name: 'reading-scheduler',
    arm,
    disarm,
    reconcilePlan: (planId) => reconcilePlan(planId),
    reconcileAll,
    async start() {
      stopping = new AbortController();
      reconciler = cron.schedule(options.reconcileCron ?? '30 * * * * *', () => {
        track(reconcileAll());
      });
      // Catch up in the background: the bot answers commands while late prompts go out.
      track(reconcileAll());
      await Promise.resolve();
    },
    async stop() {
      stopping.abort();
      await reconciler?.destroy();
      for (const planId of [...tasks.keys()]) disarm(planId);
      while (running.size > 0 || chains.size > 0) {
        await Promise.allSettled([...running, ...chains.values()]);
      }
    },
    async postPending(planId) {
      await reconcilePlan(planId);
      return exclusive(planId, async () => {
        const plan = await plans.get(planId);
        if (plan?.state !== 'active') return { kind: 'stale' } as const;
        // Due or not, the pending occurrence goes out now; late only if it already was.
        const decision = decideDue(plan, clock.now(), policy);
        const late = decision.kind === 'post' && decision.late;
        return worker.post(options.poster, planId, pendingOccurrence(plan), late, stopping.signal);
      });
    },
    async skipPending(planId) {
      await reconcilePlan(planId);
      return exclusive(planId, async () => {
        const plan = await plans.get(planId);
        if (plan?.state !== 'active') return undefined;
        const occurrence = pendingOccurrence(plan);
        return (await worker.claimMiss(plan, occurrence, 'skipped')) ? occurrence : undefined;
      });
    },
  };
}
