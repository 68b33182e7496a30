import {
  DiscordAPIError,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type Client,
  type Guild,
  type RESTPatchAPIGuildScheduledEventJSONBody,
  type RESTPostAPIGuildScheduledEventJSONBody,
} from 'discord.js';
import type { SessionPlace } from '../reading/core/plan';
import type { SessionEvent } from '../reading/core/session-event';
import { CalendarRefused, type EventPermission, type SessionCalendar } from '../reading/ports';

const CREATE: Partial<Record<EventPermission, bigint>> = {
  CreateEvents: PermissionFlagsBits.CreateEvents,
};
/** What Discord asks in the channel of a voice or stage event, besides Create Events. */
const IN_CHANNEL: Record<SessionPlace['kind'], Partial<Record<EventPermission, bigint>>> = {
  text: {},
  voice: { ViewChannel: PermissionFlagsBits.ViewChannel, Connect: PermissionFlagsBits.Connect },
  stage: {
    ManageChannels: PermissionFlagsBits.ManageChannels,
    MuteMembers: PermissionFlagsBits.MuteMembers,
    MoveMembers: PermissionFlagsBits.MoveMembers,
  },
};

/**
 * The permissions the bot lacks to hold a session's event at this place, from its cache: Create
 * Events in the server (or in the event's channel), and what Discord asks in that channel.
 */
export function missingEventPermissions(guild: Guild, place: SessionPlace): EventPermission[] {
  const me = guild.members.me;
  const granted =
    place.kind === 'text'
      ? me?.permissions
      : guild.channels.cache.get(place.channelId)?.permissionsFor(me ?? guild.client.user);
  const needed = { ...CREATE, ...IN_CHANNEL[place.kind] };
  return (Object.entries(needed) as [EventPermission, bigint][])
    .filter(([, flag]) => granted?.has(flag) !== true)
    .map(([name]) => name);
}

const ENTITY_TYPES: Record<SessionPlace['kind'], GuildScheduledEventEntityType> = {
  text: GuildScheduledEventEntityType.External,
  voice: GuildScheduledEventEntityType.Voice,
  stage: GuildScheduledEventEntityType.StageInstance,
};

/** The fields of a create or modify body for these event fields. */
function eventBody(event: Partial<SessionEvent>): RESTPatchAPIGuildScheduledEventJSONBody {
  const { place } = event;
  return {
    ...(event.name !== undefined && { name: event.name }),
    ...(event.description !== undefined && { description: event.description }),
    ...(event.startAt !== undefined && { scheduled_start_time: event.startAt }),
    ...(event.endAt !== undefined && { scheduled_end_time: event.endAt }),
    ...(place !== undefined &&
      (place.kind === 'text'
        ? {
            entity_type: ENTITY_TYPES.text,
            channel_id: null,
            entity_metadata: { location: place.location },
          }
        : { entity_type: ENTITY_TYPES[place.kind], channel_id: place.channelId })),
  };
}

/**
 * Sessions' events through Discord's REST API (the bodies are plain Discord JSON, shaped here).
 * An event a member ended or deleted meanwhile, a missing permission and a refused field are a
 * `CalendarRefused`: asking again would not help.
 */
export class DiscordSessionCalendar implements SessionCalendar {
  constructor(private readonly client: Client) {}

  missingPermissions(guildId: string, place: SessionPlace): EventPermission[] {
    const guild = this.client.guilds.cache.get(guildId);
    return guild === undefined ? ['CreateEvents'] : missingEventPermissions(guild, place);
  }

  async create(guildId: string, event: SessionEvent): Promise<string> {
    const body = {
      ...eventBody(event),
      privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    } as RESTPostAPIGuildScheduledEventJSONBody;
    const created = (await this.client.rest
      .post(Routes.guildScheduledEvents(guildId), { body })
      .catch(refused)) as { id: string };
    return created.id;
  }

  async update(
    guildId: string,
    eventId: string,
    changes: Partial<SessionEvent>,
    event: SessionEvent,
  ): Promise<void> {
    // A move to another place must say everything Discord asks of the new kind.
    const body = eventBody(
      changes.place === undefined ? changes : { ...changes, endAt: event.endAt },
    );
    await this.client.rest
      .patch(Routes.guildScheduledEvent(guildId, eventId), { body })
      .catch(refused);
  }

  async cancel(guildId: string, eventId: string): Promise<void> {
    const body: RESTPatchAPIGuildScheduledEventJSONBody = {
      status: GuildScheduledEventStatus.Canceled,
    };
    await this.client.rest
      .patch(Routes.guildScheduledEvent(guildId, eventId), { body })
      .catch(refused);
  }
}

const GONE = new Set<number | string>([
  RESTJSONErrorCodes.UnknownGuildScheduledEvent,
  RESTJSONErrorCodes.CannotUpdateAFinishedEvent,
]);

/** Discord's answers that retrying cannot change; anything else (network, 5xx) as it came. */
function refused(error: unknown): never {
  if (error instanceof DiscordAPIError) {
    if (GONE.has(error.code)) throw new CalendarRefused('gone', error.message);
    if (error.status === 400 || error.status === 403) {
      throw new CalendarRefused('refused', `HTTP ${error.status} ${error.code}: ${error.message}`);
    }
  }
  throw error;
}
