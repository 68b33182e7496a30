import type { Store } from '../store/store';
import type { EventRecord } from './core/session-event';
import type { ReminderRecord } from './core/session-reminder';

/** Work on a week's session, due at a time: create its event a week ahead, post its reminder. */
export interface SessionTask {
  readonly at: number;
  readonly guildId: string;
  readonly planId: string;
  readonly localDate: string;
  readonly kind: 'event' | 'remind';
}

const TASK_PREFIX = 'reading:session-due:';
/** Epoch milliseconds padded to a fixed width, so keys order by time (as the plans' due index). */
const dueTime = (at: number) => String(Math.max(0, at)).padStart(15, '0');
const eventKey = (planId: string, localDate: string) => `reading:event:${planId}:${localDate}`;
const reminderKey = (planId: string, localDate: string) =>
  `reading:reminder:${planId}:${localDate}`;

export function taskKey(task: SessionTask): string {
  return `${TASK_PREFIX}${dueTime(task.at)}:${task.guildId}:${task.planId}:${task.localDate}:${task.kind}`;
}

/**
 * Reading sessions in the store. Key layout (every key below is prefixed `reading:`):
 *
 * | key                                                 | value          | written with           |
 * |-----------------------------------------------------|----------------|------------------------|
 * | `event:<planId>:<localDate>`                        | EventRecord    | claimed by `update`    |
 * |                                                     |                | (compare-and-set)      |
 * | `reminder:<planId>:<localDate>`                     | ReminderRecord | `setIfAbsent` (claim)  |
 * | `session-due:<at>:<guild>:<plan>:<localDate>:<kind>`| `{}`           | `set`: index of work   |
 *
 * The week is its prompt's local date. The index, like the plans' due index, lets the scheduler
 * read only the work due now, whatever the number of plans; an entry is deleted once done, and an
 * entry whose plan is gone is dropped when it comes due. Entries are written after every change
 * of a plan, for its current weeks: one lost to a crash in between is written again at the plan's
 * next change (its next prompt at the latest, which is before that week's reminder).
 */
export class SessionStore {
  constructor(private readonly store: Store) {}

  /** Session work due before `before` (epoch ms), earliest first. */
  async dueBefore(before: number): Promise<SessionTask[]> {
    const keys = await this.store.keysBetween(TASK_PREFIX, `${TASK_PREFIX}${dueTime(before)}`);
    return keys.flatMap((key) => {
      const [at = '', guildId = '', planId = '', localDate = '', kind = ''] = key
        .slice(TASK_PREFIX.length)
        .split(':');
      return kind === 'event' || kind === 'remind'
        ? [{ at: Number(at), guildId, planId, localDate, kind }]
        : [];
    });
  }

  async schedule(task: SessionTask): Promise<void> {
    await this.store.set(taskKey(task), {});
  }

  async done(task: SessionTask): Promise<void> {
    await this.store.delete(taskKey(task));
  }

  event(planId: string, localDate: string): Promise<EventRecord | undefined> {
    return this.store.get<EventRecord>(eventKey(planId, localDate));
  }

  /**
   * Claims the creation of a week's event: true for the one caller, in any process, that moved
   * the record from absent (or cancelled by Tribune) to its claim.
   */
  async claimEvent(
    planId: string,
    localDate: string,
    claim: Extract<EventRecord, { state: 'claimed' }>,
  ): Promise<boolean> {
    const after = await this.store.update<EventRecord>(eventKey(planId, localDate), (current) =>
      current === undefined || current.state === 'cancelled' ? claim : undefined,
    );
    return JSON.stringify(after) === JSON.stringify(claim);
  }

  /** Records a week's event as it now stands, unless `expected` no longer is what is stored. */
  async setEvent(
    planId: string,
    localDate: string,
    expected: EventRecord | undefined,
    record: EventRecord | undefined,
  ): Promise<void> {
    const key = eventKey(planId, localDate);
    if (record === undefined) {
      if (JSON.stringify(await this.store.get(key)) === JSON.stringify(expected)) {
        await this.store.delete(key);
      }
      return;
    }
    await this.store.update<EventRecord>(key, (current) =>
      JSON.stringify(current) === JSON.stringify(expected) ? record : undefined,
    );
  }

  /** Every event record of a plan (one per week it had a session): what `/reading stop` cancels. */
  async eventsOf(planId: string): Promise<[string, EventRecord][]> {
    const prefix = `reading:event:${planId}:`;
    return (await this.store.entries<EventRecord>(prefix)).map(([key, record]) => [
      key.slice(prefix.length),
      record,
    ]);
  }

  /** Claims a week's reminder; true for the one caller, in any process, that may post it. */
  claimReminder(planId: string, localDate: string, record: ReminderRecord): Promise<boolean> {
    return this.store.setIfAbsent(reminderKey(planId, localDate), record);
  }

  reminder(planId: string, localDate: string): Promise<ReminderRecord | undefined> {
    return this.store.get<ReminderRecord>(reminderKey(planId, localDate));
  }

  settleReminder(planId: string, localDate: string, record: ReminderRecord): Promise<void> {
    return this.store.set(reminderKey(planId, localDate), record);
  }

  /** Forgets a stopped plan's events and reminders (its index entries go when they come due). */
  async removePlan(planId: string): Promise<void> {
    await this.store.deletePrefix(`reading:event:${planId}:`);
    await this.store.deletePrefix(`reading:reminder:${planId}:`);
  }
}
