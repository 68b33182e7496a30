import { REST, Routes, type APIUser } from 'discord.js';
import type { Config } from '../config/config';
import type { Command } from './command';

/**
 * Registers every slash command with one bulk overwrite: in one server (instantly) when
 * DISCORD_GUILD_ID is set, else globally. Returns how many commands Discord now has.
 */
export async function deployCommands(
  config: Config,
  commands: readonly Pick<Command, 'data'>[],
): Promise<number> {
  const rest = new REST({
    ...(config.DISCORD_API_URL !== undefined && { api: config.DISCORD_API_URL }),
  }).setToken(config.DISCORD_TOKEN);
  const me = (await rest.get(Routes.user())) as APIUser;
  const route =
    config.DISCORD_GUILD_ID === undefined
      ? Routes.applicationCommands(me.id)
      : Routes.applicationGuildCommands(me.id, config.DISCORD_GUILD_ID);
  const registered = (await rest.put(route, {
    body: commands.map((command) => command.data),
  })) as unknown[];
  return registered.length;
}
