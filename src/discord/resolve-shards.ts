import { REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { ConfigError, type Config } from '../config/config';
import type { Shards } from '../shards/shards';

/**
 * The shards this process runs: `SHARD_COUNT` (or, for `auto`, the count Discord recommends for
 * this bot) and `SHARD_IDS` (default: all of them).
 */
export async function resolveShards(
  config: Pick<Config, 'SHARD_COUNT' | 'SHARD_IDS' | 'DISCORD_TOKEN' | 'DISCORD_API_URL'>,
): Promise<Shards> {
  const count =
    config.SHARD_COUNT === 'auto' ? await recommendedShards(config) : config.SHARD_COUNT;
  const ids = config.SHARD_IDS ?? Array.from({ length: count }, (_, id) => id);
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) {
    throw new ConfigError([
      `SHARD_IDS: lists shard ${outside.join(', ')}, but there are ${count} shards (SHARD_COUNT=${config.SHARD_COUNT}): use 0 to ${count - 1}`,
    ]);
  }
  return { count, ids };
}

async function recommendedShards(config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>) {
  const rest = new REST({
    ...(config.DISCORD_API_URL !== undefined && { api: config.DISCORD_API_URL }),
  }).setToken(config.DISCORD_TOKEN);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}
