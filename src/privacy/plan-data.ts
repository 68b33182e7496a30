import type { PlanStore } from '../reading/plan-store';

/** The `createdBy` of a plan whose creator asked to be forgotten. */
export const FORGOTTEN_PLAN_CREATOR = '';

/** Reading plans a member started: the only place plans keep a user id. */
export async function findPlansCreated(plans: PlanStore, userId: string): Promise<string[]> {
  return (await plans.all()).filter((plan) => plan.createdBy === userId).map((plan) => plan.id);
}

/**
 * Forgets the member as creator of these plans; the plans go on for their group (a closing poll
 * then has no creator, so only moderators may close it early). Compare-and-set, so a scheduler
 * writing the plan's progress at the same time keeps its change and this one.
 */
export async function forgetPlanCreator(
  plans: PlanStore,
  planIds: readonly string[],
  userId: string,
): Promise<void> {
  for (const planId of planIds) {
    await plans.update(planId, (plan) =>
      plan.createdBy === userId ? { ...plan, createdBy: FORGOTTEN_PLAN_CREATOR } : undefined,
    );
  }
}
