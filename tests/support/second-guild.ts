import { defaultGuild, type GuildFixture } from '../emulator';

/** Ids of a second server, to check that nothing crosses from one server to another. */
export const OTHER = {
  guild: '1300000000000009100',
  channel: '1300000000000009301',
  role: '1300000000000009201',
  member: '1300000000000009401',
} as const;

/**
 * Another server beside `defaultGuild()`: one channel, a mentionable role and one member. Commands
 * are registered in the first server only (as `npm run deploy` does with DISCORD_GUILD_ID), so
 * tests put this server's data in the store through the services.
 */
export function secondGuild(): GuildFixture {
  const everyone = defaultGuild().roles?.[0];
  if (!everyone) throw new Error('the default guild has no @everyone role');
  return defaultGuild({
    id: OTHER.guild,
    name: 'Autre cercle',
    owner_id: OTHER.member,
    roles: [
      { ...everyone, id: OTHER.guild },
      { id: OTHER.role, name: 'Ailleurs', permissions: '0', position: 1, mentionable: true },
    ],
    channels: [{ id: OTHER.channel, name: 'ailleurs', type: 0, position: 0 }],
    members: [{ id: OTHER.member, username: 'autre', roles: [OTHER.role] }],
  });
}
