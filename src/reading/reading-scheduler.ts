import { createHash, randomUUID } from 'node:crypto';
import type { Client } from 'discord.js';
import cron, { type ScheduledTask } from 'node-cron';
import type { Library } from '../content/library';
import type { Text } from '../content/text';
import type { Locale } from '../i18n/locale';
import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import { decideDue, pendingOccurrence, type DuePolicy } from './due-occurrences';
import { cronExpression, occurrenceId } from './next-occurrence';
import {
  applyOutcome,
  isStaleClaim,
  type OccurrenceRecord,
  type SettledOccurrence,
} from './occurrence-outcome';
import type { MissReason, Occurrence, PauseReason, ReadingPlan } from './plan';
import type { PlanStore } from './plan-store';
import { PromptRejected, type PromptPoster } from './prompt-poster';
import { renderPlanPrompt } from './render-prompt';

/** Opens the poll of a closing prompt (the poll feature's service); absent, the recap goes alone. */
export type ClosingPoll = (input: {
  readonly plan: ReadingPlan;
  readonly text: Text;
  readonly locale: Locale;
}) => Promise<unknown>;

export interface ReadingSchedulerOptions {
  readonly plans: PlanStore;
  readonly library: Library;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: DuePolicy;
  /** Builds the poster once the client is ready. */
  readonly posterFor: (client: Client<true>) => PromptPoster;
  readonly closingPoll?: ClosingPoll | undefined;
  /** Waits between attempts at a failed post: its length + 1 attempts in all. */
  readonly retryDelaysMs?: readonly number[];
  /** node-cron expression of the reconciliation (default: every minute). */
  readonly reconcileCron?: string;
}

/** What happened when a post of the next prompt was asked for. */
export type PostOutcome =
  | { readonly kind: 'posted'; readonly record: SettledOccurrence }
  | { readonly kind: 'missed'; readonly record: SettledOccurrence }
  /** Another worker (a cron fire, the other process) has this occurrence. */
  | { readonly kind: 'taken' }
  /** The plan changed meanwhile (paused, stopped, finished): nothing was posted. */
  | { readonly kind: 'stale' };

export interface ReadingScheduler extends Lifecycle {
  /** Arms the plan's weekly cron task (idempotent); plans created or resumed here post on time. */
  arm(plan: ReadingPlan): void;
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
const MAX_STEPS = 60;

/**
 * Posts reading prompts exactly once, on time, across double fires, restarts and processes.
 *
 * node-cron fires each plan at its local time in its zone, but it drops late fires, skips times
 * that do not exist on spring-forward day and remembers nothing across restarts. So a fire only
 * triggers a reconciliation, which also runs at start and every minute: it asks the pure core
 * what is due (`decideDue`), claims the occurrence in the store before posting (the claim is
 * what makes it exactly once), posts with retries, records the outcome under the occurrence's
 * key and applies it to the plan with compare-and-set.
 */
export function createReadingScheduler(options: ReadingSchedulerOptions): ReadingScheduler {
  const { plans, library, clock, policy } = options;
  const logger = options.logger.child({ feature: 'reading' });
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const instanceId = randomUUID();
  const tasks = new Map<string, ScheduledTask>();
  const running = new Set<Promise<unknown>>();
  const chains = new Map<string, Promise<unknown>>();
  let poster: PromptPoster | undefined;
  let reconciler: ScheduledTask | undefined;
  let stopping = new AbortController();

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
    const task = cron.schedule(
      cronExpression(plan),
      () => {
        track(reconcilePlan(plan.id, FIRE_TOLERANCE_MS));
      },
      { timezone: plan.timeZone },
    );
    tasks.set(plan.id, task);
  }

  function disarm(planId: string): void {
    void tasks.get(planId)?.destroy();
    tasks.delete(planId);
  }

  async function apply(plan: ReadingPlan, occurrence: Occurrence, outcome: SettledOccurrence) {
    const updated = await plans.update(plan.id, (current) =>
      applyOutcome(current, occurrence, outcome),
    );
    if (updated?.state === 'finished') await plans.releaseChannel(updated);
    if (updated !== undefined && updated.state !== 'active') disarm(updated.id);
    return updated;
  }

  const missed = (
    occurrence: Occurrence,
    reason: MissReason,
    pause?: PauseReason,
    detail?: string,
  ): SettledOccurrence => ({
    state: 'missed',
    miss: {
      localDate: occurrence.localDate,
      scheduledAt: occurrence.at.toISOString(),
      reason,
      at: clock.now().toISOString(),
      ...(detail !== undefined && { detail: detail.slice(0, 200) }),
    },
    ...(pause !== undefined && { pause }),
  });

  /**
   * Someone else claimed the occurrence: apply their outcome if they recorded one, take over a
   * claim whose worker died, or leave a live claim alone. True when the caller may go on.
   */
  async function resolveTaken(plan: ReadingPlan, occurrence: Occurrence): Promise<boolean> {
    const record = await plans.occurrence(plan.id, occurrence.localDate);
    if (record === undefined) return true; // released meanwhile: ask again
    if (record.state !== 'claimed') {
      await apply(plan, occurrence, record);
      return true;
    }
    if (!isStaleClaim(record, clock.now())) {
      logger.debug(
        { planId: plan.id, occurrence: occurrence.localDate },
        'occurrence claimed elsewhere',
      );
      return false;
    }
    const interrupted = missed(occurrence, 'interrupted');
    if (await plans.settleClaim(plan.id, occurrence.localDate, record, interrupted)) {
      logger.warn({ planId: plan.id, occurrence: occurrence.localDate }, 'took over a stale claim');
      await apply(plan, occurrence, interrupted);
    }
    return true;
  }

  /** Claims, posts (with retries) and records one occurrence. */
  async function post(planId: string, occurrence: Occurrence, late: boolean): Promise<PostOutcome> {
    if (!poster) throw new Error('the reading scheduler is not started');
    const claim: OccurrenceRecord = {
      state: 'claimed',
      by: instanceId,
      at: clock.now().toISOString(),
    };
    if (!(await plans.claimOccurrence(planId, occurrence.localDate, claim)))
      return { kind: 'taken' };
    // Re-read under the claim: a pause, stop or skip may have landed since the decision.
    const plan = await plans.get(planId);
    const pending = plan && plan.state === 'active' ? pendingOccurrence(plan) : undefined;
    if (!plan || pending?.localDate !== occurrence.localDate) {
      await plans.releaseOccurrence(planId, occurrence.localDate);
      return { kind: 'stale' };
    }
    const log = logger.child({ planId, occurrence: occurrence.localDate });
    const text = library.byId.get(plan.textId);
    if (!text) {
      const outcome = missed(occurrence, 'text-missing', 'text-missing');
      await settle(plan, occurrence, outcome);
      return { kind: 'missed', record: outcome };
    }
    const locale = poster.guildLocale(plan.guildId) ?? plan.locale;
    const sectionsRead = plan.posts.filter((entry) => entry.subject.kind === 'section').length;
    const pollFollows = options.closingPoll !== undefined && sectionsRead >= 2;
    const prompt = renderPlanPrompt(plan, text, {
      locale,
      lateFor: late ? occurrence.at : undefined,
      pollFollows,
    });
    const nonce = createHash('sha256').update(occurrenceId(planId, occurrence)).digest('hex');
    try {
      const posted = await withRetries(
        () =>
          requirePoster().post(plan.channelId, prompt.view, prompt.threadTitle, nonce.slice(0, 25)),
        log,
      );
      const outcome: SettledOccurrence = {
        state: 'posted',
        post: {
          subject: prompt.subject,
          localDate: occurrence.localDate,
          scheduledAt: occurrence.at.toISOString(),
          postedAt: clock.now().toISOString(),
          late,
          messageId: posted.messageId,
          threadId: posted.threadId,
        },
        ...(posted.problem !== undefined && { pause: posted.problem }),
      };
      await settle(plan, occurrence, outcome);
      if (posted.threadError !== undefined)
        log.warn({ err: posted.threadError }, 'thread not opened');
      log.info({ messageId: posted.messageId, late }, 'reading prompt posted');
      if (prompt.subject.kind === 'closing' && pollFollows)
        await openClosingPoll(plan, text, locale, log);
      return { kind: 'posted', record: outcome };
    } catch (error) {
      if (stopping.signal.aborted && !(error instanceof PromptRejected)) {
        // Nothing went out: give the occurrence back so the next start posts it (within grace).
        await plans.releaseOccurrence(planId, occurrence.localDate);
        return { kind: 'stale' };
      }
      const outcome =
        error instanceof PromptRejected
          ? missed(occurrence, error.reason, error.reason, error.message)
          : missed(occurrence, 'failed', undefined, describeError(error));
      await settle(plan, occurrence, outcome);
      log.warn({ err: error }, 'reading prompt not posted');
      return { kind: 'missed', record: outcome };
    }
  }

  function requirePoster(): PromptPoster {
    if (!poster) throw new Error('the reading scheduler is not started');
    return poster;
  }

  async function settle(plan: ReadingPlan, occurrence: Occurrence, outcome: SettledOccurrence) {
    await plans.settleOccurrence(plan.id, occurrence.localDate, outcome);
    await apply(plan, occurrence, outcome);
  }

  async function openClosingPoll(plan: ReadingPlan, text: Text, locale: Locale, log: Logger) {
    try {
      await options.closingPoll?.({ plan, text, locale });
    } catch (error) {
      // The recap is out; a missing poll is not worth failing the week over.
      log.warn({ err: error }, 'closing poll not opened');
    }
  }

  /** Transient failures are retried with backoff; a rejection (no channel, no rights) is final. */
  async function withRetries<T>(attempt: () => Promise<T>, log: Logger): Promise<T> {
    for (let index = 0; ; index++) {
      try {
        return await attempt();
      } catch (error) {
        const delay = retryDelays[index];
        if (error instanceof PromptRejected || delay === undefined || stopping.signal.aborted) {
          throw error;
        }
        log.warn(
          { err: error, attempt: index + 1, retryInMs: delay },
          'reading prompt failed, retrying',
        );
        await sleep(delay, stopping.signal);
      }
    }
  }

  function reconcilePlan(planId: string, toleranceMs = 0): Promise<void> {
    return exclusive(planId, async () => {
      for (let step = 0; step < MAX_STEPS && !stopping.signal.aborted; step++) {
        const plan = await plans.get(planId);
        if (!plan) {
          disarm(planId);
          return;
        }
        const decision = decideDue(plan, clock.now(), policy);
        if (decision.kind === 'idle') {
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
          const outcome = missed(occurrence, 'too-late');
          if (await plans.claimOccurrence(plan.id, occurrence.localDate, outcome)) {
            logger.info(
              { planId, occurrence: occurrence.localDate },
              'reading prompt too late, skipped',
            );
            await apply(plan, occurrence, outcome);
          } else if (!(await resolveTaken(plan, occurrence))) return;
          continue;
        }
        const result = await post(plan.id, occurrence, decision.late);
        if (result.kind === 'taken' && !(await resolveTaken(plan, occurrence))) return;
        if (result.kind === 'stale') return;
      }
    });
  }

  async function reconcileAll(): Promise<void> {
    const all = await plans.all();
    const known = new Set(all.map((plan) => plan.id));
    for (const planId of tasks.keys()) if (!known.has(planId)) disarm(planId);
    for (const plan of all) {
      if (plan.state === 'active') {
        arm(plan);
        await reconcilePlan(plan.id);
      } else {
        disarm(plan.id);
      }
    }
  }

  return {
    name: 'reading-scheduler',
    arm,
    reconcilePlan: (planId) => reconcilePlan(planId),
    reconcileAll,
    async start(client) {
      stopping = new AbortController();
      poster = options.posterFor(client);
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
        return post(planId, pendingOccurrence(plan), late);
      });
    },
    async skipPending(planId) {
      await reconcilePlan(planId);
      return exclusive(planId, async () => {
        const plan = await plans.get(planId);
        if (plan?.state !== 'active') return undefined;
        const occurrence = pendingOccurrence(plan);
        const outcome = missed(occurrence, 'skipped');
        if (!(await plans.claimOccurrence(planId, occurrence.localDate, outcome))) return undefined;
        await apply(plan, occurrence, outcome);
        return occurrence;
      });
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number' ? `HTTP ${status}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Waits, or rejects as soon as the signal aborts (the bot is stopping). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('stopping'));
      return;
    }
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('stopping'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
