import { describe, expect, it, vi } from 'vitest';
import { CoalescedRefresh } from '../../src/time/coalesced-refresh';

describe('CoalescedRefresh after a failed refresh', () => {
  it('tries again on its own, later each time, until one succeeds', async () => {
    const startedAt: number[] = [];
    const coalesced = new CoalescedRefresh(
      () => {
        startedAt.push(performance.now());
        return startedAt.length <= 3 ? Promise.reject(new Error('500')) : Promise.resolve();
      },
      20,
      () => undefined,
    );
    coalesced.request('poll');
    await vi.waitFor(() => {
      expect(startedAt).toHaveLength(4);
    });
    const gaps = startedAt.slice(1).map((at, index) => at - (startedAt[index] ?? 0));
    // At least 20, 40 and 80 ms apart (timers fire late, not early; a few ms of slack for when
    // each attempt is timed).
    expect(gaps.map((gap, index) => gap >= 20 * 2 ** index - 5)).toEqual([true, true, true]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(startedAt).toHaveLength(4);
    await coalesced.flush();
  });

  it('gives up after five retries in a row; the next request starts over', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const coalesced = new CoalescedRefresh(
      () => {
        calls += 1;
        return Promise.reject(new Error('Unknown Message'));
      },
      1,
      (_key, error) => errors.push(error),
    );
    coalesced.request('poll');
    await vi.waitFor(() => {
      expect(calls).toBe(6);
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calls).toBe(6);
    expect(errors).toHaveLength(6);
    coalesced.request('poll');
    await vi.waitFor(() => {
      expect(calls).toBe(12);
    });
    await coalesced.flush();
  });
});
