import type { Store } from '../store/store';
import { readClick, type ReadMark } from './core/read-marks';

const PREFIX = 'reading:read:';
const weekPrefix = (planId: string, localDate: string) => `${PREFIX}${planId}:${localDate}:`;
const markKey = (planId: string, localDate: string, userId: string) =>
  `${weekPrefix(planId, localDate)}${userId}`;

/** A member's mark, where it is: plan, week, member. */
export interface MarkOf {
  readonly planId: string;
  readonly localDate: string;
  readonly userId: string;
}

function parse(key: string): MarkOf | undefined {
  const [planId, localDate, userId] = key.slice(PREFIX.length).split(':');
  return planId && localDate && userId ? { planId, localDate, userId } : undefined;
}

/**
 * Members' "I've read it" marks: `reading:read:<planId>:<localDate>:<userId>` → `{ at }`, one key
 * per member and week, so members marking at once never write the same key. Counted by listing
 * keys; removed with the plan, or with the member (`/privacy delete`).
 */
export class ReadMarks {
  constructor(private readonly store: Store) {}

  /** Marks or unmarks a week for a member; what it did. */
  async toggle(
    planId: string,
    localDate: string,
    userId: string,
    now: number,
  ): Promise<'marked' | 'unmarked'> {
    const key = markKey(planId, localDate, userId);
    const mark: ReadMark = { at: now };
    if (await this.store.setIfAbsent(key, mark)) return 'marked';
    const current = await this.store.get<ReadMark>(key);
    switch (readClick(current, now)) {
      case 'mark':
        // Unmarked meanwhile (another click): mark again.
        return (await this.store.setIfAbsent(key, mark)) ? 'marked' : 'unmarked';
      case 'repeat':
        return 'marked';
      case 'unmark':
        await this.store.delete(key);
        return 'unmarked';
    }
  }

  /** How many members marked a week. */
  async count(planId: string, localDate: string): Promise<number> {
    return (await this.store.keys(weekPrefix(planId, localDate))).length;
  }

  /** Every mark of a plan, by week. */
  async ofPlan(planId: string): Promise<MarkOf[]> {
    return (await this.store.keys(`${PREFIX}${planId}:`)).flatMap((key) => parse(key) ?? []);
  }

  /** Every mark of a member, in every plan of every server (`/privacy`). */
  async ofUser(userId: string): Promise<MarkOf[]> {
    return (await this.store.keys(PREFIX))
      .flatMap((key) => parse(key) ?? [])
      .filter((mark) => mark.userId === userId);
  }

  async erase(marks: readonly MarkOf[]): Promise<void> {
    for (const mark of marks) {
      await this.store.delete(markKey(mark.planId, mark.localDate, mark.userId));
    }
  }

  async removePlan(planId: string): Promise<void> {
    await this.store.deletePrefix(`${PREFIX}${planId}:`);
  }
}
