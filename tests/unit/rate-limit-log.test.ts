import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_LOG_INTERVAL_MS, rateLimitLog } from '../../src/discord/rate-limit-log';
import { createLogger } from '../../src/log/logger';

describe('rate limit warnings', () => {
  it('logs one line per route and interval, saying how many waits it stands for', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: 'info',
      secrets: [],
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    let now = 0;
    const log = rateLimitLog(logger, () => now);
    const edit = {
      route: '/webhooks/:id/:token/messages/%40original',
      retryAfter: 300,
      global: true,
    };
    const post = { route: '/channels/:id/messages', retryAfter: 800, global: false };
    for (let wait = 0; wait < 600; wait++) log(edit);
    log(post);
    now += RATE_LIMIT_LOG_INTERVAL_MS - 1;
    log(edit);
    now += 1;
    log(edit);
    expect(lines.map(({ msg, route, waits, global }) => ({ msg, route, waits, global }))).toEqual([
      { msg: 'rate limited by Discord', route: edit.route, waits: 1, global: true },
      { msg: 'rate limited by Discord', route: post.route, waits: 1, global: false },
      { msg: 'rate limited by Discord', route: edit.route, waits: 601, global: true },
    ]);
  });
});
