import { createHash, randomUUID } from 'node:crypto';
import type { Text } from '../content/text';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import type { DuePolicy } from './core/due-occurrences';
import type { ReadingPlan } from './core/plan';
import {
  decideEvent,
  eventDueAt,
  renderSessionEvent,
  type EventRecord,
  type SessionEvent,
} from './core/session-event';
import {
  decideReminder,
  reminderAt,
  renderReminder,
  type ReminderRecord,
  type ReminderSkip,
} from './core/session-reminder';
import { sessionOf, weeksToFollow, type Session } from './core/sessions';
import { describeError } from './occurrence-worker';
import type { PlanStore } from './plan-store';
import { CalendarRefused, type PromptPoster, type SessionCalendar, type TextSource } from './ports';
import type { SessionStore, SessionTask } from './session-store';

export interface SessionKeeperOptions {
  readonly plans: PlanStore;
  readonly sessions: SessionStore;
  readonly texts: TextSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly policy: DuePolicy;
  /** Posting prompts and reminders (used once background work has started). */
  readonly poster: PromptPoster;
  /** The server's calendar; absent, sessions have no events (reminders still go out). */
  readonly calendar: SessionCalendar | undefined;
}

/**
 * Each week's session of a plan: its Discord scheduled event, created a week ahead and kept in
 * line with the plan (skipped, paused, resumed, advanced, stopped), and its reminder, posted once
 * in the week's thread. Every create and every reminder is claimed in the store first, so two
 * processes or a restart never double one; the work comes due through the sessions' index, so its
 * cost follows what is due. The scheduler runs it one plan at a time in this process.
 */
export class SessionKeeper {
  private readonly instanceId = randomUUID();

  constructor(private readonly options: SessionKeeperOptions) {}

  /**
   * Brings the events of the plan's current weeks in line with the plan, and indexes the work
   * their sessions will need (an event to create a week ahead, a reminder): the tasks returned.
   */
  async follow(planId: string, again = true): Promise<SessionTask[]> {
    const { plans, sessions, clock } = this.options;
    const plan = await plans.get(planId);
    const text = plan?.sessions && (await this.textOf(plan));
    if (plan?.sessions === undefined || text === undefined) return [];
    const now = clock.now();
    const tasks: SessionTask[] = [];
    let created = false;
    for (const week of weeksToFollow(plan)) {
      const session = sessionOf(plan, week, text.sections.length);
      created = (await this.syncEvent(plan, text, week, session)) || created;
      if (session === undefined || session.startAt <= now) continue;
      for (const task of this.tasksOf(plan, session)) {
        // An event due already was just created. A reminder whose time went by while its prompt
        // was late still goes out (within the grace), unless it already did.
        const pending =
          task.at > now.getTime() ||
          (task.kind === 'remind' &&
            (await sessions.reminder(plan.id, session.localDate)) === undefined);
        if (pending) tasks.push(task);
      }
    }
    for (const task of tasks) await sessions.schedule(task);
    // The plan may have changed while the event was being created (a skip elsewhere).
    return created && again ? [...tasks, ...(await this.follow(planId, false))] : tasks;
  }

  /** Runs a task of the sessions' index that came due; resolves with the tasks it indexed. */
  async run(task: SessionTask): Promise<SessionTask[]> {
    const { sessions } = this.options;
    const indexed = task.kind === 'event' ? await this.follow(task.planId) : [];
    if (task.kind === 'remind' && (await this.remind(task)) === 'wait') return indexed;
    await sessions.done(task);
    return indexed;
  }

  /** Cancels the plan's coming events and forgets its sessions: `/reading stop`. */
  async forget(plan: ReadingPlan): Promise<void> {
    const { sessions, calendar, clock } = this.options;
    for (const [week, record] of await sessions.eventsOf(plan.id)) {
      if (record.state !== 'scheduled' || Date.parse(record.shown.startAt) <= clock.now().getTime())
        continue;
      await this.apply(plan, week, record, { state: 'cancelled', eventId: record.eventId }, () =>
        calendar?.cancel(plan.guildId, record.eventId),
      );
    }
    await sessions.removePlan(plan.id);
  }

  /** A week's event as it should be: created, updated or cancelled. True when it was created. */
  private async syncEvent(
    plan: ReadingPlan,
    text: Text,
    week: string,
    session: Session | undefined,
  ): Promise<boolean> {
    const { sessions, calendar, clock } = this.options;
    const place = plan.sessions?.place;
    if (place === undefined || calendar === undefined) return false;
    const record = await sessions.event(plan.id, week);
    const desired =
      session === undefined
        ? undefined
        : renderSessionEvent(plan, text, session, place, this.localeOf(plan));
    const action = decideEvent(record, desired, clock.now());
    switch (action.kind) {
      case 'none':
        return false;
      case 'create':
        return this.create(plan, week, action.event);
      case 'update':
        await this.apply(
          plan,
          week,
          record,
          { state: 'scheduled', eventId: action.eventId, shown: action.event },
          () => calendar.update(plan.guildId, action.eventId, action.changes, action.event),
        );
        return false;
      case 'cancel':
        await this.apply(plan, week, record, { state: 'cancelled', eventId: action.eventId }, () =>
          calendar.cancel(plan.guildId, action.eventId),
        );
        return false;
    }
  }

  /**
   * Creates a week's event under a claim. Without the permission (as the bot's cache tells),
   * nothing is asked of Discord and nothing is recorded: a later week tries again. A refusal from
   * Discord is recorded, so that week is not tried again (one warning, no retry storm).
   */
  private async create(plan: ReadingPlan, week: string, event: SessionEvent): Promise<boolean> {
    const { sessions, calendar, clock, logger } = this.options;
    const log = logger.child({ planId: plan.id, week });
    const missing = calendar?.missingPermissions(plan.guildId, event.place) ?? [];
    if (calendar === undefined || missing.length > 0) {
      log.debug({ missing }, 'no session event: missing permissions');
      return false;
    }
    const claim = { state: 'claimed', by: this.instanceId, at: clock.now().toISOString() } as const;
    if (!(await sessions.claimEvent(plan.id, week, claim))) return false;
    try {
      const eventId = await calendar.create(plan.guildId, event);
      await sessions.setEvent(plan.id, week, claim, { state: 'scheduled', eventId, shown: event });
      log.info({ eventId }, 'session event created');
      return true;
    } catch (error) {
      await sessions.setEvent(plan.id, week, claim, {
        state: 'failed',
        detail: describeError(error).slice(0, 200),
        at: clock.now().toISOString(),
      });
      log.warn({ err: error }, 'session event not created');
      return false;
    }
  }

  /** Changes an event on Discord, then records it; an event a member ended or deleted is gone. */
  private async apply(
    plan: ReadingPlan,
    week: string,
    before: EventRecord | undefined,
    after: Extract<EventRecord, { eventId: string }>,
    request: () => Promise<void> | undefined,
  ): Promise<void> {
    const { sessions, logger } = this.options;
    const log = logger.child({ planId: plan.id, week, eventId: after.eventId });
    try {
      await request();
      await sessions.setEvent(plan.id, week, before, after);
      log.info({ state: after.state }, 'session event changed');
    } catch (error) {
      if (error instanceof CalendarRefused && error.reason === 'gone') {
        await sessions.setEvent(plan.id, week, before, { state: 'gone', eventId: after.eventId });
        log.info('session event ended or deleted on Discord: left alone');
      } else {
        // Tried again at the plan's next change; a refusal is not worth more requests.
        log.warn({ err: error }, 'session event not changed');
      }
    }
  }

  /** The work a session will need, each at its time. */
  private tasksOf(plan: ReadingPlan, session: Session): SessionTask[] {
    const base = { guildId: plan.guildId, planId: plan.id, localDate: session.localDate };
    const remindMs = plan.sessions?.remindMs;
    return [
      ...(plan.sessions?.place === undefined
        ? []
        : [{ ...base, kind: 'event' as const, at: eventDueAt(session) }]),
      ...(remindMs === undefined
        ? []
        : [{ ...base, kind: 'remind' as const, at: reminderAt(session, remindMs) }]),
    ];
  }

  /**
   * Posts a week's reminder in its thread, once: claimed first, in any process. Skipped when too
   * late (Tribune was down past the grace) or once the session has begun. 'wait': its prompt is
   * not out yet; the task stays for the next reconciliation.
   */
  private async remind(task: SessionTask): Promise<'done' | 'wait'> {
    const { plans, sessions, clock, policy, logger } = this.options;
    const plan = await plans.get(task.planId);
    const text = plan && (await this.textOf(plan));
    if (plan === undefined || text === undefined) return 'done';
    const log = logger.child({ planId: plan.id, week: task.localDate });
    const decision = decideReminder(
      plan,
      task.localDate,
      text.sections.length,
      clock.now(),
      policy,
    );
    if (decision.kind === 'wait' || decision.kind === 'drop') {
      return decision.kind === 'wait' ? 'wait' : 'done';
    }
    if (decision.kind === 'skip') {
      if (await sessions.claimReminder(plan.id, task.localDate, this.skipped(decision.reason))) {
        log.info({ reason: decision.reason }, 'reading reminder skipped');
      }
      return 'done';
    }
    const claim: ReminderRecord = {
      state: 'claimed',
      by: this.instanceId,
      at: clock.now().toISOString(),
    };
    if (!(await sessions.claimReminder(plan.id, task.localDate, claim))) {
      log.debug('reading reminder claimed elsewhere');
      return 'done';
    }
    const { session } = decision;
    const view = renderReminder(plan, text, session, this.localeOf(plan));
    const nonce = createHash('sha256')
      .update(`reminder:${plan.id}:${task.localDate}`)
      .digest('hex')
      .slice(0, 25);
    try {
      const messageId = await this.options.poster.postInThread(
        session.threadId ?? plan.channelId,
        view,
        nonce,
      );
      await sessions.settleReminder(plan.id, task.localDate, {
        state: 'posted',
        messageId,
        at: clock.now().toISOString(),
      });
      log.info({ messageId }, 'reading reminder posted');
    } catch (error) {
      await sessions.settleReminder(plan.id, task.localDate, this.skipped('failed'));
      log.warn({ err: error }, 'reading reminder not posted');
    }
    return 'done';
  }

  private skipped(reason: ReminderSkip): ReminderRecord {
    return { state: 'skipped', reason, at: this.options.clock.now().toISOString() };
  }

  private textOf(plan: ReadingPlan): Promise<Text | undefined> {
    return this.options.texts.textOf(plan.guildId, plan.textId);
  }

  private localeOf(plan: ReadingPlan) {
    return this.options.poster.guildLocale(plan.guildId) ?? plan.locale;
  }
}
