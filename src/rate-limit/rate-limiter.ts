import { UserError } from '../errors/user-error';
import type { MessageKey } from '../i18n/translate';
import { discordTime } from '../render/discord-time';
import type { Clock } from '../time/clock';
import { admit, type RatePolicy } from './rate-policy';

/** What a member does that a script could repeat fast enough to hurt. */
export type RateLimitedAction = 'vote' | 'readMark' | 'pollCreate' | 'privacy' | 'textUpload';

export type RateLimits = Readonly<Record<RateLimitedAction, RatePolicy>>;

/**
 * Limits no real member ever meets, that still stop a clicking script:
 * - votes: 10 clicks at once (changing one's mind, a double click), then one a second. A burst of
 *   clicks costs at most 10 stored writes and, with the coalesced edits, no extra message edit;
 * - read marks: as votes (each click is a stored write);
 * - polls: 5 at once, then one every 2 minutes (an organiser posting a series of polls is fine);
 * - `/privacy`: 6 at once (show, delete, confirm, show again…), then one every 30 s: each one
 *   reads every poll in the store;
 * - `/text add`: 10 at once (a file fixed and sent again), then one a minute: each one downloads
 *   and reads up to 512 KB, and keeps a valid one in the store until it is confirmed or expires.
 */
export const RATE_LIMITS: RateLimits = {
  vote: { burst: 10, intervalMs: 1000 },
  readMark: { burst: 10, intervalMs: 1000 },
  pollCreate: { burst: 5, intervalMs: 120_000 },
  privacy: { burst: 6, intervalMs: 30_000 },
  textUpload: { burst: 10, intervalMs: 60_000 },
};

const MESSAGES: Record<RateLimitedAction, MessageKey> = {
  vote: 'rateLimit.vote',
  readMark: 'rateLimit.readMark',
  pollCreate: 'rateLimit.pollCreate',
  privacy: 'rateLimit.privacy',
  textUpload: 'rateLimit.textUpload',
};

export interface RateLimiterOptions {
  readonly clock: Clock;
  readonly limits?: RateLimits;
  /** At most this many members × actions remembered; the least recently seen go first. */
  readonly maxEntries?: number;
  /** Forgotten states are swept at most this often (on an attempt; no timer). */
  readonly sweepEveryMs?: number;
}

/**
 * Per-member rate limits, keyed by action, server and member, shared by every command.
 *
 * In memory on purpose. The limits protect this process's work (store writes, message edits,
 * scans of the store) from a script; they are not quotas, so forgetting them on restart costs
 * nothing (a restart outlasts every window), and two processes on one file let a member go at
 * most twice as fast, still bounded. Keeping them in the store would cost a write per click, the
 * very load they prevent, and would write down when each member clicks, which a privacy-minded
 * bot should not. Memory is bounded: a member's state is dropped once their bucket is full again
 * (10 s after a vote, 10 min after a poll), swept once a minute, and `maxEntries` caps the rest.
 */
export class RateLimiter {
  private readonly tats = new Map<string, number>();
  private readonly limits: RateLimits;
  private readonly maxEntries: number;
  private readonly sweepEveryMs: number;
  private lastSweep = -Infinity;

  constructor(private readonly options: RateLimiterOptions) {
    this.limits = options.limits ?? RATE_LIMITS;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.sweepEveryMs = options.sweepEveryMs ?? 60_000;
  }

  /** Counts one attempt; when over the limit, the earliest time (epoch ms) to try again. */
  attempt(
    action: RateLimitedAction,
    guildId: string | null,
    memberId: string,
  ): { allowed: true } | { allowed: false; retryAt: number } {
    const now = this.options.clock.now().getTime();
    this.sweep(now);
    const key = `${action}:${guildId ?? '-'}:${memberId}`;
    const admission = admit(this.tats.get(key), this.limits[action], now);
    if (!admission.allowed) return admission;
    // Re-inserted, so the map's order is least recently seen first.
    this.tats.delete(key);
    this.tats.set(key, admission.tat);
    for (const oldest of this.tats.keys()) {
      if (this.tats.size <= this.maxEntries) break;
      this.tats.delete(oldest);
    }
    return { allowed: true };
  }

  /** Counts one attempt, or refuses it with a message saying when the member may try again. */
  enforce(action: RateLimitedAction, guildId: string | null, memberId: string): void {
    const result = this.attempt(action, guildId, memberId);
    if (result.allowed) return;
    // Rounded up to the second, so "in 0 seconds" never shows while still refused.
    const when = discordTime(Math.ceil(result.retryAt / 1000) * 1000);
    throw new UserError(MESSAGES[action], { when });
  }

  /** How many states are remembered (for tests and the benchmark). */
  get size(): number {
    return this.tats.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    for (const [key, tat] of this.tats) if (tat <= now) this.tats.delete(key);
  }
}
