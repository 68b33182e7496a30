// Gateway discovery, the bot user, the application, command registration and guild lookups.
import type { Context } from './context';
import { ApiError, Errors } from './errors';
import { NO_CONTENT, json, route } from './http';
import type { ApiRequest, RouteDefinition } from './http';
import { snowflake } from './ids';
import { validateCommandList, validateSingleCommand } from './request-schemas';
import type { JsonObject, RegisteredCommand } from './types';
import type { GuildState } from './world';

export function appRoutes(context: Context, gatewayUrl: () => string): RouteDefinition[] {
  const { world } = context;

  const checkApplication = (request: ApiRequest): void => {
    if (request.params.applicationId !== world.applicationId) {
      throw new ApiError(403, 50001, 'Missing Access', {
        violation: `application id ${request.params.applicationId ?? ''} is not ${world.applicationId}`,
      });
    }
  };

  const guildOf = (request: ApiRequest): GuildState => {
    const guild = world.guild(request.params.guildId ?? '');
    if (!guild) throw Errors.unknownGuild();
    return guild;
  };

  /** The command map of the route: global, or one guild's. */
  const commandMap = (request: ApiRequest): Map<string, RegisteredCommand> => {
    checkApplication(request);
    if (request.params.guildId === undefined) return world.globalCommands;
    const guild = guildOf(request);
    let map = world.guildCommands.get(guild.id);
    if (!map) {
      map = new Map();
      world.guildCommands.set(guild.id, map);
    }
    return map;
  };

  const toCommand = (
    input: JsonObject,
    previous: ReadonlyMap<string, RegisteredCommand>,
    guildId: string | undefined,
  ): RegisteredCommand => {
    const type = typeof input.type === 'number' ? input.type : 1;
    const name = String(input.name);
    // Discord keeps a command's id when it is re-registered under the same name and type.
    const existing = [...previous.values()].find((c) => c.name === name && c.type === type);
    const permissions = input.default_member_permissions;
    const command: RegisteredCommand = {
      ...input,
      id: existing?.id ?? snowflake(),
      application_id: world.applicationId,
      name,
      type,
      description: typeof input.description === 'string' ? input.description : '',
      options: Array.isArray(input.options) ? (input.options as JsonObject[]) : [],
      default_member_permissions:
        typeof permissions === 'string' || typeof permissions === 'number'
          ? String(permissions)
          : null,
      nsfw: input.nsfw ?? false,
      contexts: input.contexts ?? null,
      integration_types: input.integration_types ?? [0],
      version: snowflake(),
    };
    if (guildId !== undefined) command.guild_id = guildId;
    return command;
  };

  const putCommands = (request: ApiRequest): ReturnType<typeof json> => {
    const map = commandMap(request);
    const list = validateCommandList(request.body);
    const previous = new Map(map);
    map.clear();
    for (const input of list) {
      const command = toCommand(input as JsonObject, previous, request.params.guildId);
      map.set(command.id, command);
    }
    context.recorder.changed();
    return json([...map.values()]);
  };

  const postCommand = (request: ApiRequest): ReturnType<typeof json> => {
    const map = commandMap(request);
    validateSingleCommand(request.body);
    const command = toCommand(request.body as JsonObject, map, request.params.guildId);
    const isNew = !map.has(command.id);
    map.set(command.id, command);
    context.recorder.changed();
    return json(command, isNew ? 201 : 200);
  };

  const deleteCommand = (request: ApiRequest): typeof NO_CONTENT => {
    const map = commandMap(request);
    if (!map.delete(request.params.commandId ?? '')) throw Errors.unknownCommand();
    context.recorder.changed();
    return NO_CONTENT;
  };

  const getCommand = (request: ApiRequest): ReturnType<typeof json> => {
    const command = commandMap(request).get(request.params.commandId ?? '');
    if (!command) throw Errors.unknownCommand();
    return json(command);
  };

  const global = '/applications/:applicationId/commands';
  const guild = '/applications/:applicationId/guilds/:guildId/commands';
  return [
    route('GET', '/gateway', () => json({ url: gatewayUrl() }), false),
    route('GET', '/gateway/bot', () => json(context.gateway.botGatewayInfo())),
    route('GET', '/users/@me', () => json(world.botUserJson())),
    route('GET', '/users/:userId', (r) => {
      const user = world.findUser(r.params.userId ?? '');
      if (!user) throw new ApiError(404, 10013, 'Unknown User');
      return json(world.userJson(user));
    }),
    route('GET', '/applications/@me', () =>
      json({
        id: world.applicationId,
        name: world.botUser.username,
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        owner: { id: '1300000000000000999', username: 'owner', discriminator: '0', avatar: null },
        team: null,
        bot: world.botUserJson(),
        approximate_guild_count: world.guilds.size,
        install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
        integration_types_config: { '0': {} },
      }),
    ),
    ...[global, guild].flatMap((base) => [
      route('GET', base, (r) => json([...commandMap(r).values()])),
      route('PUT', base, putCommands),
      route('POST', base, postCommand),
      route('GET', `${base}/:commandId`, getCommand),
      route('DELETE', `${base}/:commandId`, deleteCommand),
    ]),
    route('GET', '/guilds/:guildId', (r) => json(world.guildJson(guildOf(r), false))),
    route('GET', '/guilds/:guildId/channels', (r) =>
      json(
        world
          .guildChannels(guildOf(r).id)
          .filter((c) => !c.thread)
          .map((c) => world.channelJson(c)),
      ),
    ),
    route('GET', '/guilds/:guildId/roles', (r) =>
      json([...guildOf(r).roles.values()].map((role) => world.roleJson(role))),
    ),
    route('GET', '/guilds/:guildId/members/:userId', (r) => {
      const guildState = guildOf(r);
      const member = guildState.members.get(r.params.userId ?? '');
      if (!member) throw Errors.unknownMember();
      return json(world.memberJson(guildState.id, member));
    }),
  ];
}
