import { performance } from 'node:perf_hooks';

interface KeyState {
  /** A refresh was asked for since the last one started. */
  dirty: boolean;
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  lastStartedAt: number;
  /** Refreshes that failed in a row. */
  failures: number;
}

/**
 * A failed refresh is tried again, each time after twice the wait, at most this many times in a
 * row (with a 3 s interval: 3, 6, 12, 24 and 48 s later).
 */
const MAX_RETRIES = 5;

/**
 * Coalesced refreshes, one key at a time: however many requests arrive, a key is refreshed at
 * most once per interval, refreshes of one key never overlap, and a request always leads to one
 * more refresh after it, so the last state is always shown. Each refresh reads the current state
 * itself, so what it shows is never older than the request.
 *
 * Used for live poll results and read counts: a burst of 500 votes costs a handful of message
 * edits, not 500 (discord.js queues non-interaction requests at 50/s, so 500 edits would take
 * 10 s and delay every other message of the bot).
 */
export class CoalescedRefresh {
  private readonly states = new Map<string, KeyState>();
  private stopped = false;

  constructor(
    private readonly refresh: (key: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Asks for a refresh: now if none started within the interval, else when the interval ends. */
  request(key: string): void {
    const state = this.state(key);
    state.dirty = true;
    if (state.timer === undefined && state.running === undefined && !this.stopped) {
      this.schedule(key, state);
    }
  }

  /** Refreshes now (after a running refresh, if any) and resolves once done: for a final state. */
  async now(key: string): Promise<void> {
    const state = this.state(key);
    state.dirty = true;
    while (state.running !== undefined) await state.running;
    clearTimeout(state.timer);
    state.timer = undefined;
    // Another caller's refresh, started after this call, already showed this state.
    if (isDirty(state)) await this.run(key, state);
  }

  /** Runs every pending refresh now and waits for all of them; later requests are ignored. */
  async flush(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.states].map(async ([key, state]) => {
        clearTimeout(state.timer);
        state.timer = undefined;
        if (state.dirty) await this.now(key);
        else await state.running;
      }),
    );
  }

  private state(key: string): KeyState {
    let state = this.states.get(key);
    if (state === undefined) {
      state = {
        dirty: false,
        timer: undefined,
        running: undefined,
        lastStartedAt: -Infinity,
        failures: 0,
      };
      this.states.set(key, state);
    }
    return state;
  }

  private schedule(key: string, state: KeyState): void {
    const backoff = this.intervalMs * 2 ** Math.max(0, state.failures - 1);
    const wait = Math.max(0, state.lastStartedAt + backoff - performance.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.run(key, state);
    }, wait);
  }

  private async run(key: string, state: KeyState): Promise<void> {
    state.dirty = false;
    state.lastStartedAt = performance.now();
    const running = this.refresh(key).then(
      () => {
        state.failures = 0;
      },
      (error: unknown) => {
        state.failures += 1;
        this.onError(key, error);
        // The message still shows an older state, and nothing may come to ask for another
        // refresh (the failed one was for the last vote of a burst, or for the close): try
        // again later, rather than leave it stale until the next vote, if there is one.
        // After the last retry, the next request starts over.
        if (state.failures <= MAX_RETRIES) state.dirty = true;
        else state.failures = 0;
      },
    );
    state.running = running;
    await running;
    state.running = undefined;
    if (isDirty(state)) {
      if (!this.stopped && state.timer === undefined) this.schedule(key, state);
    } else if (!this.stopped && state.timer === undefined) {
      // Idle: forget the key once its interval is over, so the map does not grow with every poll.
      const idleFor = this.intervalMs;
      state.timer = setTimeout(() => {
        state.timer = undefined;
        if (!state.dirty && state.running === undefined) this.states.delete(key);
        else if (state.dirty && state.running === undefined) void this.run(key, state);
      }, idleFor);
    }
  }
}

/** Read through a call: other tasks set it while this one awaits. */
function isDirty(state: KeyState): boolean {
  return state.dirty;
}
