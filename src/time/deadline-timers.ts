import type { Clock } from './clock';

/** Node's timers hold at most 2^31 - 1 ms (about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer per key, firing at an absolute time of the injected clock however far away it is:
 * long waits are re-armed in steps of at most `MAX_TIMER_MS`, and each step re-reads the clock, so
 * a host that slept does not fire late by the time it slept.
 */
export class DeadlineTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (key: string) => void,
    private readonly maxStepMs: number = MAX_TIMER_MS,
  ) {}

  /** Fires `onDue(key)` at `at` (epoch ms), at once if it has passed; replaces any timer of `key`. */
  arm(key: string, at: number): void {
    this.cancel(key);
    const remaining = at - this.clock.now().getTime();
    if (remaining <= 0) {
      this.onDue(key);
      return;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.arm(key, at);
      },
      Math.min(remaining, this.maxStepMs),
    );
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  get size(): number {
    return this.timers.size;
  }
}
