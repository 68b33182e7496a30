import type { Cdn } from './cdn';
import type { Gateway } from './gateway';
import type { MessageRecord, MessageStore } from './message-store';
import type { Recorder } from './recorder';
import type { StoredScheduledEvent } from './types';
import type { World } from './world';

/** Gateway intents the emulator honours when dispatching. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  GuildScheduledEvents: 1 << 16,
} as const;

/** What route handlers share. */
export interface Context {
  world: World;
  store: MessageStore;
  gateway: Gateway;
  recorder: Recorder;
  cdn: Cdn;
  interactionTimeoutMs: number;
  interactionTokenTtlMs: number;
  baseUrl(): string;
  /** Discord's clock for time rules (epoch ms). */
  now(): number;
}

/** MESSAGE_* dispatches go only to sessions with the GuildMessages intent; ephemeral ones never. */
export function announceMessage(
  context: Context,
  event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' | 'MESSAGE_DELETE',
  record: MessageRecord,
): void {
  if (record.ephemeral) return;
  const data =
    event === 'MESSAGE_DELETE'
      ? { id: record.id, channel_id: record.channelId, guild_id: record.guildId }
      : context.store.toJson(record);
  context.gateway.dispatch(event, data, {
    intent: Intent.GuildMessages,
    guildId: record.guildId,
  });
}

/** GUILD_SCHEDULED_EVENT_* dispatches go to the guild's shard, to sessions with that intent. */
export function announceScheduledEvent(
  context: Context,
  event:
    | 'GUILD_SCHEDULED_EVENT_CREATE'
    | 'GUILD_SCHEDULED_EVENT_UPDATE'
    | 'GUILD_SCHEDULED_EVENT_DELETE',
  stored: StoredScheduledEvent,
): void {
  context.gateway.dispatch(event, context.world.scheduledEventJson(stored, false), {
    intent: Intent.GuildScheduledEvents,
    guildId: stored.guildId,
  });
  context.recorder.changed();
}
