// INTERACTION_CREATE payloads complete enough for discord.js (it throws inside its packet
// handler, and kills the process, when a field it reads is missing).
import { randomToken, snowflake } from './ids';
import type {
  AttachmentFile,
  CommandInvocation,
  JsonObject,
  MemberFixture,
  OptionValue,
  RegisteredCommand,
  UserRef,
} from './types';
import type { ChannelState, GuildState, World } from './world';

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

const OPTION_TYPE_NAMES: Record<number, string> = {
  3: 'string',
  4: 'integer',
  5: 'boolean',
  6: 'user',
  7: 'channel',
  8: 'role',
  9: 'mentionable',
  10: 'number',
  11: 'attachment',
};

export interface Actor {
  guild: GuildState;
  channel: ChannelState;
  member: MemberFixture;
  locale: string;
  permissions: string;
}

export interface ActorRequest {
  guildId?: string | undefined;
  channelId?: string | undefined;
  user?: UserRef | undefined;
  locale?: string | undefined;
  permissions?: string | bigint | undefined;
}

/** Who acts, where, with which permissions; unknown user ids become members on the fly. */
export function resolveActor(world: World, request: ActorRequest): Actor {
  const guild = request.guildId ? world.guild(request.guildId) : world.firstGuild();
  if (!guild) throw new Error(`Unknown guild ${request.guildId ?? ''}`);
  const channel = request.channelId
    ? world.channels.get(request.channelId)
    : world.firstTextChannel(guild.id);
  if (!channel) throw new Error(`Unknown channel ${request.channelId ?? ''} (deleted?)`);
  if (channel.guildId !== guild.id) {
    throw new Error(`Channel ${channel.id} is not in guild ${guild.id}`);
  }
  let member: MemberFixture;
  if (request.user === undefined) {
    const first = [...guild.members.values()].find((m) => m.bot !== true);
    if (!first) throw new Error(`Guild ${guild.id} has no human member`);
    member = first;
  } else if (typeof request.user === 'string') {
    member = world.ensureMember(guild.id, request.user);
  } else {
    const given = request.user;
    const known = guild.members.get(given.id);
    if (known) {
      member = known;
    } else {
      member = { ...given, roles: [...(given.roles ?? [])] };
      guild.members.set(member.id, member);
    }
  }
  const permissions =
    request.permissions !== undefined
      ? String(request.permissions)
      : world.permissionsIn(channel, member).toString();
  return {
    guild,
    channel,
    member,
    locale: request.locale ?? member.locale ?? guild.preferredLocale,
    permissions,
  };
}

/** Fields every interaction carries. */
export function basePayload(world: World, actor: Actor, type: number): JsonObject {
  const { guild, channel, member } = actor;
  const appPermissions = world.botPermissionsIn(channel).toString();
  return {
    id: snowflake(),
    application_id: world.applicationId,
    type,
    token: `aW50ZXJhY3Rpb24${randomToken(120)}`,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
    channel: { ...world.channelJson(channel), permissions: actor.permissions },
    channel_id: channel.id,
    member: { ...world.memberJson(guild.id, member), permissions: actor.permissions },
    app_permissions: appPermissions,
    locale: actor.locale,
    guild_locale: guild.preferredLocale,
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

function findCommand(world: World, guildId: string, name: string): RegisteredCommand | undefined {
  const isChatInput = (c: RegisteredCommand): boolean => c.name === name && c.type === 1;
  const inGuild = [...(world.guildCommands.get(guildId)?.values() ?? [])].find(isChatInput);
  return inGuild ?? [...world.globalCommands.values()].find(isChatInput);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionDefs(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

interface Resolved {
  users: JsonObject;
  members: JsonObject;
  roles: JsonObject;
  channels: JsonObject;
  attachments: JsonObject;
}

/** Hosts a file on the emulator's CDN and returns its `resolved.attachments` entry. */
export type HostFile = (file: AttachmentFile) => JsonObject & { id: string };

function isAttachmentFile(value: unknown): value is AttachmentFile {
  return isObject(value) && typeof value.filename === 'string' && 'data' in value;
}

function resolveValue(
  world: World,
  actor: Actor,
  def: JsonObject,
  value: OptionValue,
  resolved: Resolved,
  where: string,
): void {
  const type = def.type;
  const id = String(value);
  const addUser = (): boolean => {
    const member = actor.guild.members.get(id) ?? world.ensureMember(actor.guild.id, id);
    resolved.users[id] = world.userJson(member);
    const memberJson = world.memberJson(actor.guild.id, member, false);
    memberJson.permissions = world.permissionsIn(actor.channel, member).toString();
    resolved.members[id] = memberJson;
    return true;
  };
  const addRole = (): boolean => {
    const role = actor.guild.roles.get(id);
    if (!role) return false;
    resolved.roles[id] = world.roleJson(role);
    return true;
  };
  if (type === OptionType.User) {
    addUser();
  } else if (type === OptionType.Role) {
    if (!addRole()) throw new Error(`${where}: unknown role ${id} in guild ${actor.guild.id}`);
  } else if (type === OptionType.Mentionable) {
    if (!addRole()) addUser();
  } else if (type === OptionType.Channel) {
    const channel = world.channels.get(id);
    if (channel?.guildId !== actor.guild.id) {
      throw new Error(`${where}: unknown channel ${id} in guild ${actor.guild.id}`);
    }
    const allowed = Array.isArray(def.channel_types) ? (def.channel_types as unknown[]) : null;
    if (allowed && !allowed.includes(channel.type)) {
      throw new Error(
        `${where}: channel type ${channel.type} not in channel_types ${JSON.stringify(allowed)}`,
      );
    }
    resolved.channels[id] = {
      ...world.channelJson(channel),
      permissions: world.permissionsIn(channel, actor.member).toString(),
    };
  }
}

function checkValue(def: JsonObject, value: OptionValue, where: string, focused: boolean): void {
  const type = typeof def.type === 'number' ? def.type : 0;
  const expected = OPTION_TYPE_NAMES[type] ?? `type ${type}`;
  // While typing, autocomplete sends whatever is in the box as a string.
  if (focused) return;
  const ok =
    type === OptionType.String
      ? typeof value === 'string'
      : type === OptionType.Integer
        ? Number.isInteger(value)
        : type === OptionType.Number
          ? typeof value === 'number' && Number.isFinite(value)
          : type === OptionType.Boolean
            ? typeof value === 'boolean'
            : typeof value === 'string' && /^\d+$/.test(value);
  if (!ok) throw new Error(`${where}: ${JSON.stringify(value)} is not a valid ${expected} value`);
  const choices = optionDefs(def.choices);
  if (choices.length > 0 && !choices.some((choice) => choice.value === value)) {
    throw new Error(
      `${where}: ${JSON.stringify(value)} is not one of the choices ${JSON.stringify(choices.map((c) => c.value))}`,
    );
  }
  if (typeof value === 'number') {
    if (typeof def.min_value === 'number' && value < def.min_value) {
      throw new Error(`${where}: ${value} < min_value ${def.min_value}`);
    }
    if (typeof def.max_value === 'number' && value > def.max_value) {
      throw new Error(`${where}: ${value} > max_value ${def.max_value}`);
    }
  }
  if (typeof value === 'string' && type === OptionType.String) {
    if (typeof def.min_length === 'number' && value.length < def.min_length) {
      throw new Error(`${where}: shorter than min_length ${def.min_length}`);
    }
    if (typeof def.max_length === 'number' && value.length > def.max_length) {
      throw new Error(`${where}: longer than max_length ${def.max_length}`);
    }
  }
}

/** The option's value: an attachment is hosted and referred to by its id. */
function optionValue(
  def: JsonObject,
  given: OptionValue | AttachmentFile,
  where: string,
  resolved: Resolved,
  hostFile: HostFile,
): OptionValue {
  const isAttachment = def.type === OptionType.Attachment;
  if (!isAttachmentFile(given)) {
    if (isAttachment) throw new Error(`${where}: pass a file ({ filename, data, ... })`);
    return given;
  }
  if (!isAttachment) throw new Error(`${where}: a file was given to a non-attachment option`);
  const attachment = hostFile(given);
  resolved.attachments[attachment.id] = attachment;
  return attachment.id;
}

function leafOptions(
  world: World,
  actor: Actor,
  defs: JsonObject[],
  values: Record<string, OptionValue | AttachmentFile>,
  focused: string | null,
  resolved: Resolved,
  path: string,
  hostFile: HostFile,
): JsonObject[] {
  const options: JsonObject[] = [];
  const entries = Object.entries(values);
  if (focused !== null && !(focused in values)) entries.push([focused, '']);
  for (const [name, given] of entries) {
    const def = defs.find((d) => d.name === name);
    const where = `${path} option "${name}"`;
    if (!def) {
      const known = defs.map((d) => String(d.name)).join(', ') || 'none';
      throw new Error(`${where} is not declared (declared: ${known})`);
    }
    const isFocused = name === focused;
    const value = optionValue(def, given, where, resolved, hostFile);
    if (def.type !== OptionType.Attachment) {
      checkValue(def, value, where, isFocused);
      if (!isFocused) resolveValue(world, actor, def, value, resolved, where);
    }
    const option: JsonObject = { name, type: def.type, value };
    if (isFocused) option.focused = true;
    options.push(option);
  }
  if (focused === null) {
    const missing = defs.filter((d) => d.required === true && !(String(d.name) in values));
    if (missing.length > 0) {
      throw new Error(
        `${path}: required option(s) missing: ${missing.map((d) => String(d.name)).join(', ')}`,
      );
    }
  }
  return options;
}

/** `data` of a chat-input (or autocomplete) interaction, checked against the registered command. */
export function commandData(
  world: World,
  actor: Actor,
  invocation: CommandInvocation,
  focused: string | null,
  hostFile: HostFile,
): { data: JsonObject; command: RegisteredCommand } {
  const command = findCommand(world, actor.guild.id, invocation.name);
  if (!command) {
    const known = [
      ...[...(world.guildCommands.get(actor.guild.id)?.values() ?? [])].map((c) => c.name),
      ...[...world.globalCommands.values()].map((c) => c.name),
    ];
    throw new Error(
      `/${invocation.name} is not registered (registered: ${known.join(', ') || 'none'}); the bot must register its commands first`,
    );
  }
  const resolved: Resolved = { users: {}, members: {}, roles: {}, channels: {}, attachments: {} };
  const values = invocation.options ?? {};
  let defs = optionDefs(command.options);
  let path = `/${command.name}`;
  const wrap: ((inner: JsonObject[]) => JsonObject[])[] = [];
  const hasSubcommands = defs.some(
    (d) => d.type === OptionType.Subcommand || d.type === OptionType.SubcommandGroup,
  );
  if (hasSubcommands) {
    if (invocation.subcommandGroup !== undefined) {
      const group = defs.find(
        (d) => d.type === OptionType.SubcommandGroup && d.name === invocation.subcommandGroup,
      );
      if (!group)
        throw new Error(`${path}: unknown subcommand group "${invocation.subcommandGroup}"`);
      path += ` ${invocation.subcommandGroup}`;
      defs = optionDefs(group.options);
      const groupName = invocation.subcommandGroup;
      wrap.push((inner) => [{ name: groupName, type: OptionType.SubcommandGroup, options: inner }]);
    }
    const sub = defs.find(
      (d) => d.type === OptionType.Subcommand && d.name === invocation.subcommand,
    );
    if (!sub) {
      const known = defs.map((d) => String(d.name)).join(', ');
      throw new Error(
        `${path}: pass subcommand (and subcommandGroup if needed); choices: ${known}`,
      );
    }
    path += ` ${String(sub.name)}`;
    defs = optionDefs(sub.options);
    const subName = String(sub.name);
    wrap.push((inner) => [{ name: subName, type: OptionType.Subcommand, options: inner }]);
  } else if (invocation.subcommand !== undefined) {
    throw new Error(`${path} has no subcommands`);
  }
  let options = leafOptions(world, actor, defs, values, focused, resolved, path, hostFile);
  for (const wrapper of wrap.reverse()) options = wrapper(options);
  const data: JsonObject = {
    id: command.id,
    name: command.name,
    type: 1,
    options,
    guild_id: command.guild_id,
  };
  if (command.guild_id === undefined) delete data.guild_id;
  const nonEmpty = Object.entries(resolved).filter(
    ([, map]) => Object.keys(map as JsonObject).length > 0,
  );
  if (nonEmpty.length > 0) data.resolved = Object.fromEntries(nonEmpty);
  return { data, command };
}
