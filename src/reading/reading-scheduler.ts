import { setImmediate } from 'node:timers/promises';
import cron, { type ScheduledTask } from 'node-cron';
import type { Library } from '../content/library';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import { decideDue, pendingOccurrence, type DuePolicy } from './core/due-occurrences';
import { cronExpression } from './core/next-occurrence';
import { OccurrenceWorker, type ClosingPoll, type PostOutcome } from './occurrence-worker';
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
  /** The servers whose prompts this process posts (those of its shards); default: every server. */
  readonly ownsGuild?: (guildId: string) => boolean;
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
export class ReadingScheduler implements Lifecycle {
  readonly name = 'reading-scheduler';
  private readonly logger: Logger;
  private readonly worker: OccurrenceWorker;
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private reconciler: ScheduledTask | undefined;
  private stopping = new AbortController();

  constructor(private readonly options: ReadingSchedulerOptions) {
    this.logger = options.logger.child({ feature: 'reading' });
    this.worker = new OccurrenceWorker({
      ...options,
      logger: this.logger,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      onPlanChanged: (plan) => {
        if (plan.state !== 'active') this.disarm(plan.id);
      },
    });
  }

  async start(): Promise<void> {
    this.stopping = new AbortController();
    this.reconciler = cron.schedule(this.options.reconcileCron ?? '30 * * * * *', () => {
      this.track(this.reconcileAll());
    });
    // Catch up in the background: the bot answers commands while late prompts go out.
    this.track(this.reconcileAll());
    await Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.reconciler?.destroy();
    for (const planId of [...this.tasks.keys()]) this.disarm(planId);
    while (this.running.size > 0 || this.chains.size > 0) {
      await Promise.allSettled([...this.running, ...this.chains.values()]);
    }
  }

  /** Arms the plan's weekly cron task (idempotent); plans created or resumed here post on time. */
  arm(plan: ReadingPlan): void {
    if (this.stopping.signal.aborted || plan.state !== 'active' || this.tasks.has(plan.id)) return;
    try {
      const task = cron.schedule(
        cronExpression(plan),
        () => {
          this.track(this.reconcilePlan(plan.id, FIRE_TOLERANCE_MS));
        },
        { timezone: plan.timeZone },
      );
      this.tasks.set(plan.id, task);
    } catch (error) {
      // A zone this runtime no longer knows: the minutely reconciliation still posts the plan.
      this.logger.error({ err: error, planId: plan.id }, 'could not arm a reading plan');
    }
  }

  /** Stops the plan's cron task (a post under way finishes, and finds the plan changed). */
  disarm(planId: string): void {
    void this.tasks.get(planId)?.destroy();
    this.tasks.delete(planId);
  }

  /** Posts what is due (and records what is too late) for one plan. */
  reconcilePlan(planId: string, toleranceMs = 0): Promise<void> {
    const { plans, clock, policy } = this.options;
    return this.exclusive(planId, async () => {
      for (let step = 0; step < MAX_STEPS && !this.stopping.signal.aborted; step++) {
        const plan = await plans.get(planId);
        const decision = plan ? decideDue(plan, clock.now(), policy) : undefined;
        if (!plan || !decision || decision.kind === 'idle') {
          this.disarm(planId);
          return;
        }
        if (decision.kind === 'wait') {
          this.arm(plan);
          const wait = decision.occurrence.at.getTime() - clock.now().getTime();
          if (wait > toleranceMs) return;
          await sleep(wait, this.stopping.signal).catch(() => undefined);
          toleranceMs = 0;
          continue;
        }
        const { occurrence } = decision;
        if (decision.kind === 'skip') {
          if (await this.worker.claimMiss(plan, occurrence, 'too-late')) {
            this.logger.info(
              { planId, occurrence: occurrence.localDate },
              'reading prompt too late, skipped',
            );
          } else if (!(await this.worker.resolveTaken(plan, occurrence))) {
            return;
          }
          continue;
        }
        const result = await this.worker.post(
          this.options.poster,
          planId,
          occurrence,
          decision.late,
          this.stopping.signal,
        );
        if (result.kind === 'stale') return;
        if (result.kind === 'taken' && !(await this.worker.resolveTaken(plan, occurrence))) return;
      }
    });
  }

  /** Posts what is due for every plan, and arms the plans due within a day. */
  async reconcileAll(): Promise<void> {
    const { plans, clock, policy } = this.options;
    const owns = this.options.ownsGuild ?? (() => true);
    const all = (await plans.all()).filter((plan) => owns(plan.guildId));
    const known = new Set(all.map((plan) => plan.id));
    for (const planId of this.tasks.keys()) if (!known.has(planId)) this.disarm(planId);
    let sliceStart = performance.now();
    for (const plan of all) {
      if (this.stopping.signal.aborted) return;
      if (performance.now() - sliceStart > SLICE_MS) {
        await setImmediate();
        sliceStart = performance.now();
      }
      // Most plans wait for a later week: the listed plan is enough to arm them, without a second
      // read under the plan's lock, so a reconciliation of 1,000 plans costs no 1,000 queries.
      const decision = decideDue(plan, clock.now(), policy);
      if (decision.kind === 'wait') {
        if (decision.occurrence.at.getTime() - clock.now().getTime() <= ARM_AHEAD_MS) {
          this.arm(plan);
        }
      } else if (plan.state === 'active') await this.reconcilePlan(plan.id);
      else this.disarm(plan.id);
    }
  }

  /** Posts the plan's pending occurrence now, early: `/reading next`. */
  async postPending(planId: string): Promise<PostOutcome> {
    const { plans, clock, policy } = this.options;
    await this.reconcilePlan(planId);
    return this.exclusive(planId, async () => {
      const plan = await plans.get(planId);
      if (plan?.state !== 'active') return { kind: 'stale' } as const;
      // Due or not, the pending occurrence goes out now; late only if it already was.
      const decision = decideDue(plan, clock.now(), policy);
      const late = decision.kind === 'post' && decision.late;
      return this.worker.post(
        this.options.poster,
        planId,
        pendingOccurrence(plan),
        late,
        this.stopping.signal,
      );
    });
  }

  /** Records the plan's pending occurrence as skipped: `/reading skip`. */
  async skipPending(planId: string): Promise<Occurrence | undefined> {
    await this.reconcilePlan(planId);
    return this.exclusive(planId, async () => {
      const plan = await this.options.plans.get(planId);
      if (plan?.state !== 'active') return undefined;
      const occurrence = pendingOccurrence(plan);
      return (await this.worker.claimMiss(plan, occurrence, 'skipped')) ? occurrence : undefined;
    });
  }

  /** Background work the stop waits for. */
  private track(work: Promise<unknown>): void {
    const settled = work.catch((error: unknown) => {
      this.logger.error({ err: error }, 'reading plan work failed');
    });
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
  }

  /** One piece of work at a time per plan in this process; other processes meet at the claims. */
  private exclusive<T>(planId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(planId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(planId, settled);
    void settled.then(() => {
      if (this.chains.get(planId) === settled) this.chains.delete(planId);
    });
    return next;
  }
}
