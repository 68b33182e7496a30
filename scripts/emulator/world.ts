import { isoTime, snowflake } from './ids';
import { Permission, basePermissions, channelPermissions } from './permissions';
import { isUpcoming, scheduledEventJson } from './scheduled-events';
import type {
  BotUserFixture,
  ChannelFixture,
  GuildFixture,
  JsonObject,
  MemberFixture,
  PermissionOverwriteFixture,
  RegisteredCommand,
  RoleFixture,
  StoredScheduledEvent,
} from './types';

export interface GuildState {
  id: string;
  name: string;
  preferredLocale: string;
  ownerId: string;
  roles: Map<string, RoleFixture>;
  members: Map<string, MemberFixture>;
  joinedAt: string;
}

export interface ThreadInfo {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: number;
  createdAt: string;
  messageCount: number;
}

export interface ChannelState {
  id: string;
  guildId: string;
  name: string;
  type: number;
  topic: string | null;
  position: number;
  parentId: string | null;
  overwrites: PermissionOverwriteFixture[];
  thread: ThreadInfo | null;
}

/** Channel types a bot can post messages in. */
export const TEXT_TYPES: ReadonlySet<number> = new Set([0, 5, 10, 11, 12]);

export const ChannelType = { Voice: 2, Stage: 13 } as const;

/** Guilds, channels, members and registered commands: the emulated Discord "database". */
export class World {
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly globalCommands = new Map<string, RegisteredCommand>();
  readonly guildCommands = new Map<string, Map<string, RegisteredCommand>>();
  /** Scheduled events of every guild, deleted ones included (`deletedAt`). */
  readonly scheduledEvents = new Map<string, StoredScheduledEvent>();

  constructor(
    readonly botUser: BotUserFixture,
    readonly applicationId: string,
    guilds: readonly GuildFixture[],
  ) {
    for (const guild of guilds) this.addGuild(guild);
  }

  addGuild(fixture: GuildFixture): void {
    const roles = new Map((fixture.roles ?? []).map((role) => [role.id, { ...role }]));
    if (!roles.has(fixture.id)) {
      roles.set(fixture.id, { id: fixture.id, name: '@everyone', permissions: '0', position: 0 });
    }
    const members = new Map(
      (fixture.members ?? []).map((m) => [m.id, { ...m, roles: [...(m.roles ?? [])] }]),
    );
    if (!members.has(this.botUser.id)) {
      members.set(this.botUser.id, {
        id: this.botUser.id,
        username: this.botUser.username,
        bot: true,
        roles: [],
      });
    }
    const firstHuman = [...members.values()].find((m) => m.bot !== true);
    this.guilds.set(fixture.id, {
      id: fixture.id,
      name: fixture.name,
      preferredLocale: fixture.preferred_locale ?? 'fr',
      ownerId: fixture.owner_id ?? firstHuman?.id ?? this.botUser.id,
      roles,
      members,
      joinedAt: isoTime(Date.now() - 86_400_000),
    });
    (fixture.channels ?? []).forEach((channel, index) => {
      this.addChannel(fixture.id, channel, index);
    });
  }

  addChannel(guildId: string, fixture: ChannelFixture, position = 0): ChannelState {
    const channel: ChannelState = {
      id: fixture.id,
      guildId,
      name: fixture.name,
      type: fixture.type ?? 0,
      topic: fixture.topic ?? null,
      position: fixture.position ?? position,
      parentId: fixture.parent_id ?? null,
      overwrites: [...(fixture.permission_overwrites ?? [])],
      thread: null,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  guild(id: string): GuildState | undefined {
    return this.guilds.get(id);
  }

  firstGuild(): GuildState {
    const guild = this.guilds.values().next().value;
    if (!guild) throw new Error('The emulator has no guild');
    return guild;
  }

  guildChannels(guildId: string): ChannelState[] {
    return [...this.channels.values()].filter((c) => c.guildId === guildId);
  }

  firstTextChannel(guildId: string): ChannelState {
    const channel = this.guildChannels(guildId).find((c) => c.type === 0 || c.type === 5);
    if (!channel) throw new Error(`Guild ${guildId} has no text channel`);
    return channel;
  }

  botMember(guildId: string): MemberFixture {
    const member = this.guilds.get(guildId)?.members.get(this.botUser.id);
    if (!member) throw new Error(`The bot is not a member of guild ${guildId}`);
    return member;
  }

  /** Permissions of a member in a channel (threads inherit their parent's overwrites). */
  permissionsIn(channel: ChannelState, member: MemberFixture): bigint {
    const guild = this.guilds.get(channel.guildId);
    if (!guild) return 0n;
    const source =
      channel.thread && channel.parentId
        ? (this.channels.get(channel.parentId) ?? channel)
        : channel;
    return channelPermissions(guild, source.overwrites, member);
  }

  botPermissionsIn(channel: ChannelState): bigint {
    return this.permissionsIn(channel, this.botMember(channel.guildId));
  }

  memberBasePermissions(guildId: string, member: MemberFixture): bigint {
    const guild = this.guilds.get(guildId);
    return guild ? basePermissions(guild, member) : 0n;
  }

  botBasePermissions(guildId: string): bigint {
    return this.memberBasePermissions(guildId, this.botMember(guildId));
  }

  /**
   * Grants or revokes guild-level permissions of the bot through its managed role (created if
   * the bot has none). Returns the changed role. Revoking what @everyone or another of the
   * bot's roles still grants throws: the test must change that role instead.
   */
  setBotPermissions(guildId: string, flags: bigint, granted: boolean): RoleFixture {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}`);
    const member = this.botMember(guildId);
    let role = (member.roles ?? [])
      .map((id) => guild.roles.get(id))
      .find((r): r is RoleFixture => r?.managed === true);
    if (!role) {
      role = { id: snowflake(), name: this.botUser.username, permissions: '0', managed: true };
      guild.roles.set(role.id, role);
      member.roles = [...(member.roles ?? []), role.id];
    }
    const before = role.permissions;
    const current = BigInt(before);
    role.permissions = (granted ? current | flags : current & ~flags).toString();
    if (!granted && (basePermissions(guild, member) & flags) !== 0n) {
      role.permissions = before;
      throw new Error(
        `The bot still gets permission bits ${flags} from @everyone, another role or ownership in guild ${guildId}: change that instead`,
      );
    }
    return role;
  }

  /** Finds a user by id in any guild (members) or the bot itself. */
  findUser(userId: string): MemberFixture | undefined {
    if (userId === this.botUser.id) {
      return { id: userId, username: this.botUser.username, bot: true };
    }
    for (const guild of this.guilds.values()) {
      const member = guild.members.get(userId);
      if (member) return member;
    }
    return undefined;
  }

  // --- JSON shapes sent to discord.js ------------------------------------------------------

  userJson(user: MemberFixture | BotUserFixture): JsonObject {
    const member = user as MemberFixture;
    return {
      id: user.id,
      username: user.username,
      global_name: member.global_name ?? null,
      discriminator: '0',
      avatar: null,
      bot: member.bot === true || user.id === this.botUser.id,
      public_flags: 0,
      flags: 0,
    };
  }

  botUserJson(): JsonObject {
    return {
      ...this.userJson(this.botUser),
      bot: true,
      verified: true,
      mfa_enabled: false,
      email: null,
      locale: 'en-US',
    };
  }

  memberJson(guildId: string, member: MemberFixture, withUser = true): JsonObject {
    const guild = this.guilds.get(guildId);
    const json: JsonObject = {
      roles: [...(member.roles ?? [])],
      nick: member.nick ?? null,
      avatar: null,
      banner: null,
      joined_at: guild?.joinedAt ?? isoTime(Date.now()),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
    if (withUser) json.user = this.userJson(member);
    return json;
  }

  roleJson(role: RoleFixture): JsonObject {
    return {
      id: role.id,
      name: role.name,
      color: role.color ?? 0,
      colors: { primary_color: role.color ?? 0, secondary_color: null, tertiary_color: null },
      hoist: role.hoist ?? false,
      icon: null,
      unicode_emoji: null,
      position: role.position ?? 0,
      permissions: role.permissions,
      managed: role.managed ?? false,
      mentionable: role.mentionable ?? false,
      flags: 0,
      ...(role.managed === true ? { tags: { bot_id: this.botUser.id } } : {}),
    };
  }

  channelJson(channel: ChannelState): JsonObject {
    const json: JsonObject = {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      position: channel.position,
      parent_id: channel.parentId,
      flags: 0,
    };
    if (channel.thread) {
      json.owner_id = channel.thread.ownerId;
      json.last_message_id = null;
      json.rate_limit_per_user = 0;
      json.message_count = channel.thread.messageCount;
      json.member_count = 1;
      json.total_message_sent = channel.thread.messageCount;
      json.thread_metadata = {
        archived: channel.thread.archived,
        locked: channel.thread.locked,
        auto_archive_duration: channel.thread.autoArchiveDuration,
        archive_timestamp: channel.thread.createdAt,
        create_timestamp: channel.thread.createdAt,
        invitable: channel.type === 12 ? true : undefined,
      };
      delete json.position;
    } else {
      json.topic = channel.topic;
      json.nsfw = false;
      json.last_message_id = null;
      json.rate_limit_per_user = 0;
      json.permission_overwrites = channel.overwrites.map((o) => ({ ...o }));
      if (channel.type === ChannelType.Voice || channel.type === ChannelType.Stage) {
        json.bitrate = 64000;
        json.user_limit = 0;
        json.rtc_region = null;
        json.video_quality_mode = 1;
      }
    }
    return json;
  }

  guildJson(guild: GuildState, forGateway: boolean): JsonObject {
    const json: JsonObject = {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      region: 'europe',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: guild.preferredLocale,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      max_members: 500000,
      max_video_channel_users: 25,
      application_id: null,
      features: [],
      roles: [...guild.roles.values()].map((role) => this.roleJson(role)),
      emojis: [],
      stickers: [],
    };
    if (forGateway) {
      const channels = this.guildChannels(guild.id);
      json.joined_at = guild.joinedAt;
      json.large = false;
      json.unavailable = false;
      json.member_count = guild.members.size;
      json.members = [...guild.members.values()].map((m) => this.memberJson(guild.id, m));
      json.channels = channels.filter((c) => !c.thread).map((c) => this.channelJson(c));
      json.threads = channels.filter((c) => c.thread).map((c) => this.channelJson(c));
      json.presences = [];
      json.voice_states = [];
      json.stage_instances = [];
      json.guild_scheduled_events = [...this.scheduledEvents.values()]
        .filter((event) => event.guildId === guild.id && isUpcoming(event))
        .map((event) => this.scheduledEventJson(event, false));
      json.soundboard_sounds = [];
    }
    return json;
  }

  scheduledEventJson(event: StoredScheduledEvent, withUserCount: boolean): JsonObject {
    const creator = this.findUser(event.creatorId);
    return scheduledEventJson(event, creator ? this.userJson(creator) : null, withUserCount);
  }

  /** Adds a member on the fly (used when a test names an unknown user id). */
  ensureMember(guildId: string, userId: string): MemberFixture {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}`);
    let member = guild.members.get(userId);
    if (!member) {
      member = { id: userId, username: `user-${userId.slice(-6)}`, roles: [] };
      guild.members.set(userId, member);
    }
    return member;
  }

  createThread(parent: ChannelState, name: string, type: number, id = snowflake()): ChannelState {
    const createdAt = isoTime(Date.now());
    const thread = this.addChannel(parent.guildId, {
      id,
      name,
      type,
      parent_id: parent.id,
    });
    thread.thread = {
      ownerId: this.botUser.id,
      archived: false,
      locked: false,
      autoArchiveDuration: 4320,
      createdAt,
      messageCount: 0,
    };
    return thread;
  }

  canBotSend(channel: ChannelState): boolean {
    const permissions = this.botPermissionsIn(channel);
    const send = channel.thread ? Permission.SendMessagesInThreads : Permission.SendMessages;
    return (permissions & (Permission.ViewChannel | send)) === (Permission.ViewChannel | send);
  }
}
