import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error';
import { RateLimiter, type RateLimits } from '../../src/rate-limit/rate-limiter';
import { admit, type RatePolicy } from '../../src/rate-limit/rate-policy';

const VOTES: RatePolicy = { burst: 10, intervalMs: 1000 };

/** Runs attempts at the given times through `admit`; 'ok' or the retry time for each. */
function run(policy: RatePolicy, times: readonly number[]): (string | number)[] {
  let tat: number | undefined;
  return times.map((now) => {
    const admission = admit(tat, policy, now);
    if (!admission.allowed) return admission.retryAt;
    tat = admission.tat;
    return 'ok';
  });
}

const ok = (count: number) => Array.from({ length: count }, () => 'ok');
const at = (time: number, count: number) => Array.from({ length: count }, () => time);

describe('admit (token bucket as GCRA)', () => {
  it.each<[string, RatePolicy, number[], (string | number)[]]>([
    ['a burst of 10 at once is allowed', VOTES, at(0, 10), ok(10)],
    [
      'the 11th and 12th at once are refused until a second has passed',
      VOTES,
      at(0, 12),
      [...ok(10), 1000, 1000],
    ],
    [
      'one more a second after the burst',
      VOTES,
      [...at(0, 10), 999, 1000],
      [...ok(10), 1000, 'ok'],
    ],
    [
      'then one a second, steadily',
      VOTES,
      [...at(0, 10), 1000, 1500, 2000, 2000],
      [...ok(10), 'ok', 2000, 'ok', 3000],
    ],
    ['a full burst again after 10 quiet seconds', VOTES, [...at(0, 10), ...at(10_000, 10)], ok(20)],
    [
      'half the burst back after 5 quiet seconds',
      VOTES,
      [...at(0, 10), ...at(5000, 6)],
      [...ok(15), 6000],
    ],
    [
      'a burst of 1 is a plain interval',
      { burst: 1, intervalMs: 120_000 },
      [0, 1, 119_999, 120_000],
      ['ok', 120_000, 120_000, 'ok'],
    ],
    [
      'poll creation: 5 at once, then one every 2 minutes',
      { burst: 5, intervalMs: 120_000 },
      [...at(0, 6), 120_000, 120_001],
      [...ok(5), 120_000, 'ok', 240_000],
    ],
    [
      'a clock going backwards gives nothing back',
      { burst: 2, intervalMs: 1000 },
      [5000, 5000, 4000],
      ['ok', 'ok', 6000],
    ],
  ])('%s', (_, policy, times, expected) => {
    expect(run(policy, times)).toEqual(expected);
  });

  it('a refused attempt does not push the retry time further', () => {
    const refused = Array.from({ length: 50 }, () => 0);
    expect(run({ burst: 1, intervalMs: 1000 }, [...refused, 1000])).toEqual([
      'ok',
      ...at(1000, 49),
      'ok',
    ]);
  });
});

const LIMITS: RateLimits = {
  vote: { burst: 2, intervalMs: 1000 },
  readMark: { burst: 2, intervalMs: 1000 },
  pollCreate: { burst: 1, intervalMs: 60_000 },
  privacy: { burst: 1, intervalMs: 60_000 },
  textUpload: { burst: 1, intervalMs: 60_000 },
};

function limiter(options: { maxEntries?: number; sweepEveryMs?: number } = {}) {
  let now = Date.parse('2026-03-01T10:00:00Z');
  const clock = { now: () => new Date(now) };
  const rateLimiter = new RateLimiter({ clock, limits: LIMITS, ...options });
  return {
    rateLimiter,
    advance: (ms: number) => {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

describe('RateLimiter', () => {
  it('keeps members, servers and actions apart', () => {
    const { rateLimiter } = limiter();
    expect(rateLimiter.attempt('vote', 'g1', 'alice').allowed).toBe(true);
    expect(rateLimiter.attempt('vote', 'g1', 'alice').allowed).toBe(true);
    expect(rateLimiter.attempt('vote', 'g1', 'alice').allowed).toBe(false);
    expect(rateLimiter.attempt('vote', 'g1', 'bob').allowed).toBe(true);
    expect(rateLimiter.attempt('vote', 'g2', 'alice').allowed).toBe(true);
    expect(rateLimiter.attempt('pollCreate', 'g1', 'alice').allowed).toBe(true);
  });

  it('refuses with a message saying when to try again, rounded up to the second', () => {
    const { rateLimiter, now } = limiter();
    rateLimiter.enforce('pollCreate', 'g1', 'alice');
    let error: unknown;
    try {
      rateLimiter.enforce('pollCreate', 'g1', 'alice');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe('rateLimit.pollCreate');
    expect((error as UserError).params).toEqual({
      when: `<t:${Math.ceil((now + 60_000) / 1000)}:R>`,
    });
  });

  it('forgets members whose bucket is full again, and never holds more than maxEntries', () => {
    const { rateLimiter, advance } = limiter({ maxEntries: 3, sweepEveryMs: 10_000 });
    for (const member of ['a', 'b', 'c', 'd', 'e']) rateLimiter.attempt('vote', 'g', member);
    expect(rateLimiter.size).toBe(3);
    advance(10_000);
    rateLimiter.attempt('vote', 'g', 'f');
    expect(rateLimiter.size).toBe(1);
  });

  it('forgetting a member never lets them go faster than the limit', () => {
    const { rateLimiter, advance } = limiter({ sweepEveryMs: 0 });
    rateLimiter.attempt('vote', 'g', 'a');
    rateLimiter.attempt('vote', 'g', 'a');
    advance(500);
    // Swept on every attempt here, yet the state is kept while the bucket is not full.
    expect(rateLimiter.attempt('vote', 'g', 'a').allowed).toBe(false);
    advance(500);
    expect(rateLimiter.attempt('vote', 'g', 'a').allowed).toBe(true);
  });
});
