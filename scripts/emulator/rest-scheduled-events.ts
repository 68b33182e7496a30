// Guild scheduled events: list, create, get, modify, delete, with Discord's permissions per
// entity type, its limits, and GUILD_SCHEDULED_EVENT_* dispatches to the guild's shard.
import { announceScheduledEvent } from './context';
import type { Context } from './context';
import { ApiError, Errors } from './errors';
import { NO_CONTENT, json, route } from './http';
import type { ApiRequest, ApiResponse, RouteDefinition } from './http';
import { now } from './ids';
import { Permission, has } from './permissions';
import { validateScheduledEvent } from './request-schemas';
import { EVENT_LIMITS, eventFields } from './scheduled-event-rules';
import type { EventRuleContext } from './scheduled-event-rules';
import { EntityType, isFinished, isUpcoming, newScheduledEvent } from './scheduled-events';
import type { EventFields } from './scheduled-events';
import type { StoredScheduledEvent } from './types';
import type { GuildState } from './world';

/** Permissions Discord asks in the event's channel, besides Create/Manage Events. */
const CHANNEL_NEEDS: ReadonlyMap<number, bigint> = new Map([
  [EntityType.Voice, Permission.ViewChannel | Permission.Connect],
  [
    EntityType.StageInstance,
    Permission.ManageChannels | Permission.MuteMembers | Permission.MoveMembers,
  ],
]);

const unknownEvent = (): ApiError => new ApiError(404, 10070, 'Unknown Guild Scheduled Event');

export function scheduledEventRoutes(context: Context): RouteDefinition[] {
  const { world } = context;

  const guildOf = (request: ApiRequest): GuildState => {
    const guild = world.guild(request.params.guildId ?? '');
    if (!guild) throw Errors.unknownGuild();
    return guild;
  };

  /** The bot's permissions where the event takes place: its channel, or the guild (external). */
  const botPermissionsFor = (guild: GuildState, channelId: string | null): bigint => {
    const channel = channelId === null ? undefined : world.channels.get(channelId);
    return channel ? world.botPermissionsIn(channel) : world.botBasePermissions(guild.id);
  };

  const canSee = (guild: GuildState, event: StoredScheduledEvent): boolean =>
    event.entityType === EntityType.External ||
    has(botPermissionsFor(guild, event.channelId), Permission.ViewChannel);

  /**
   * Discord's rules: creating takes Create Events; changing or deleting the bot's own event takes
   * Create or Manage Events, someone else's Manage Events; plus CHANNEL_NEEDS in the channel.
   */
  const requirePermissions = (
    guild: GuildState,
    event: Pick<StoredScheduledEvent, 'entityType' | 'channelId' | 'creatorId'> | EventFields,
    action: 'create' | 'modify',
  ): void => {
    const permissions = botPermissionsFor(guild, event.channelId);
    const own = !('creatorId' in event) || event.creatorId === world.botUser.id;
    const events =
      action === 'create'
        ? has(permissions, Permission.CreateEvents)
        : has(permissions, Permission.ManageEvents) ||
          (own && has(permissions, Permission.CreateEvents));
    const needs = CHANNEL_NEEDS.get(event.entityType) ?? 0n;
    if (!events || !has(permissions, needs)) throw Errors.missingPermissions();
  };

  const ruleContext = (
    guild: GuildState,
    existing: StoredScheduledEvent | null,
  ): EventRuleContext => ({
    now: context.now(),
    existing,
    channelType: (id) => {
      const channel = world.channels.get(id);
      return channel?.guildId === guild.id && !channel.thread ? channel.type : undefined;
    },
  });

  const eventOf = (request: ApiRequest, guild: GuildState): StoredScheduledEvent => {
    const event = world.scheduledEvents.get(request.params.eventId ?? '');
    if (event?.guildId !== guild.id || event.deletedAt !== null) throw unknownEvent();
    return event;
  };

  const withUserCount = (request: ApiRequest): boolean => request.query.with_user_count === 'true';

  const list = (request: ApiRequest): ApiResponse => {
    const guild = guildOf(request);
    // Discord lists only SCHEDULED and ACTIVE events; finished ones stay readable by id.
    const events = [...world.scheduledEvents.values()].filter(
      (e) => e.guildId === guild.id && isUpcoming(e) && canSee(guild, e),
    );
    return json(events.map((e) => world.scheduledEventJson(e, withUserCount(request))));
  };

  const create = (request: ApiRequest): ApiResponse => {
    const guild = guildOf(request);
    const body = validateScheduledEvent(request.body, ruleContext(guild, null));
    const fields = eventFields(body, null);
    requirePermissions(guild, fields, 'create');
    const upcoming = [...world.scheduledEvents.values()].filter(
      (e) => e.guildId === guild.id && isUpcoming(e),
    ).length;
    if (upcoming >= EVENT_LIMITS.upcoming) {
      throw new ApiError(
        400,
        30038,
        'Maximum number of uncompleted guild scheduled events reached (100)',
        {
          violation: `guild ${guild.id} already has ${upcoming} scheduled or active events (Discord's limit: ${EVENT_LIMITS.upcoming})`,
        },
      );
    }
    const event = newScheduledEvent(guild.id, world.botUser.id, fields);
    world.scheduledEvents.set(event.id, event);
    announceScheduledEvent(context, 'GUILD_SCHEDULED_EVENT_CREATE', event);
    return json(world.scheduledEventJson(event, false));
  };

  const get = (request: ApiRequest): ApiResponse => {
    const guild = guildOf(request);
    const event = eventOf(request, guild);
    if (!canSee(guild, event)) throw Errors.missingAccess();
    return json(world.scheduledEventJson(event, withUserCount(request)));
  };

  const modify = (request: ApiRequest): ApiResponse => {
    const guild = guildOf(request);
    const event = eventOf(request, guild);
    // The event's state, not a mistake in the body: a member may have ended it meanwhile.
    if (isFinished(event)) throw new ApiError(400, 180000, 'Cannot update a finished event');
    const body = validateScheduledEvent(request.body, ruleContext(guild, event));
    const fields = eventFields(body, event);
    requirePermissions(guild, event, 'modify');
    requirePermissions(guild, { ...fields, creatorId: event.creatorId }, 'modify');
    Object.assign(event, fields);
    if (typeof body.status === 'number') event.status = body.status;
    event.updatedAt = now();
    event.revision += 1;
    announceScheduledEvent(context, 'GUILD_SCHEDULED_EVENT_UPDATE', event);
    return json(world.scheduledEventJson(event, false));
  };

  const remove = (request: ApiRequest): ApiResponse => {
    const guild = guildOf(request);
    const event = eventOf(request, guild);
    requirePermissions(guild, event, 'modify');
    event.deletedAt = now();
    announceScheduledEvent(context, 'GUILD_SCHEDULED_EVENT_DELETE', event);
    return NO_CONTENT;
  };

  const base = '/guilds/:guildId/scheduled-events';
  return [
    route('GET', base, list),
    route('POST', base, create),
    route('GET', `${base}/:eventId`, get),
    route('PATCH', `${base}/:eventId`, modify),
    route('DELETE', `${base}/:eventId`, remove),
  ];
}
