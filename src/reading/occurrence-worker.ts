import { createHash, randomUUID } from 'node:crypto';
import type { Text } from '../content/text';
import type { Locale } from '../i18n/locale';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import { pendingOccurrence } from './core/due-occurrences';
import { occurrenceId } from './core/next-occurrence';
import {
  applyOutcome,
  isStaleClaim,
  type OccurrenceRecord,
  type SettledOccurrence,
} from './core/occurrence-outcome';
import type { MissReason, Occurrence, PauseReason, ReadingPlan } from './core/plan';
import type { PlanStore } from './plan-store';
import { PromptRejected, type PromptPoster, type TextSource } from './ports';
import { renderPlanPrompt } from './core/render-prompt';
import { withRetries } from './retry';

/** Opens the poll of a closing prompt (the poll feature's service); absent, the recap goes alone. */
export type ClosingPoll = (input: {
  readonly plan: ReadingPlan;
  readonly text: Text;
  readonly locale: Locale;
}) => Promise<unknown>;

/**
 * Told once a plan's closing prompt is out (after its poll), for what follows a plan's end
 * elsewhere (the poll of proposals for the next text).
 */
export type PlanEnded = (input: {
  readonly plan: ReadingPlan;
  readonly locale: Locale;
}) => Promise<unknown>;

/** What happened when an occurrence was to be posted. */
export type PostOutcome =
  | { readonly kind: 'posted'; readonly record: SettledOccurrence }
  | { readonly kind: 'missed'; readonly record: SettledOccurrence }
  /** Another worker (a cron fire, the other process) has this occurrence. */
  | { readonly kind: 'taken' }
  /** The plan changed meanwhile (paused, stopped, finished), or the bot is stopping: nothing posted. */
  | { readonly kind: 'stale' };

export interface OccurrenceWorkerOptions {
  readonly plans: PlanStore;
  readonly texts: TextSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly closingPoll?: ClosingPoll | undefined;
  readonly planEnded?: PlanEnded | undefined;
  /** Waits between attempts at a failed post. */
  readonly retryDelaysMs: readonly number[];
  /** Told of every plan an outcome changed (the scheduler disarms plans that stopped posting). */
  readonly onPlanChanged: (plan: ReadingPlan) => void;
}

/**
 * One occurrence, exactly once: the claim (`setIfAbsent` on the occurrence's key) comes before
 * anything is posted, so a double fire, a restart or a second process never posts twice; the
 * outcome is then applied to the plan with compare-and-set, and recorded under the key.
 */
export class OccurrenceWorker {
  private readonly instanceId = randomUUID();

  constructor(private readonly options: OccurrenceWorkerOptions) {}

  /** Claims the occurrence, posts its prompt (with retries) and records the outcome. */
  async post(
    poster: PromptPoster,
    planId: string,
    occurrence: Occurrence,
    late: boolean,
    signal: AbortSignal,
  ): Promise<PostOutcome> {
    const { plans, texts, clock, logger } = this.options;
    const claim: OccurrenceRecord = {
      state: 'claimed',
      by: this.instanceId,
      at: clock.now().toISOString(),
    };
    if (!(await plans.claimOccurrence(planId, occurrence.localDate, claim))) {
      return { kind: 'taken' };
    }
    // Re-read under the claim: a pause, stop or skip may have landed since the decision.
    const plan = await plans.get(planId);
    const pending = plan?.state === 'active' ? pendingOccurrence(plan) : undefined;
    if (!plan || pending?.localDate !== occurrence.localDate) {
      await plans.releaseOccurrence(planId, occurrence.localDate);
      return { kind: 'stale' };
    }
    const log = logger.child({ planId, occurrence: occurrence.localDate });
    const text = await texts.textOf(plan.guildId, plan.textId);
    if (!text) {
      const outcome = this.missed(occurrence, 'text-missing', 'text-missing');
      await this.settle(plan, occurrence, outcome);
      return { kind: 'missed', record: outcome };
    }
    const locale = poster.guildLocale(plan.guildId) ?? plan.locale;
    const sectionsRead = plan.posts.filter((entry) => entry.subject.kind === 'section').length;
    const pollFollows = this.options.closingPoll !== undefined && sectionsRead >= 2;
    const prompt = renderPlanPrompt(plan, text, {
      locale,
      lateFor: late ? occurrence.at : undefined,
      pollFollows,
      readMarks: { localDate: occurrence.localDate },
    });
    // Discord drops a message whose nonce it saw in the last minutes: a retry after a lost
    // answer cannot double the prompt. Nonces are at most 25 characters.
    const nonce = createHash('sha256')
      .update(occurrenceId(planId, occurrence))
      .digest('hex')
      .slice(0, 25);
    try {
      const posted = await withRetries(
        () => poster.post(plan.channelId, prompt.view, prompt.threadTitle, nonce),
        {
          delaysMs: this.options.retryDelaysMs,
          isFinal: (error) => error instanceof PromptRejected,
          signal,
          onRetry: (error, attempt, delayMs) => {
            log.warn(
              { err: error, attempt, retryInMs: delayMs },
              'reading prompt failed, retrying',
            );
          },
        },
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
      await this.settle(plan, occurrence, outcome);
      if (posted.threadError !== undefined) {
        log.warn({ err: posted.threadError }, 'thread not opened');
      }
      log.info({ messageId: posted.messageId, late }, 'reading prompt posted');
      if (prompt.subject.kind === 'closing') {
        const { closingPoll, planEnded } = this.options;
        if (pollFollows) {
          await afterClosing(log, 'closing poll not opened', () =>
            closingPoll?.({ plan, text, locale }),
          );
        }
        await afterClosing(log, 'plan end not followed up', () => planEnded?.({ plan, locale }));
      }
      return { kind: 'posted', record: outcome };
    } catch (error) {
      if (signal.aborted && !(error instanceof PromptRejected)) {
        // Nothing went out: give the occurrence back so the next start posts it (within grace).
        await plans.releaseOccurrence(planId, occurrence.localDate);
        return { kind: 'stale' };
      }
      const outcome =
        error instanceof PromptRejected
          ? this.missed(occurrence, error.reason, error.reason, error.message)
          : this.missed(occurrence, 'failed', undefined, describeError(error));
      await this.settle(plan, occurrence, outcome);
      log.warn({ err: error }, 'reading prompt not posted');
      return { kind: 'missed', record: outcome };
    }
  }

  /** Claims the occurrence as missed (too late, skipped by hand); false when someone has it. */
  async claimMiss(plan: ReadingPlan, occurrence: Occurrence, reason: MissReason): Promise<boolean> {
    const outcome = this.missed(occurrence, reason);
    if (!(await this.options.plans.claimOccurrence(plan.id, occurrence.localDate, outcome))) {
      return false;
    }
    await this.apply(plan, occurrence, outcome);
    return true;
  }

  /**
   * Someone else claimed the occurrence: apply their outcome if they recorded one, take over a
   * claim whose worker died, or leave a live claim alone. True when the caller may go on.
   */
  async resolveTaken(plan: ReadingPlan, occurrence: Occurrence): Promise<boolean> {
    const { plans, clock, logger } = this.options;
    const record = await plans.occurrence(plan.id, occurrence.localDate);
    if (record === undefined) return true; // released meanwhile: ask again
    if (record.state !== 'claimed') {
      await this.apply(plan, occurrence, record);
      return true;
    }
    if (!isStaleClaim(record, clock.now())) {
      logger.debug(
        { planId: plan.id, occurrence: occurrence.localDate },
        'occurrence claimed elsewhere',
      );
      return false;
    }
    const interrupted = this.missed(occurrence, 'interrupted');
    if (await plans.settleClaim(plan.id, occurrence.localDate, record, interrupted)) {
      logger.warn({ planId: plan.id, occurrence: occurrence.localDate }, 'took over a stale claim');
      await this.apply(plan, occurrence, interrupted);
    }
    return true;
  }

  private missed(
    occurrence: Occurrence,
    reason: MissReason,
    pause?: PauseReason,
    detail?: string,
  ): SettledOccurrence {
    return {
      state: 'missed',
      miss: {
        localDate: occurrence.localDate,
        scheduledAt: occurrence.at.toISOString(),
        reason,
        at: this.options.clock.now().toISOString(),
        ...(detail !== undefined && { detail: detail.slice(0, 200) }),
      },
      ...(pause !== undefined && { pause }),
    };
  }

  private async apply(plan: ReadingPlan, occurrence: Occurrence, outcome: SettledOccurrence) {
    const { plans } = this.options;
    // `update` hands back the stored plan when the outcome was already applied: undefined = gone.
    const updated = await plans.update(plan.id, (current) =>
      applyOutcome(current, occurrence, outcome),
    );
    if (updated?.state === 'finished') await plans.releaseChannel(updated);
    if (updated) this.options.onPlanChanged(updated);
    return updated;
  }

  /**
   * The plan first, then the record: a crash in between leaves a claim that goes stale, and
   * taking it over changes nothing since the plan is already past the occurrence. A plan
   * stopped meanwhile keeps no record.
   */
  private async settle(plan: ReadingPlan, occurrence: Occurrence, outcome: SettledOccurrence) {
    if (await this.apply(plan, occurrence, outcome)) {
      await this.options.plans.settleOccurrence(plan.id, occurrence.localDate, outcome);
    } else {
      await this.options.plans.releaseOccurrence(plan.id, occurrence.localDate);
    }
  }
}

/** What follows a closing prompt: the recap is out, a failure here is not worth failing the week. */
async function afterClosing(
  log: Logger,
  failure: string,
  work: () => Promise<unknown> | undefined,
) {
  try {
    await work();
  } catch (error) {
    log.warn({ err: error }, failure);
  }
}

/** An error in a line for the organiser: its HTTP status when Discord gave one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number' ? `HTTP ${status}: ${error.message}` : error.message;
  }
  return String(error);
}
