import { Permission, bits } from './permissions';
import { guildIdOnShard } from './shards';
import type { BotUserFixture, CreateMembersOptions, GuildFixture, MemberFixture } from './types';

/** Ids of the default fixtures, so tests can name them. */
export const DEFAULT_IDS = {
  botUser: '1300000000000000001',
  guild: '1300000000000000100',
  everyoneRole: '1300000000000000100',
  moderatorRole: '1300000000000000201',
  readerRole: '1300000000000000202',
  botRole: '1300000000000000203',
  generalChannel: '1300000000000000301',
  clubChannel: '1300000000000000302',
  /** A voice channel, for scheduled events (VOICE). */
  voiceChannel: '1300000000000000303',
  /** A stage channel where the bot is a stage moderator, for scheduled events (STAGE_INSTANCE). */
  stageChannel: '1300000000000000304',
  /** Bastien, role Lecteurs: the default user of interactions. */
  reader: '1300000000000000401',
  /** Camille, role Modérateurs (ManageGuild | ManageMessages). */
  moderator: '1300000000000000402',
  /** Zoé, no role. */
  member: '1300000000000000403',
  /** Owner of the guild (not the default user: owners bypass every permission). */
  owner: '1300000000000000404',
} as const;

export const DEFAULT_BOT_USER: BotUserFixture = { id: DEFAULT_IDS.botUser, username: 'Tribune' };

export const DEFAULT_TOKEN = `${Buffer.from(DEFAULT_IDS.botUser).toString('base64url')}.emulator.fake-bot-token`;

const EVERYONE_PERMISSIONS = bits(
  Permission.ViewChannel,
  Permission.SendMessages,
  Permission.ReadMessageHistory,
  Permission.AddReactions,
  Permission.EmbedLinks,
  Permission.AttachFiles,
  Permission.UseApplicationCommands,
  Permission.CreatePublicThreads,
  Permission.SendMessagesInThreads,
  Permission.Connect,
  Permission.Speak,
);

/**
 * What the bot needs: view, send, embed, attach, read history, create and talk in public threads,
 * create scheduled events (revoke it with `emulator.setBotPermissions(Permission.CreateEvents, false)`).
 */
export const BOT_PERMISSIONS = bits(
  Permission.ViewChannel,
  Permission.SendMessages,
  Permission.EmbedLinks,
  Permission.AttachFiles,
  Permission.ReadMessageHistory,
  Permission.CreatePublicThreads,
  Permission.SendMessagesInThreads,
  Permission.CreateEvents,
);

/** Stage moderators hold these in the stage channel; Discord asks them of a stage event's creator. */
const STAGE_MODERATOR = bits(
  Permission.ManageChannels,
  Permission.MuteMembers,
  Permission.MoveMembers,
);

export const MODERATOR_PERMISSIONS = bits(Permission.ManageGuild, Permission.ManageMessages);

/**
 * The default guild: two text channels, a voice and a stage channel, @everyone, Modérateurs,
 * Lecteurs, a bot role, 4 members.
 */
export function defaultGuild(overrides: Partial<GuildFixture> = {}): GuildFixture {
  const ids = DEFAULT_IDS;
  return {
    id: ids.guild,
    name: 'Cercle de lecture',
    preferred_locale: 'fr',
    owner_id: ids.owner,
    roles: [
      { id: ids.everyoneRole, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0 },
      {
        id: ids.moderatorRole,
        name: 'Modérateurs',
        permissions: MODERATOR_PERMISSIONS,
        position: 3,
        hoist: true,
      },
      { id: ids.readerRole, name: 'Lecteurs', permissions: '0', position: 1, mentionable: true },
      {
        id: ids.botRole,
        name: DEFAULT_BOT_USER.username,
        permissions: BOT_PERMISSIONS,
        position: 2,
        managed: true,
      },
    ],
    channels: [
      { id: ids.generalChannel, name: 'général', type: 0, position: 0 },
      { id: ids.clubChannel, name: 'club-lecture', type: 0, position: 1 },
      { id: ids.voiceChannel, name: 'Discussion', type: 2, position: 2 },
      {
        id: ids.stageChannel,
        name: 'Amphithéâtre',
        type: 13,
        position: 3,
        permission_overwrites: [
          { id: DEFAULT_BOT_USER.id, type: 1, allow: STAGE_MODERATOR, deny: '0' },
        ],
      },
    ],
    members: [
      { id: ids.reader, username: 'bastien', global_name: 'Bastien', roles: [ids.readerRole] },
      {
        id: ids.moderator,
        username: 'camille',
        global_name: 'Camille',
        roles: [ids.moderatorRole],
      },
      { id: ids.member, username: 'zoe', global_name: 'Zoé', roles: [] },
      { id: ids.owner, username: 'odile', global_name: 'Odile', roles: [ids.moderatorRole] },
      {
        id: DEFAULT_BOT_USER.id,
        username: DEFAULT_BOT_USER.username,
        bot: true,
        roles: [ids.botRole],
      },
    ],
    ...overrides,
  };
}

/** Ids of `shardOneGuild()`, which Discord routes to shard 1 of 2 (the default guild: shard 0). */
export const SHARD_ONE_IDS = {
  guild: guildIdOnShard(1, 2),
  botRole: '1300000000000008203',
  channel: '1300000000000008301',
  voiceChannel: '1300000000000008303',
  /** Yanis, no role: the default user of interactions there. */
  member: '1300000000000008401',
  owner: '1300000000000008404',
};

/** A small guild on shard 1 of 2: one text and one voice channel, a bot role, two members. */
export function shardOneGuild(): GuildFixture {
  const ids = SHARD_ONE_IDS;
  return {
    id: ids.guild,
    name: 'Cercle du soir',
    preferred_locale: 'fr',
    owner_id: ids.owner,
    roles: [
      { id: ids.guild, name: '@everyone', permissions: EVERYONE_PERMISSIONS, position: 0 },
      {
        id: ids.botRole,
        name: DEFAULT_BOT_USER.username,
        permissions: BOT_PERMISSIONS,
        position: 1,
        managed: true,
      },
    ],
    channels: [
      { id: ids.channel, name: 'lecture-du-soir', type: 0, position: 0 },
      { id: ids.voiceChannel, name: 'Salon du soir', type: 2, position: 1 },
    ],
    members: [
      { id: ids.member, username: 'yanis', global_name: 'Yanis', roles: [] },
      { id: ids.owner, username: 'ines', global_name: 'Inès', roles: [] },
      {
        id: DEFAULT_BOT_USER.id,
        username: DEFAULT_BOT_USER.username,
        bot: true,
        roles: [ids.botRole],
      },
    ],
  };
}

/** Two guilds, one per shard of two: `defaultGuild()` (shard 0) and `shardOneGuild()` (shard 1). */
export function twoShardGuilds(): GuildFixture[] {
  return [defaultGuild(), shardOneGuild()];
}

let nextGeneratedMember = 1400000000000000000n;

/** N distinct members with fresh snowflake-like ids (unique within the process). */
export function makeMembers(count: number, options: CreateMembersOptions = {}): MemberFixture[] {
  const prefix = options.prefix ?? 'lecteur';
  const width = Math.max(4, String(count).length);
  const members: MemberFixture[] = [];
  for (let index = 0; index < count; index++) {
    nextGeneratedMember += 1n;
    const member: MemberFixture = {
      id: nextGeneratedMember.toString(),
      username: `${prefix}-${String(index + 1).padStart(width, '0')}`,
      roles: [...(options.roles ?? [])],
    };
    if (options.locale !== undefined) member.locale = options.locale;
    members.push(member);
  }
  return members;
}
