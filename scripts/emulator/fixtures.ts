import { Permission, bits } from './permissions';
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
);

/** What the bot needs: view, send, embed, attach, read history, create and talk in public threads. */
export const BOT_PERMISSIONS = bits(
  Permission.ViewChannel,
  Permission.SendMessages,
  Permission.EmbedLinks,
  Permission.AttachFiles,
  Permission.ReadMessageHistory,
  Permission.CreatePublicThreads,
  Permission.SendMessagesInThreads,
);

export const MODERATOR_PERMISSIONS = bits(Permission.ManageGuild, Permission.ManageMessages);

/** The default guild: two text channels, @everyone, Modérateurs, Lecteurs, a bot role, 4 members. */
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
