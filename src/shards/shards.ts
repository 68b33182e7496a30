/**
 * Which servers this process looks after. Discord routes a server to shard
 * `(guild_id >> 22) % shard_count`; a process runs some of the shards (`SHARD_IDS`) and does the
 * background work (prompts, poll deadlines, purges) of their servers only. Other processes, maybe
 * on other machines, run the other shards against the same PostgreSQL.
 */
export interface Shards {
  readonly count: number;
  /** The shards this process runs, ascending. */
  readonly ids: readonly number[];
}

/** Every shard of one: a single process looking after every server. */
export const ALL_SERVERS: Shards = { count: 1, ids: [0] };

export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** Whether this process does the background work of this server. */
export function ownsGuild(shards: Shards, guildId: string): boolean {
  return shards.ids.includes(shardOf(guildId, shards.count));
}

/**
 * `SHARD_IDS` as written: `0,2`, `0-3`, or a mix (`0-1,4`); undefined when it is not that.
 * Duplicates are dropped; the ids come back ascending.
 */
export function parseShardIds(text: string): number[] | undefined {
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
    if (!match) return undefined;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from || to - from > 10_000) return undefined;
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}
