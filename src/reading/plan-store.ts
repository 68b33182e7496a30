import type { Store } from '../store/store';
import type { OccurrenceRecord, SettledOccurrence } from './core/occurrence-outcome';
import { pendingOccurrence } from './core/due-occurrences';
import type { ReadingPlan } from './core/plan';

const planKey = (planId: string) => `reading:plan:${planId}`;
const guildIndexKey = (guildId: string, planId: string) =>
  `reading:guild-plan:${guildId}:${planId}`;
const channelKey = (channelId: string) => `reading:channel-plan:${channelId}`;
const guildHistoryKey = (guildId: string) => `reading:guild-had-plan:${guildId}`;
const occurrenceKey = (planId: string, localDate: string) =>
  `reading:occurrence:${planId}:${localDate}`;
const DUE_PREFIX = 'reading:due:';
const IDLE_PREFIX = 'reading:idle:';
/** Epoch milliseconds padded to a fixed width, so keys order by time. */
const dueTime = (at: number) => String(Math.max(0, at)).padStart(15, '0');
const dueKey = (at: number, guildId: string, planId: string) =>
  `${DUE_PREFIX}${dueTime(at)}:${guildId}:${planId}`;
const idleKey = (planId: string) => `${IDLE_PREFIX}${planId}`;

/** The index entry of a plan as it stands: when it is next due, or idle (paused, finished). */
function indexKey(plan: ReadingPlan): string {
  return plan.state === 'active'
    ? dueKey(pendingOccurrence(plan).at.getTime(), plan.guildId, plan.id)
    : idleKey(plan.id);
}

/** A plan due by some time, as the due index tells it (without reading the plan). */
export interface DuePlan {
  readonly planId: string;
  readonly guildId: string;
  readonly at: number;
}

/**
 * Reading plans in the store. Key layout (every key below is prefixed `reading:`):
 *
 * | key                                  | value            | written with                      |
 * |--------------------------------------|------------------|-----------------------------------|
 * | `plan:<planId>`                      | ReadingPlan      | `set` (before the channel claim), |
 * |                                      |                  | then only `update` (CAS)          |
 * | `guild-plan:<guildId>:<planId>`      | planId           | `set`: index for `/reading status`|
 * | `guild-had-plan:<guildId>`           | `{}`             | `set`: the server once had a plan |
 * | `channel-plan:<channelId>`           | planId           | `setIfAbsent`: one plan a channel |
 * | `occurrence:<planId>:<localDate>`    | OccurrenceRecord | `setIfAbsent` before posting      |
 * | `due:<at>:<guildId>:<planId>`        | `{}`             | index: an active plan's next time |
 * | `idle:<planId>`                      | `{}`             | index: a paused or finished plan  |
 *
 * The due index lets the scheduler read only the plans due now (`dueBefore`), whatever the number
 * stored: `<at>` is the pending occurrence's epoch milliseconds, padded so keys order by time.
 * Every plan has one index entry, written after the plan (so an entry never announces a plan not
 * yet there) and moved when the plan changes. A process dying in between leaves the plan with an
 * older entry, which the scheduler corrects when it comes due, or with none, which `unindexed`
 * finds.
 *
 * No key is read-modified-written by two writers without compare-and-set: the channel and each
 * occurrence are claimed (first writer wins, across processes), and a plan's progress changes
 * only through `update`. Plan ids are UUIDs, so they never contain the `:` separator.
 */
export class PlanStore {
  constructor(private readonly store: Store) {}

  /** Stores a new plan unless its channel already has an unfinished one; false then. */
  async create(plan: ReadingPlan): Promise<boolean> {
    const { store } = this;
    await store.set(planKey(plan.id), plan);
    const claimed =
      (await store.setIfAbsent(channelKey(plan.channelId), plan.id)) ||
      (await this.takeOverStaleClaim(plan.channelId, plan.id));
    if (!claimed) {
      await store.delete(planKey(plan.id));
      return false;
    }
    await store.set(guildIndexKey(plan.guildId, plan.id), plan.id);
    await store.set(guildHistoryKey(plan.guildId), {});
    await store.set(indexKey(plan), {});
    return true;
  }

  /** Whether the server has a plan, or had one since stopped (plans from before the mark count). */
  async hadPlan(guildId: string): Promise<boolean> {
    if ((await this.store.get(guildHistoryKey(guildId))) !== undefined) return true;
    return (await this.store.keys(`reading:guild-plan:${guildId}:`)).length > 0;
  }

  get(planId: string): Promise<ReadingPlan | undefined> {
    return this.store.get<ReadingPlan>(planKey(planId));
  }

  /** Every plan, of every server: what the scheduler arms. */
  async all(): Promise<ReadingPlan[]> {
    return (await this.store.entries<ReadingPlan>('reading:plan:')).map(([, plan]) => plan);
  }

  async ofGuild(guildId: string): Promise<ReadingPlan[]> {
    const ids = await this.store.entries<string>(`reading:guild-plan:${guildId}:`);
    const plans = await this.store.getMany<ReadingPlan>(ids.map(([, id]) => planKey(id)));
    return plans
      .filter((plan) => plan !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Compare-and-set on the plan; `change` returns undefined to leave it. Undefined if gone. The
   * plan's index entry follows it.
   */
  async update(
    planId: string,
    change: (plan: ReadingPlan) => ReadingPlan | undefined,
  ): Promise<ReadingPlan | undefined> {
    let before: ReadingPlan | undefined;
    const after = await this.store.update<ReadingPlan>(planKey(planId), (plan) => {
      before = plan;
      return plan === undefined ? undefined : change(plan);
    });
    if (before !== undefined && after !== undefined) await this.reindex(before, after);
    return after;
  }

  /** Active plans due before `before` (epoch ms), by the index, earliest first. */
  async dueBefore(before: number): Promise<DuePlan[]> {
    const keys = await this.store.keysBetween(DUE_PREFIX, `${DUE_PREFIX}${dueTime(before)}`);
    return keys.flatMap((key) => {
      const [at = '', guildId = '', planId = ''] = key.slice(DUE_PREFIX.length).split(':');
      return planId === '' ? [] : [{ planId, guildId, at: Number(at) }];
    });
  }

  /**
   * Moves a plan's index entry to where the plan now stands, when the index said `indexed` (a
   * stale entry found by the scheduler): the plan is gone, or moved on.
   */
  async correctIndex(indexed: DuePlan, plan: ReadingPlan | undefined): Promise<void> {
    const stale = dueKey(indexed.at, indexed.guildId, indexed.planId);
    if (plan !== undefined && indexKey(plan) !== stale) await this.store.set(indexKey(plan), {});
    if (plan === undefined || indexKey(plan) !== stale) await this.store.delete(stale);
  }

  /**
   * Plans with no index entry (a process died between writing a plan and its entry, or they come
   * from before the index): found by their keys alone, then read and indexed.
   */
  async indexUnindexed(): Promise<number> {
    const [planKeys, dueKeys, idleKeys] = await Promise.all([
      this.store.keys('reading:plan:'),
      this.store.keys(DUE_PREFIX),
      this.store.keys(IDLE_PREFIX),
    ]);
    const indexed = new Set([
      ...dueKeys.map((key) => key.slice(key.lastIndexOf(':') + 1)),
      ...idleKeys.map((key) => key.slice(IDLE_PREFIX.length)),
    ]);
    const missing = planKeys
      .map((key) => key.slice('reading:plan:'.length))
      .filter((planId) => !indexed.has(planId));
    for (let start = 0; start < missing.length; start += 500) {
      const plans = await this.store.getMany<ReadingPlan>(
        missing.slice(start, start + 500).map(planKey),
      );
      for (const plan of plans) if (plan !== undefined) await this.store.set(indexKey(plan), {});
    }
    return missing.length;
  }

  /** Lets a new plan start in the channel of a finished one. */
  async releaseChannel(plan: ReadingPlan): Promise<void> {
    if ((await this.store.get<string>(channelKey(plan.channelId))) === plan.id) {
      await this.store.delete(channelKey(plan.channelId));
    }
  }

  /** Deletes the plan, its indexes and its occurrence records. */
  async remove(plan: ReadingPlan): Promise<void> {
    const current = (await this.get(plan.id)) ?? plan;
    await this.store.delete(planKey(plan.id));
    await this.store.delete(guildIndexKey(plan.guildId, plan.id));
    await this.store.delete(indexKey(current));
    await this.releaseChannel(plan);
    await this.store.deletePrefix(`reading:occurrence:${plan.id}:`);
  }

  /** Claims an occurrence; true for the one caller (in any process) that may post it. */
  claimOccurrence(planId: string, localDate: string, record: OccurrenceRecord): Promise<boolean> {
    return this.store.setIfAbsent(occurrenceKey(planId, localDate), record);
  }

  occurrence(planId: string, localDate: string): Promise<OccurrenceRecord | undefined> {
    return this.store.get<OccurrenceRecord>(occurrenceKey(planId, localDate));
  }

  settleOccurrence(planId: string, localDate: string, record: SettledOccurrence): Promise<void> {
    return this.store.set(occurrenceKey(planId, localDate), record);
  }

  /** Settles a claim only if it is still the same claim (a stale one being taken over). */
  async settleClaim(
    planId: string,
    localDate: string,
    claim: OccurrenceRecord,
    record: SettledOccurrence,
  ): Promise<boolean> {
    let settled = false;
    await this.store.update<OccurrenceRecord>(occurrenceKey(planId, localDate), (current) => {
      settled = JSON.stringify(current) === JSON.stringify(claim);
      return settled ? record : undefined;
    });
    return settled;
  }

  /** Gives a claim back when nothing was posted (the bot stopped during the retries). */
  async releaseOccurrence(planId: string, localDate: string): Promise<void> {
    await this.store.delete(occurrenceKey(planId, localDate));
  }

  /** The new index entry first, then the old one gone: a plan is never left without one. */
  private async reindex(before: ReadingPlan, after: ReadingPlan): Promise<void> {
    const [from, to] = [indexKey(before), indexKey(after)];
    if (from === to) return;
    await this.store.set(to, {});
    await this.store.delete(from);
  }

  /**
   * A channel claim whose plan is gone or finished: a finished plan, or a crash between the claim
   * and the plan's deletion. Never a plan being created: plans are written before their claim.
   */
  private async takeOverStaleClaim(channelId: string, planId: string): Promise<boolean> {
    const holder = await this.store.get<string>(channelKey(channelId));
    if (holder === undefined) return this.store.setIfAbsent(channelKey(channelId), planId);
    const plan = await this.get(holder);
    if (plan !== undefined && plan.state !== 'finished') return false;
    const result = await this.store.update<string>(channelKey(channelId), (current) =>
      current === holder ? planId : undefined,
    );
    return result === planId;
  }
}
