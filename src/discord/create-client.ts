import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
import type { Config } from '../config/config';
import type { Shards } from '../shards/shards';

/**
 * The discord.js client: the Guilds intent only (slash commands and buttons need no privileged
 * intent), mentions off by default, and caches bounded so memory stops growing with traffic:
 * button clicks carry their message, and Tribune edits messages by id, so it keeps none. The
 * shards are always given: left out, discord.js would read `SHARD_COUNT` from the environment
 * itself, where Tribune's own setting may say `auto`.
 */
export function createDiscordClient(
  config: Pick<Config, 'DISCORD_API_URL'>,
  shards: Shards,
): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    shards: [...shards.ids],
    shardCount: shards.count,
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    ...(config.DISCORD_API_URL !== undefined && { rest: { api: config.DISCORD_API_URL } }),
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ThreadMemberManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildMemberManager: {
        maxSize: 200,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: {
        maxSize: 200,
        keepOverLimit: (user) => user.id === user.client.user.id,
      },
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      threads: { interval: 3600, lifetime: 3600 },
    },
  });
}
