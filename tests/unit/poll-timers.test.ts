import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoalescedRefresh } from '../../src/time/coalesced-refresh';
import { DeadlineTimers, MAX_TIMER_MS } from '../../src/time/deadline-timers';

const DAY = 86_400_000;
const dateClock = { now: () => new Date() };

describe('DeadlineTimers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a 90-day deadline at the deadline, re-armed in steps Node can hold', () => {
    vi.useFakeTimers({ now: 0 });
    const fired: [string, number][] = [];
    const timers = new DeadlineTimers(dateClock, (key) => fired.push([key, Date.now()]));
    timers.arm('poll', 90 * DAY);
    vi.advanceTimersByTime(MAX_TIMER_MS);
    expect(fired).toEqual([]);
    expect(timers.size).toBe(1);
    vi.advanceTimersByTime(90 * DAY - MAX_TIMER_MS - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['poll', 90 * DAY]]);
    expect(timers.size).toBe(0);
  });

  it('fires at once for a deadline already passed', () => {
    vi.useFakeTimers({ now: 10_000 });
    const fired: string[] = [];
    const timers = new DeadlineTimers(dateClock, (key) => fired.push(key));
    timers.arm('late', 5_000);
    expect(fired).toEqual(['late']);
  });

  it('re-reads the clock at each step, so a clock that jumped ahead fires early enough', () => {
    vi.useFakeTimers({ now: 0 });
    let offset = 0;
    const clock = { now: () => new Date(Date.now() + offset) };
    const fired: string[] = [];
    const timers = new DeadlineTimers(clock, (key) => fired.push(key), 1000);
    timers.arm('poll', 10_000);
    offset = 9_500;
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(['poll']);
  });

  it('cancels and clears', () => {
    vi.useFakeTimers({ now: 0 });
    const fired: string[] = [];
    const timers = new DeadlineTimers(dateClock, (key) => fired.push(key));
    timers.arm('a', 1000);
    timers.arm('b', 1000);
    timers.arm('a', 2000);
    timers.cancel('b');
    vi.advanceTimersByTime(1500);
    expect(fired).toEqual([]);
    timers.clear();
    vi.advanceTimersByTime(5000);
    expect(fired).toEqual([]);
  });
});

describe('CoalescedRefresh', () => {
  /** A refresh that records what state it saw and takes a little while, like a message edit. */
  function recorder(state: { value: number }) {
    const seen: number[] = [];
    let running = 0;
    let overlapped = false;
    const refresh = async () => {
      running += 1;
      overlapped ||= running > 1;
      const value = state.value;
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(value);
      running -= 1;
    };
    return { seen, refresh, overlapped: () => overlapped };
  }

  it('turns a burst into few refreshes, the last one showing the last state', async () => {
    const state = { value: 0 };
    const { seen, refresh, overlapped } = recorder(state);
    const coalesced = new CoalescedRefresh(refresh, 100, () => undefined);
    for (let vote = 1; vote <= 250; vote++) {
      state.value = vote;
      coalesced.request('poll');
    }
    // The first refresh is under way; these arrive during it and the interval after it.
    await new Promise((resolve) => setTimeout(resolve, 2));
    for (let vote = 251; vote <= 500; vote++) {
      state.value = vote;
      coalesced.request('poll');
    }
    await vi.waitFor(() => {
      expect(seen).toEqual([250, 500]);
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toEqual([250, 500]);
    expect(overlapped()).toBe(false);
    await coalesced.flush();
  });

  it('keeps refreshing while requests keep coming, never more than once per interval', async () => {
    const state = { value: 0 };
    const { seen, refresh } = recorder(state);
    const coalesced = new CoalescedRefresh(refresh, 50, () => undefined);
    const started = performance.now();
    while (performance.now() - started < 220) {
      state.value += 1;
      coalesced.request('poll');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await coalesced.flush();
    expect(seen.at(-1)).toBe(state.value);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(220 / 50) + 2);
  });

  it('refreshes now on demand, and flush shows every pending state', async () => {
    const state = { value: 1 };
    const { seen, refresh } = recorder(state);
    const coalesced = new CoalescedRefresh(refresh, 10_000, () => undefined);
    coalesced.request('a');
    state.value = 2;
    coalesced.request('a');
    coalesced.request('b');
    await coalesced.now('a');
    expect(seen).toContain(2);
    state.value = 3;
    coalesced.request('a');
    await coalesced.flush();
    expect(seen.filter((value) => value === 3)).toHaveLength(1);
  });

  it('reports a failed refresh and goes on', async () => {
    const errors: string[] = [];
    let calls = 0;
    const coalesced = new CoalescedRefresh(
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve();
      },
      0,
      (key, error) => errors.push(`${key}: ${(error as Error).message}`),
    );
    await coalesced.now('poll');
    await coalesced.now('poll');
    expect(errors).toEqual(['poll: boom']);
    expect(calls).toBe(2);
    await coalesced.flush();
  });
});
