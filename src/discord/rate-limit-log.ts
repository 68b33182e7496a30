import type { Logger } from '../log/logger';

/** At most one line per route in this time; the waits in between are counted on the next. */
export const RATE_LIMIT_LOG_INTERVAL_MS = 10_000;

/**
 * discord.js reports a wait on its rate limits once per waiting request, each time it waits: a
 * burst of 600 deferred answers queued behind its 50 requests/s made 35,000 warning lines in a
 * few seconds, and the logging itself took CPU from a process already behind. One line per route
 * and interval, with how many waits it stands for, says the same.
 */
export function rateLimitLog(
  logger: Logger,
  now: () => number = Date.now,
): (info: { route: string; retryAfter: number; global: boolean }) => void {
  const routes = new Map<string, { loggedAt: number; waits: number }>();
  return ({ route, retryAfter, global }) => {
    const seen = routes.get(route);
    const at = now();
    if (seen !== undefined && at - seen.loggedAt < RATE_LIMIT_LOG_INTERVAL_MS) {
      seen.waits += 1;
      return;
    }
    logger.warn(
      { route, retryAfter, global, waits: (seen?.waits ?? 0) + 1 },
      'rate limited by Discord',
    );
    routes.set(route, { loggedAt: at, waits: 0 });
  };
}
