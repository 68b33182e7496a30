import type { Clock } from '../../src/time/clock';

/** A clock the test moves by hand, starting now: spaces clicks or waits out windows without waiting. */
export function steppingClock(): {
  clock: Clock;
  advance: (ms: number) => void;
  now: () => number;
} {
  let now = Date.now();
  return {
    clock: { now: () => new Date(now) },
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
  };
}
