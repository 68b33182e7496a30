import { randomUUID } from 'node:crypto';
import type { Library } from '../content/library';
import type { Text } from '../content/text';
import { UserError } from '../errors/user-error';
import type { Locale } from '../i18n/locale';
import type { Lifecycle } from '../lifecycle';
import type { MessageView } from '../render/view';
import type { Clock } from '../time/clock';
import { pendingOccurrence } from './core/due-occurrences';
import type { Occurrence, ReadingPlan, WeeklySchedule } from './core/plan';
import type { PlanStore } from './plan-store';
import type { PostOutcome, ReadingScheduler } from './reading-scheduler';
import { renderPlanPrompt } from './core/render-prompt';
import type { PlanSummary } from './core/render-status';

/** What `/reading start` asks for, once parsed and checked. */
export interface NewPlan extends WeeklySchedule {
  readonly guildId: string;
  readonly channelId: string;
  readonly textId: string;
  readonly firstSection: number;
  readonly roleId: string | undefined;
  readonly thread: boolean;
  readonly locale: Locale;
  readonly createdBy: string;
}

/** Reading plans as the `/reading` command works with them; also the scheduler's lifecycle. */
export interface ReadingService extends Lifecycle {
  /** Stores and arms a plan; refuses a second plan in the same channel. */
  createPlan(input: NewPlan): Promise<{ plan: ReadingPlan; first: Occurrence }>;
  get(planId: string): Promise<ReadingPlan | undefined>;
  plansOfGuild(guildId: string): Promise<ReadingPlan[]>;
  status(guildId: string): Promise<PlanSummary[]>;
  /** The next occurrence of an active plan. */
  nextOccurrence(plan: ReadingPlan): Occurrence | undefined;
  /** The next prompt as it will be posted, minus the ping (a preview notifies nobody). */
  preview(plan: ReadingPlan, locale: Locale): MessageView;
  /** Posts the next prompt now; the schedule goes on with the following week. */
  postNext(plan: ReadingPlan): Promise<PostOutcome>;
  /** Skips the next occurrence; returns it. */
  skip(plan: ReadingPlan): Promise<Occurrence>;
  pause(plan: ReadingPlan): Promise<ReadingPlan>;
  resume(plan: ReadingPlan): Promise<ReadingPlan>;
  /** Deletes the plan; its channel is free for a new one. */
  stopPlan(plan: ReadingPlan): Promise<void>;
}

export interface ReadingServiceOptions {
  readonly plans: PlanStore;
  readonly scheduler: ReadingScheduler;
  readonly library: Library;
  readonly clock: Clock;
  /** Whether a closing poll will follow the recap (the poll feature is wired in). */
  readonly closingPollAvailable: boolean;
}

export function createReadingService(options: ReadingServiceOptions): ReadingService {
  const { plans, scheduler, library, clock } = options;

  const textOf = (plan: ReadingPlan): Text => {
    const text = library.byId.get(plan.textId);
    if (!text) throw new UserError('reading.textMissing', { text: plan.textId });
    return text;
  };

  const requireActive = (plan: ReadingPlan) => {
    if (plan.state === 'finished')
      throw new UserError('reading.finished', { channel: `<#${plan.channelId}>` });
    if (plan.state === 'paused')
      throw new UserError('reading.isPaused', { channel: `<#${plan.channelId}>` });
  };

  /** Applies a change to the stored plan; gone meanwhile (stopped elsewhere) is the user's news. */
  async function change(
    plan: ReadingPlan,
    edit: (current: ReadingPlan) => ReadingPlan | undefined,
  ) {
    const updated = await plans.update(plan.id, edit);
    if (!updated)
      throw new UserError('reading.noPlanInChannel', { channel: `<#${plan.channelId}>` });
    return updated;
  }

  return {
    name: 'readings',
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),

    async createPlan(input) {
      const plan: ReadingPlan = {
        ...input,
        id: randomUUID(),
        createdAt: clock.now().toISOString(),
        nextSection: input.firstSection,
        state: 'active',
        pauseReason: undefined,
        anchor: clock.now().toISOString(),
        posts: [],
        misses: [],
      };
      if (!(await plans.create(plan))) {
        throw new UserError('reading.channelTaken', { channel: `<#${plan.channelId}>` });
      }
      scheduler.arm(plan);
      return { plan, first: pendingOccurrence(plan) };
    },

    get: (planId) => plans.get(planId),
    plansOfGuild: (guildId) => plans.ofGuild(guildId),

    async status(guildId) {
      return (await plans.ofGuild(guildId)).map((plan) => ({
        plan,
        text: library.byId.get(plan.textId),
        next: plan.state === 'active' ? pendingOccurrence(plan) : undefined,
      }));
    },

    nextOccurrence: (plan) => (plan.state === 'active' ? pendingOccurrence(plan) : undefined),

    preview(plan, locale) {
      if (plan.state === 'finished') {
        throw new UserError('reading.finished', { channel: `<#${plan.channelId}>` });
      }
      const sectionsRead = plan.posts.filter((post) => post.subject.kind === 'section').length;
      const { view } = renderPlanPrompt(plan, textOf(plan), {
        locale,
        pollFollows: options.closingPollAvailable && sectionsRead >= 2,
      });
      return { ...view, pingRoles: [] };
    },

    async postNext(plan) {
      requireActive(plan);
      textOf(plan);
      return scheduler.postPending(plan.id);
    },

    async skip(plan) {
      requireActive(plan);
      const skipped = await scheduler.skipPending(plan.id);
      if (!skipped) throw new UserError('reading.busy', { channel: `<#${plan.channelId}>` });
      return skipped;
    },

    async pause(plan) {
      requireActive(plan);
      const paused = await change(plan, (current) =>
        current.state === 'active'
          ? { ...current, state: 'paused', pauseReason: 'manual' }
          : undefined,
      );
      scheduler.disarm(plan.id);
      return paused;
    },

    async resume(plan) {
      if (plan.state !== 'paused') {
        throw new UserError(plan.state === 'finished' ? 'reading.finished' : 'reading.notPaused', {
          channel: `<#${plan.channelId}>`,
        });
      }
      textOf(plan);
      // Weeks that went by while paused are not owed: the schedule restarts from now.
      const now = clock.now().toISOString();
      const resumed = await change(plan, (current) =>
        current.state === 'paused'
          ? {
              ...current,
              state: 'active',
              pauseReason: undefined,
              anchor: current.anchor > now ? current.anchor : now,
            }
          : undefined,
      );
      scheduler.arm(resumed);
      return resumed;
    },

    async stopPlan(plan) {
      scheduler.disarm(plan.id);
      await plans.remove(plan);
    },
  };
}
