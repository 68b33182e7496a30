import { setImmediate } from 'node:timers/promises';
import cron, { type ScheduledTask } from 'node-cron';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../log/logger';
import { DeadlineTimers } from '../time/deadline-timers';
import { decideDue, pendingOccurrence } from './core/due-occurrences';
import { cronExpression } from './core/next-occurrence';
import {
  OccurrenceWorker,
  type ClosingPoll,
  type PlanEnded,
  type PostOutcome,
} from './occurrence-worker';
import type { Occurrence, ReadingPlan } from './core/plan';
import type { DuePlan } from './plan-store';
import type { SessionCalendar } from './ports';
import { SessionKeeper, type SessionKeeperOptions } from './session-keeper';
import { taskKey, type SessionTask } from './session-store';
import { sleep } from './retry';

export type { ClosingPoll, PlanEnded, PostOutcome };

export interface ReadingSchedulerOptions extends Omit<SessionKeeperOptions, 'calendar'> {
  /** Sessions' scheduled events; absent, plans have none. */
  readonly calendar?: SessionCalendar | undefined;
  readonly closingPoll?: ClosingPoll | undefined;
  /** Told once a plan's closing prompt (and its poll) is out. */
  readonly planEnded?: PlanEnded | undefined;
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
 * Plans get their cron task when their next occurrence is this close, from the minutely
 * reconciliation, which reads only the plans due by then (the due index): its work follows what
 * is due, not how many plans are stored, and only a few cron tasks exist at a time.
 */
const ARM_AHEAD_MS = 2 * 60_000;
/** How often plans that lost their index entry (a process died between two writes) are looked for. */
const INDEX_REPAIR_INTERVAL_MS = 6 * 3_600_000;
/**
 * The first look, after start: it lists every plan (its cost grows with what is stored), so not
 * in the first moments, when members who waited for the bot send their commands.
 */
const FIRST_INDEX_REPAIR_MS = 60_000;
/** Longest stretch a reconciliation runs before letting interactions in. */
const SLICE_MS = 4;

/**
 * Posts reading prompts on time, across double fires, restarts and processes.
 *
 * A reconciliation runs at start and every minute (node-cron): it reads from the plans' due index
 * the plans due within the next two minutes, posts those already due and arms a node-cron task at
 * the local time, in the zone, of the others. node-cron drops late fires, skips times that do not
 * exist on spring-forward day and remembers nothing across restarts, so a fire only triggers a
 * reconciliation of its plan: it asks the pure core what is due (`decideDue`) and hands each due
 * occurrence to the occurrence worker, which claims it in the store before posting (exactly once)
 * and applies the outcome to the plan, whose index entry moves on to its next week.
 */
export class ReadingScheduler implements Lifecycle {
  readonly name = 'reading-scheduler';
  private readonly logger: Logger;
  private readonly worker: OccurrenceWorker;
  private readonly sessions: SessionKeeper;
  /** Session work due within `ARM_AHEAD_MS`, by its index key, fired at its time. */
  private readonly sessionTimers: DeadlineTimers;
  private readonly armedTasks = new Map<string, SessionTask>();
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Plans an outcome changed during their current work: their sessions follow right after. */
  private readonly changed = new Set<string>();
  private reconciler: ScheduledTask | undefined;
  private indexRepair: NodeJS.Timeout | undefined;
  private stopping = new AbortController();

  constructor(private readonly options: ReadingSchedulerOptions) {
    this.logger = options.logger.child({ feature: 'reading' });
    this.worker = new OccurrenceWorker({
      ...options,
      logger: this.logger,
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      onPlanChanged: (plan) => {
        this.arm(plan);
        this.changed.add(plan.id);
      },
    });
    this.sessions = new SessionKeeper({
      ...options,
      logger: this.logger,
      calendar: options.calendar,
    });
    this.sessionTimers = new DeadlineTimers(options.clock, (key) => {
      const task = this.armedTasks.get(key);
      this.armedTasks.delete(key);
      if (task !== undefined && !this.stopping.signal.aborted) {
        this.track(
          this.exclusive(task.planId, async () => {
            for (const indexed of await this.sessions.run(task)) this.armTask(indexed);
          }),
        );
      }
    });
  }

  async start(): Promise<void> {
    this.stopping = new AbortController();
    this.reconciler = cron.schedule(this.options.reconcileCron ?? '30 * * * * *', () => {
      this.track(this.reconcileDue());
    });
    // Catch up in the background: the bot answers commands while late prompts go out. Plans that
    // lost their index entry are looked for a minute later, and now and then.
    this.track(this.reconcileDue());
    const repairIndex = (nextInMs: number) => {
      this.indexRepair = setTimeout(() => {
        this.track(this.repairIndex());
        repairIndex(INDEX_REPAIR_INTERVAL_MS);
      }, nextInMs);
    };
    repairIndex(FIRST_INDEX_REPAIR_MS);
    await Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.reconciler?.destroy();
    clearTimeout(this.indexRepair);
    for (const planId of [...this.tasks.keys()]) this.disarm(planId);
    this.sessionTimers.clear();
    this.armedTasks.clear();
    while (this.running.size > 0 || this.chains.size > 0) {
      await Promise.allSettled([...this.running, ...this.chains.values()]);
    }
  }

  /**
   * Keeps the plan's node-cron task while it is active and due within `ARM_AHEAD_MS`, so it fires
   * at the second; drops it otherwise (the minutely reconciliation arms it when it comes close).
   */
  arm(plan: ReadingPlan): void {
    const { clock } = this.options;
    const soon =
      plan.state === 'active' &&
      pendingOccurrence(plan).at.getTime() - clock.now().getTime() <= ARM_AHEAD_MS;
    if (!soon) {
      this.disarm(plan.id);
      return;
    }
    if (this.stopping.signal.aborted || this.tasks.has(plan.id)) return;
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

  /**
   * Posts what is due (and records what is too late) for one plan. `indexed`: the due-index entry
   * that brought it here, corrected if the plan has moved on or is gone.
   */
  reconcilePlan(planId: string, toleranceMs = 0, indexed?: DuePlan): Promise<void> {
    const { plans, clock, policy } = this.options;
    return this.exclusive(planId, async () => {
      for (let step = 0; step < MAX_STEPS && !this.stopping.signal.aborted; step++) {
        const plan = await plans.get(planId);
        const decision = plan ? decideDue(plan, clock.now(), policy) : undefined;
        if (!plan || !decision || decision.kind === 'idle') {
          this.disarm(planId);
          if (indexed) await plans.correctIndex(indexed, plan);
          return;
        }
        if (decision.kind === 'wait') {
          this.arm(plan);
          const wait = decision.occurrence.at.getTime() - clock.now().getTime();
          if (wait > toleranceMs) {
            if (indexed) await plans.correctIndex(indexed, plan);
            return;
          }
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

  /**
   * Posts what is due and arms what comes due within `ARM_AHEAD_MS`, for this process's servers,
   * reading only those plans (the due index): its cost follows what is due, not what is stored.
   */
  async reconcileDue(): Promise<void> {
    const { plans, clock } = this.options;
    const owns = this.options.ownsGuild ?? (() => true);
    const due = await plans.dueBefore(clock.now().getTime() + ARM_AHEAD_MS);
    let sliceStart = performance.now();
    for (const entry of due) {
      if (this.stopping.signal.aborted) return;
      if (!owns(entry.guildId)) continue;
      if (performance.now() - sliceStart > SLICE_MS) {
        await setImmediate();
        sliceStart = performance.now();
      }
      await this.reconcilePlan(entry.planId, 0, entry);
    }
    // After the prompts, so that a reminder due as well finds its week's thread open.
    const tasks = await this.options.sessions.dueBefore(clock.now().getTime() + ARM_AHEAD_MS);
    for (const task of tasks) this.armTask(task);
  }

  /** Brings the plan's sessions in line with it (events, reminders): after a change made here. */
  followSessions(planId: string): Promise<void> {
    return this.exclusive(planId, () => this.followNow(planId));
  }

  /** Cancels a stopping plan's coming events and forgets its sessions. */
  forgetSessions(plan: ReadingPlan): Promise<void> {
    return this.exclusive(plan.id, () => this.sessions.forget(plan));
  }

  /** Fires a session's task at its time when it is this process's and due soon. */
  private armTask(task: SessionTask): void {
    const owns = this.options.ownsGuild ?? (() => true);
    const key = taskKey(task);
    const soon = task.at - this.options.clock.now().getTime() <= ARM_AHEAD_MS;
    if (!soon || !owns(task.guildId) || this.armedTasks.has(key)) return;
    if (this.stopping.signal.aborted) return;
    this.armedTasks.set(key, task);
    this.sessionTimers.arm(key, task.at);
  }

  private async followNow(planId: string): Promise<void> {
    try {
      for (const task of await this.sessions.follow(planId)) this.armTask(task);
    } catch (error) {
      this.logger.error({ err: error, planId }, 'reading sessions not brought in line');
    }
  }

  /** Indexes the plans that lost their index entry, then posts what they owe. */
  private async repairIndex(): Promise<void> {
    const indexed = await this.options.plans.indexUnindexed();
    if (indexed === 0) return;
    this.logger.warn({ plans: indexed }, 'reading plans without an index entry, indexed again');
    await this.reconcileDue();
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
    const run = async () => {
      this.changed.delete(planId);
      try {
        return await work();
      } finally {
        // The sessions of a plan this work changed follow within the same turn: a command's
        // answer comes once the week's event says what the plan now does.
        if (this.changed.delete(planId)) await this.followNow(planId);
      }
    };
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    this.chains.set(planId, settled);
    void settled.then(() => {
      if (this.chains.get(planId) === settled) this.chains.delete(planId);
    });
    return next;
  }
}
