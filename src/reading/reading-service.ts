import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config';
import type { Text } from '../content/text';
import { UserError } from '../errors/user-error';
import type { Locale } from '../i18n/locale';
import type { Lifecycle } from '../lifecycle';
import type { MessageView } from '../render/view';
import { nextSubject, pendingOccurrence } from './core/due-occurrences';
import type { Occurrence, ReadingPlan, SessionSettings, WeeklySchedule } from './core/plan';
import { nextSession } from './core/sessions';
import { SessionStore } from './session-store';
import { DEFAULT_ON_TIME_MS } from './core/due-occurrences';
import { PlanStore } from './plan-store';
import { ReadMarks } from './read-marks';
import { readButtons } from './core/read-marks';
import { renderProgress } from './core/render-progress';
import { CoalescedRefresh } from '../time/coalesced-refresh';
import { translate } from '../i18n/translate';
import {
  ReadingScheduler,
  type PostOutcome,
  type ReadingSchedulerOptions,
} from './reading-scheduler';
import type { Store } from '../store/store';
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
  readonly sessions?: SessionSettings;
}

/** What the scheduler needs, but the plan store and the due policy, which are built here. */
export interface ReadingServiceOptions extends Omit<
  ReadingSchedulerOptions,
  'plans' | 'sessions' | 'policy'
> {
  readonly config: Pick<Config, 'READING_GRACE_HOURS'>;
  readonly store: Store;
  /** Least time between two edits of one prompt's read count. */
  readonly readCountIntervalMs?: number;
}

/**
 * Reading plans as the `/reading` command works with them, wired to their store and their
 * scheduler, whose lifecycle this is.
 */
export class ReadingService implements Lifecycle {
  readonly name = 'readings';
  private readonly plans: PlanStore;
  private readonly marks: ReadMarks;
  private readonly scheduler: ReadingScheduler;
  /** Read counts shown on prompts: a burst of clicks costs a few edits. */
  private readonly readCounts: CoalescedRefresh;

  constructor(private readonly options: ReadingServiceOptions) {
    this.plans = new PlanStore(options.store);
    this.marks = new ReadMarks(options.store);
    this.readCounts = new CoalescedRefresh(
      (key) => this.showReadCount(key),
      options.readCountIntervalMs ?? 3000,
      (key, error) => {
        options.logger.warn({ err: error, week: key }, 'could not update a read count');
      },
    );
    this.scheduler = new ReadingScheduler({
      ...options,
      plans: this.plans,
      sessions: new SessionStore(options.store),
      policy: {
        graceMs: options.config.READING_GRACE_HOURS * 3_600_000,
        onTimeMs: DEFAULT_ON_TIME_MS,
      },
    });
  }

  start(): Promise<void> {
    return this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.readCounts.flush();
  }

  /** Stores and arms a plan; refuses a second plan in the same channel. */
  async createPlan(input: NewPlan): Promise<{ plan: ReadingPlan; first: Occurrence }> {
    const now = this.options.clock.now().toISOString();
    const plan: ReadingPlan = {
      ...input,
      id: randomUUID(),
      createdAt: now,
      nextSection: input.firstSection,
      state: 'active',
      pauseReason: undefined,
      anchor: now,
      posts: [],
      misses: [],
    };
    if (!(await this.plans.create(plan))) {
      throw new UserError('reading.channelTaken', { channel: `<#${plan.channelId}>` });
    }
    this.scheduler.arm(plan);
    await this.scheduler.followSessions(plan.id);
    return { plan, first: pendingOccurrence(plan) };
  }

  get(planId: string): Promise<ReadingPlan | undefined> {
    return this.plans.get(planId);
  }

  plansOfGuild(guildId: string): Promise<ReadingPlan[]> {
    return this.plans.ofGuild(guildId);
  }

  /** Whether the server has a reading plan or had one (stopped since): proposals go with plans. */
  hasHadPlan(guildId: string): Promise<boolean> {
    return this.plans.hadPlan(guildId);
  }

  /** The server's plans that read this text and have not finished (active or paused). */
  async plansReading(guildId: string, textId: string): Promise<ReadingPlan[]> {
    return (await this.plans.ofGuild(guildId)).filter(
      (plan) => plan.textId === textId && plan.state !== 'finished',
    );
  }

  async status(guildId: string): Promise<PlanSummary[]> {
    return Promise.all(
      (await this.plans.ofGuild(guildId)).map(async (plan) => {
        const reads = new Map<string, number>();
        for (const mark of await this.marks.ofPlan(plan.id)) {
          reads.set(mark.localDate, (reads.get(mark.localDate) ?? 0) + 1);
        }
        const text = await this.options.texts.textOf(plan.guildId, plan.textId);
        return {
          plan,
          text,
          next: plan.state === 'active' ? pendingOccurrence(plan) : undefined,
          reads,
          session: nextSession(plan, text?.sections.length ?? 0, this.options.clock.now()),
        };
      }),
    );
  }

  /**
   * A click on a prompt's "I've read it": marks the week read for the member, or takes the mark
   * back; the prompt's count follows.
   */
  async markRead(
    userId: string,
    planId: string,
    localDate: string,
    locale: Locale,
  ): Promise<MessageView> {
    const plan = await this.plans.get(planId);
    const section = plan && (await this.postedSection(plan, localDate));
    if (plan === undefined || section === undefined) throw new UserError('error.staleButton');
    const done = await this.marks.toggle(
      planId,
      localDate,
      userId,
      this.options.clock.now().getTime(),
    );
    this.readCounts.request(`${planId}:${localDate}`);
    return {
      content: translate(
        locale,
        done === 'marked' ? 'reading.read.marked' : 'reading.read.unmarked',
        {
          title:
            (await this.options.texts.textOf(plan.guildId, plan.textId))?.sections[section - 1]
              ?.title ?? `§${section}`,
        },
      ),
    };
  }

  /** `/reading progress`: what this member has read of the plan, and what comes next. */
  async progress(userId: string, plan: ReadingPlan, locale: Locale): Promise<MessageView> {
    const read = new Set(
      (await this.marks.ofPlan(plan.id))
        .filter((mark) => mark.userId === userId)
        .map((mark) => mark.localDate),
    );
    const next = plan.state === 'active' ? pendingOccurrence(plan).at : undefined;
    return renderProgress(plan, await this.textOf(plan), read, next, locale);
  }

  /** Shows a week's read count on its prompt soon (`<planId>:<localDate>`, coalesced). */
  requestReadCount(week: string): void {
    this.readCounts.request(week);
  }

  /** The next occurrence of an active plan. */
  nextOccurrence(plan: ReadingPlan): Occurrence | undefined {
    return plan.state === 'active' ? pendingOccurrence(plan) : undefined;
  }

  /** The next prompt as it will be posted, minus the ping (a preview notifies nobody). */
  async preview(plan: ReadingPlan, locale: Locale): Promise<MessageView> {
    if (plan.state === 'finished') {
      throw new UserError('reading.finished', { channel: `<#${plan.channelId}>` });
    }
    const sectionsRead = plan.posts.filter((post) => post.subject.kind === 'section').length;
    const { view } = renderPlanPrompt(plan, await this.textOf(plan), {
      locale,
      pollFollows: this.options.closingPoll !== undefined && sectionsRead >= 2,
    });
    return { ...view, pingRoles: [] };
  }

  /** Posts the next prompt now; the schedule goes on with the following week. */
  async postNext(plan: ReadingPlan): Promise<PostOutcome> {
    requireActive(plan);
    await this.textOf(plan);
    return this.scheduler.postPending(plan.id);
  }

  /** Skips the next occurrence; returns it. */
  async skip(plan: ReadingPlan): Promise<Occurrence> {
    requireActive(plan);
    const skipped = await this.scheduler.skipPending(plan.id);
    if (!skipped) throw new UserError('reading.busy', { channel: `<#${plan.channelId}>` });
    return skipped;
  }

  async pause(plan: ReadingPlan): Promise<ReadingPlan> {
    requireActive(plan);
    const paused = await this.change(plan, (current) =>
      current.state === 'active'
        ? { ...current, state: 'paused', pauseReason: 'manual' }
        : undefined,
    );
    this.scheduler.disarm(plan.id);
    await this.scheduler.followSessions(plan.id);
    return paused;
  }

  async resume(plan: ReadingPlan): Promise<ReadingPlan> {
    if (plan.state !== 'paused') {
      throw new UserError(plan.state === 'finished' ? 'reading.finished' : 'reading.notPaused', {
        channel: `<#${plan.channelId}>`,
      });
    }
    await this.textOf(plan);
    // Weeks that went by while paused are not owed: the schedule restarts from now.
    const now = this.options.clock.now().toISOString();
    const resumed = await this.change(plan, (current) =>
      current.state === 'paused'
        ? {
            ...current,
            state: 'active',
            pauseReason: undefined,
            anchor: current.anchor > now ? current.anchor : now,
          }
        : undefined,
    );
    this.scheduler.arm(resumed);
    await this.scheduler.followSessions(plan.id);
    return resumed;
  }

  /** Deletes the plan, cancelling its coming events; its channel is free for a new one. */
  async stopPlan(plan: ReadingPlan): Promise<void> {
    this.scheduler.disarm(plan.id);
    await this.scheduler.forgetSessions(plan);
    await this.plans.remove(plan);
    await this.marks.removePlan(plan.id);
  }

  /**
   * The section a week's prompt quotes: recorded with the post, or, in the moment between the
   * prompt going out and its post being recorded (members click fast), the one being posted.
   */
  private async postedSection(plan: ReadingPlan, localDate: string): Promise<number | undefined> {
    const post = plan.posts.find((entry) => entry.localDate === localDate);
    if (post !== undefined)
      return post.subject.kind === 'section' ? post.subject.section : undefined;
    const record = await this.plans.occurrence(plan.id, localDate);
    const sections =
      (await this.options.texts.textOf(plan.guildId, plan.textId))?.sections.length ?? 0;
    const subject = nextSubject(plan, sections);
    return record?.state === 'claimed' && subject.kind === 'section' ? subject.section : undefined;
  }

  /** Shows a week's read count on its prompt, as the store has it now. */
  private async showReadCount(week: string): Promise<void> {
    const [planId = '', localDate = ''] = week.split(':');
    const plan = await this.plans.get(planId);
    if (plan === undefined) return;
    const post = plan.posts.find((entry) => entry.localDate === localDate);
    // Posted but not yet recorded: failing makes the refresh try again a moment later.
    if (post === undefined) throw new Error(`the prompt of ${week} is not recorded yet`);
    const locale = this.options.poster.guildLocale(plan.guildId) ?? plan.locale;
    const readers = await this.marks.count(planId, localDate);
    await this.options.poster.showButtons(
      plan.channelId,
      post.messageId,
      readButtons(planId, localDate, readers, locale),
    );
  }

  private async textOf(plan: ReadingPlan): Promise<Text> {
    const text = await this.options.texts.textOf(plan.guildId, plan.textId);
    if (!text) throw new UserError('reading.textMissing', { text: plan.textId });
    return text;
  }

  /** Applies a change to the stored plan; gone meanwhile (stopped elsewhere) is the user's news. */
  private async change(
    plan: ReadingPlan,
    edit: (current: ReadingPlan) => ReadingPlan | undefined,
  ): Promise<ReadingPlan> {
    const updated = await this.plans.update(plan.id, edit);
    if (!updated) {
      throw new UserError('reading.noPlanInChannel', { channel: `<#${plan.channelId}>` });
    }
    return updated;
  }
}

function requireActive(plan: ReadingPlan): void {
  if (plan.state === 'finished') {
    throw new UserError('reading.finished', { channel: `<#${plan.channelId}>` });
  }
  if (plan.state === 'paused') {
    throw new UserError('reading.isPaused', { channel: `<#${plan.channelId}>` });
  }
}
