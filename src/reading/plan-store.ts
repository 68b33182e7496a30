import type { Store } from '../store/store';
import type { OccurrenceRecord, SettledOccurrence } from './core/occurrence-outcome';
import type { ReadingPlan } from './core/plan';

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
export interface PlanStore {
  /** Stores a new plan unless its channel already has an unfinished one; false then. */
  create(plan: ReadingPlan): Promise<boolean>;
  get(planId: string): Promise<ReadingPlan | undefined>;
  /** Every plan, of every server: what the scheduler arms. */
  all(): Promise<ReadingPlan[]>;
  ofGuild(guildId: string): Promise<ReadingPlan[]>;
  /** Compare-and-set on the plan; `change` returns undefined to leave it. Undefined if gone. */
  update(
    planId: string,
    change: (plan: ReadingPlan) => ReadingPlan | undefined,
  ): Promise<ReadingPlan | undefined>;
  /** Lets a new plan start in the channel of a finished one. */
  releaseChannel(plan: ReadingPlan): Promise<void>;
  /** Deletes the plan, its indexes and its occurrence records. */
  remove(plan: ReadingPlan): Promise<void>;

  /** Claims an occurrence; true for the one caller (in any process) that may post it. */
  claimOccurrence(planId: string, localDate: string, record: OccurrenceRecord): Promise<boolean>;
  occurrence(planId: string, localDate: string): Promise<OccurrenceRecord | undefined>;
  settleOccurrence(planId: string, localDate: string, record: SettledOccurrence): Promise<void>;
  /** Settles a claim only if it is still the same claim (a stale one being taken over). */
  settleClaim(
    planId: string,
    localDate: string,
    claim: OccurrenceRecord,
    record: SettledOccurrence,
  ): Promise<boolean>;
  /** Gives a claim back when nothing was posted (the bot stopped during the retries). */
  releaseOccurrence(planId: string, localDate: string): Promise<void>;
}

const planKey = (planId: string) => `reading:plan:${planId}`;
const guildIndexKey = (guildId: string, planId: string) =>
  `reading:guild-plan:${guildId}:${planId}`;
const channelKey = (channelId: string) => `reading:channel-plan:${channelId}`;
const occurrenceKey = (planId: string, localDate: string) =>
  `reading:occurrence:${planId}:${localDate}`;

export function createPlanStore(store: Store): PlanStore {
  const get = (planId: string) => store.get<ReadingPlan>(planKey(planId));

  async function releaseChannel(plan: ReadingPlan): Promise<void> {
    if ((await store.get<string>(channelKey(plan.channelId))) === plan.id) {
      await store.delete(channelKey(plan.channelId));
    }
  }

  /**
   * A channel claim whose plan is gone or finished: a finished plan, or a crash between the claim
   * and the plan's deletion. Never a plan being created: plans are written before their claim.
   */
  async function takeOverStaleClaim(channelId: string, planId: string): Promise<boolean> {
    const holder = await store.get<string>(channelKey(channelId));
    if (holder === undefined) return store.setIfAbsent(channelKey(channelId), planId);
    const plan = await get(holder);
    if (plan !== undefined && plan.state !== 'finished') return false;
    const result = await store.update<string>(channelKey(channelId), (current) =>
      current === holder ? planId : undefined,
    );
    return result === planId;
  }

  return {
    async create(plan) {
      await store.set(planKey(plan.id), plan);
      const claimed =
        (await store.setIfAbsent(channelKey(plan.channelId), plan.id)) ||
        (await takeOverStaleClaim(plan.channelId, plan.id));
      if (!claimed) {
        await store.delete(planKey(plan.id));
        return false;
      }
      await store.set(guildIndexKey(plan.guildId, plan.id), plan.id);
      return true;
    },
    get,
    async all() {
      return (await store.entries<ReadingPlan>('reading:plan:')).map(([, plan]) => plan);
    },
    async ofGuild(guildId) {
      const ids = await store.entries<string>(`reading:guild-plan:${guildId}:`);
      const plans = await store.getMany<ReadingPlan>(ids.map(([, id]) => planKey(id)));
      return plans
        .filter((plan) => plan !== undefined)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    update(planId, change) {
      return store.update<ReadingPlan>(planKey(planId), (plan) =>
        plan === undefined ? undefined : change(plan),
      );
    },
    releaseChannel,
    async remove(plan) {
      await store.delete(planKey(plan.id));
      await store.delete(guildIndexKey(plan.guildId, plan.id));
      await releaseChannel(plan);
      await store.deletePrefix(`reading:occurrence:${plan.id}:`);
    },
    claimOccurrence: (planId, localDate, record) =>
      store.setIfAbsent(occurrenceKey(planId, localDate), record),
    occurrence: (planId, localDate) =>
      store.get<OccurrenceRecord>(occurrenceKey(planId, localDate)),
    settleOccurrence: (planId, localDate, record) =>
      store.set(occurrenceKey(planId, localDate), record),
    async settleClaim(planId, localDate, claim, record) {
      let settled = false;
      await store.update<OccurrenceRecord>(occurrenceKey(planId, localDate), (current) => {
        settled = JSON.stringify(current) === JSON.stringify(claim);
        return settled ? record : undefined;
      });
      return settled;
    },
    async releaseOccurrence(planId, localDate) {
      await store.delete(occurrenceKey(planId, localDate));
    },
  };
}
