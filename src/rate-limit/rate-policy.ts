/**
 * How often a member may do something: `burst` times at once after a quiet period, then once every
 * `intervalMs` (a token bucket of `burst` tokens, one token back every `intervalMs`).
 */
export interface RatePolicy {
  readonly burst: number;
  readonly intervalMs: number;
}

export type Admission =
  | {
      readonly allowed: true;
      /** What to remember for this member and action. */
      readonly tat: number;
    }
  | {
      readonly allowed: false;
      /** The earliest time the action will be allowed again. */
      readonly retryAt: number;
    };

/**
 * One attempt at `now`, decided by the token bucket written as GCRA (the "generic cell rate
 * algorithm"): the whole state is one number, the theoretical arrival time `tat`, the time at
 * which the bucket would be full again. An attempt is allowed while `tat` is at most
 * `(burst - 1) × interval` ahead of now, and pushes it one interval further; a refused attempt
 * changes nothing. With no state (or a `tat` in the past) the bucket is full, so a state whose
 * `tat` has passed can be forgotten. Integer arithmetic only; time is a parameter.
 */
export function admit(tat: number | undefined, policy: RatePolicy, now: number): Admission {
  const tolerance = (policy.burst - 1) * policy.intervalMs;
  const from = tat === undefined || tat < now ? now : tat;
  if (from - now > tolerance) return { allowed: false, retryAt: from - tolerance };
  return { allowed: true, tat: from + policy.intervalMs };
}
