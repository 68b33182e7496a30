import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const DISCORD_EPOCH = 1420070400000n;
let lastSnowflake = 0n;

/** A Discord snowflake for "now", strictly increasing within the process. */
export function snowflake(at: number = Date.now()): string {
  const candidate = ((BigInt(Math.floor(at)) - DISCORD_EPOCH) << 22n) | (1n << 17n);
  lastSnowflake = candidate > lastSnowflake ? candidate : lastSnowflake + 1n;
  return lastSnowflake.toString();
}

/** High-resolution wall-clock time in ms, comparable across requests and dispatches. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** URL-safe random text (no `:`), long like Discord's interaction tokens. */
export function randomToken(bytes = 96): string {
  return randomBytes(bytes).toString('base64url');
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
