// Discord's shard routing, and guild ids chosen to land on a given shard.

const MAX_SHARD_COUNT = 2048;

function checkShard(shard: number, shardCount: number): void {
  if (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > MAX_SHARD_COUNT) {
    throw new Error(
      `shardCount must be an integer from 1 to ${MAX_SHARD_COUNT}, got ${shardCount}`,
    );
  }
  if (!Number.isInteger(shard) || shard < 0 || shard >= shardCount) {
    throw new Error(`shard must be an integer from 0 to ${shardCount - 1}, got ${shard}`);
  }
}

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Whether a session on `shard` receives events of `guildId` (null: a DM, always shard 0). */
export function shardOwns(shard: readonly [number, number], guildId: string | null): boolean {
  const [id, count] = shard;
  return guildId === null ? id === 0 : shardOf(guildId, count) === id;
}

/** The timestamp part of the default fixtures' ids, so generated ids look like theirs. */
const BASE_TIMESTAMP = 1300000000000000000n >> 22n;

/**
 * A guild id Discord routes to `shard` of `shardCount`: the timestamp bits are chosen for the
 * shard, the low bits hold `shardCount` and `index`, so ids are stable and never collide.
 */
export function guildIdOnShard(shard: number, shardCount: number, index = 0): string {
  checkShard(shard, shardCount);
  if (!Number.isInteger(index) || index < 0 || index >= 2048) {
    throw new Error(`index must be an integer from 0 to 2047, got ${index}`);
  }
  const count = BigInt(shardCount);
  const timestamp = BASE_TIMESTAMP - (BASE_TIMESTAMP % count) + count + BigInt(shard);
  const low = ((count - 1n) << 11n) | BigInt(index);
  return ((timestamp << 22n) | low).toString();
}
