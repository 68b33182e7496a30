import type { Store } from '../store/store';
import type { OccurrenceRecord, SettledOccurrence } from './core/occurrence-outcome';
import type { ReadingPlan } from './core/plan';

const planKey = (planId: string) => `reading:plan:${planId}`;
const guildIndexKey = (guildId: string, planId: string) =>
  `reading:guild-plan:${guildId}:${planId}`;
const channelKey = (channelId: string) => `reading:channel-plan:${channelId}`;
const occurrenceKey = (planId: string, localDate: string) =>
  `reading:occurrence:${planId}:${localDate}`;

/**
 * Reading plans in the store. Key layout (every key below is prefixed `reading:`):
 *
 * | key                                  | value            | written with                      |
 * |--------------------------------------|------------------|-----------------------------------|
 * | `plan:<planId>`                      | ReadingPlan      | `set` (before the channel claim), |
 * |                                      |                  | then only `update` (CAS)          |
 * | `guild-plan:<guildId>:<planId>`      | planId           | `set`: index for `/reading status`|
 * | `channel-plan:<channelId>`           | planId           | `setIfAbsent`: one plan a channel |
 * | `occurrence:<planId>:<localDate>`    | OccurrenceRecord | `setIfAbsent` before posting      |
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
    return true;
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

  /** Compare-and-set on the plan; `change` returns undefined to leave it. Undefined if gone. */
  update(
    planId: string,
    change: (plan: ReadingPlan) => ReadingPlan | undefined,
  ): Promise<ReadingPlan | undefined> {
    return this.store.update<ReadingPlan>(planKey(planId), (plan) =>
      plan === undefined ? undefined : change(plan),
    );
  }

  /** Lets a new plan start in the channel of a finished one. */
  async releaseChannel(plan: ReadingPlan): Promise<void> {
    if ((await this.store.get<string>(channelKey(plan.channelId))) === plan.id) {
      await this.store.delete(channelKey(plan.channelId));
    }
  }

  /** Deletes the plan, its indexes and its occurrence records. */
  async remove(plan: ReadingPlan): Promise<void> {
    await this.store.delete(planKey(plan.id));
    await this.store.delete(guildIndexKey(plan.guildId, plan.id));
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
