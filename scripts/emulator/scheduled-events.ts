// Guild scheduled events: what the emulator keeps of them and the JSON Discord sends.
import { isoTime, now, snowflake } from './ids';
import type { JsonObject, StoredScheduledEvent } from './types';

export const EventStatus = { Scheduled: 1, Active: 2, Completed: 3, Canceled: 4 } as const;
export const EntityType = { StageInstance: 1, Voice: 2, External: 3 } as const;

/** Statuses a PATCH may move to, from each status (Discord's documented transitions). */
export const STATUS_TRANSITIONS: ReadonlyMap<number, readonly number[]> = new Map([
  [EventStatus.Scheduled, [EventStatus.Active, EventStatus.Canceled]],
  [EventStatus.Active, [EventStatus.Completed]],
  [EventStatus.Completed, []],
  [EventStatus.Canceled, []],
]);

export function isFinished(event: StoredScheduledEvent): boolean {
  return event.status === EventStatus.Completed || event.status === EventStatus.Canceled;
}

/** SCHEDULED and ACTIVE events count towards the 100 per guild, and are the ones listed. */
export function isUpcoming(event: StoredScheduledEvent): boolean {
  return event.deletedAt === null && !isFinished(event);
}

/** The fields a create or modify body sets, as the emulator stores them. */
export interface EventFields {
  name: string;
  description: string | null;
  channelId: string | null;
  scheduledStartTime: string;
  scheduledEndTime: string | null;
  privacyLevel: number;
  entityType: number;
  location: string | null;
  recurrenceRule: JsonObject | null;
}

export function newScheduledEvent(
  guildId: string,
  creatorId: string,
  fields: EventFields,
): StoredScheduledEvent {
  return {
    id: snowflake(),
    guildId,
    creatorId,
    status: EventStatus.Scheduled,
    entityId: null,
    userCount: 0,
    createdAt: now(),
    updatedAt: null,
    deletedAt: null,
    revision: 0,
    ...fields,
  };
}

/** Discord's scheduled-event object; `user_count` only when the request asked for it. */
export function scheduledEventJson(
  event: StoredScheduledEvent,
  creator: JsonObject | null,
  withUserCount: boolean,
): JsonObject {
  const json: JsonObject = {
    id: event.id,
    guild_id: event.guildId,
    channel_id: event.channelId,
    creator_id: event.creatorId,
    name: event.name,
    description: event.description,
    scheduled_start_time: event.scheduledStartTime,
    scheduled_end_time: event.scheduledEndTime,
    privacy_level: event.privacyLevel,
    status: event.status,
    entity_type: event.entityType,
    entity_id: event.entityId,
    entity_metadata: event.location === null ? null : { location: event.location },
    image: null,
    recurrence_rule: event.recurrenceRule,
    guild_scheduled_event_exceptions: [],
  };
  if (creator) json.creator = creator;
  if (withUserCount) json.user_count = event.userCount;
  return json;
}

/** Normalises a timestamp the schema accepted to Discord's output form. */
export function normaliseTime(value: string): string {
  return isoTime(Date.parse(value));
}
