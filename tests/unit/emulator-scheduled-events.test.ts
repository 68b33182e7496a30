// Guild scheduled events through a bare discord.js client: Discord's schemas and rules, its
// permissions per entity type, status transitions, the 100-event limit, gateway dispatches.
import {
  Events,
  GatewayIntentBits,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  PermissionFlagsBits,
  Routes,
} from 'discord.js';
import type { Client, Guild, GuildScheduledEventCreateOptions } from 'discord.js';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_IDS,
  defaultGuild,
  SHARD_ONE_IDS,
  ScheduledEventStatus,
  startEmulator,
  twoShardGuilds,
} from '../../scripts/emulator/index';
import type { Emulator, EmulatorOptions } from '../../scripts/emulator/index';
import { BareClients } from '../support/emulator-clients';

const HOUR = 3_600_000;

let emulator: Emulator;
const clients = new BareClients();

async function setup(options: EmulatorOptions = {}): Promise<{ client: Client; guild: Guild }> {
  emulator = await startEmulator(options);
  const client = await clients.login(emulator, {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildScheduledEvents],
  });
  const guild = client.guilds.cache.get(DEFAULT_IDS.guild);
  if (!guild) throw new Error('the default guild is not cached');
  return { client, guild };
}

/** An external session next week, as Tribune will create them. */
function externalSession(startAt = Date.now() + 7 * 24 * HOUR): GuildScheduledEventCreateOptions {
  return {
    name: 'Lecture : Dune, chapitre 1',
    description: 'Première discussion.',
    scheduledStartTime: startAt,
    scheduledEndTime: startAt + HOUR,
    privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
    entityType: GuildScheduledEventEntityType.External,
    entityMetadata: { location: 'Café des Lilas' },
  };
}

/** The raw body discord.js would send for `externalSession()`, to vary one field at a time. */
function rawExternal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = Date.now() + 24 * HOUR;
  return {
    name: 'Séance',
    privacy_level: 2,
    entity_type: 3,
    scheduled_start_time: new Date(start).toISOString(),
    scheduled_end_time: new Date(start + HOUR).toISOString(),
    entity_metadata: { location: 'Café des Lilas' },
    ...overrides,
  };
}

/** Posts a body and returns Discord's error code and the codes of the invalid fields. */
async function refusal(client: Client, body: unknown): Promise<{ code: unknown; fields: string }> {
  try {
    await client.rest.post(Routes.guildScheduledEvents(DEFAULT_IDS.guild), { body });
  } catch (error) {
    const { code, rawError } = error as { code: unknown; rawError: { errors?: unknown } };
    return { code, fields: JSON.stringify(rawError.errors ?? {}) };
  }
  throw new Error('the request was accepted');
}

afterEach(async () => {
  const errors = await clients.destroyAll();
  try {
    emulator.assertNoViolations();
    expect(errors).toEqual([]);
  } finally {
    await emulator.close();
  }
});

describe('creating scheduled events', () => {
  it('creates an external event, records it and dispatches GUILD_SCHEDULED_EVENT_CREATE', async () => {
    const { client, guild } = await setup();
    const dispatched = once(client, Events.GuildScheduledEventCreate);
    const options = externalSession();
    const event = await guild.scheduledEvents.create(options);
    expect(event.name).toBe('Lecture : Dune, chapitre 1');
    expect(event.entityMetadata?.location).toBe('Café des Lilas');
    expect(event.creatorId).toBe(DEFAULT_IDS.botUser);
    expect(event.status).toBe(GuildScheduledEventStatus.Scheduled);
    expect(event.scheduledStartTimestamp).toBe(options.scheduledStartTime);
    const [fromGateway] = (await dispatched) as [{ id: string }];
    expect(fromGateway.id).toBe(event.id);
    expect(emulator.scheduledEvents()).toMatchObject([
      {
        id: event.id,
        guildId: DEFAULT_IDS.guild,
        channelId: null,
        creatorId: DEFAULT_IDS.botUser,
        description: 'Première discussion.',
        status: ScheduledEventStatus.Scheduled,
        entityType: 3,
        location: 'Café des Lilas',
        scheduledEndTime: new Date(Number(options.scheduledEndTime)).toISOString(),
      },
    ]);
    const fetched = await guild.scheduledEvents.fetch({
      guildScheduledEvent: event.id,
      force: true,
    });
    expect(fetched.userCount).toBe(0);
  });

  it('creates voice and stage events in the default guild’s voice and stage channels', async () => {
    const { guild } = await setup();
    const start = Date.now() + 24 * HOUR;
    const common = {
      scheduledStartTime: start,
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
    } as const;
    const voice = await guild.scheduledEvents.create({
      ...common,
      name: 'En vocal',
      entityType: GuildScheduledEventEntityType.Voice,
      channel: DEFAULT_IDS.voiceChannel,
    });
    const stage = await guild.scheduledEvents.create({
      ...common,
      name: 'Sur scène',
      entityType: GuildScheduledEventEntityType.StageInstance,
      channel: DEFAULT_IDS.stageChannel,
    });
    expect([voice.channelId, stage.channelId]).toEqual([
      DEFAULT_IDS.voiceChannel,
      DEFAULT_IDS.stageChannel,
    ]);
    expect(voice.entityMetadata).toBeNull();
    const listed = await guild.scheduledEvents.fetch();
    expect([...listed.keys()]).toEqual([voice.id, stage.id]);
  });

  it('refuses, with 50035 and a recorded violation, what Discord refuses', async () => {
    const { client } = await setup();
    const past = new Date(Date.now() - HOUR).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [rawExternal({ name: '' }), '"name":{"_errors":[{"code":"BASE_TYPE_BAD_LENGTH"'],
      [rawExternal({ name: 'n'.repeat(101) }), '"name":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH"'],
      [rawExternal({ description: 'd'.repeat(1001) }), '"description"'],
      [rawExternal({ entity_metadata: undefined }), '"entity_metadata"'],
      [rawExternal({ entity_metadata: { location: '' } }), '"location"'],
      [rawExternal({ scheduled_end_time: undefined }), '"scheduled_end_time"'],
      [rawExternal({ channel_id: DEFAULT_IDS.voiceChannel }), 'CHANNEL_NOT_ALLOWED'],
      [rawExternal({ privacy_level: 1 }), '"privacy_level"'],
      [rawExternal({ scheduled_start_time: past }), 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST'],
      [
        rawExternal({ scheduled_end_time: new Date(Date.now() + HOUR).toISOString() }),
        'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
      ],
      [rawExternal({ entity_type: 4 }), '"entity_type"'],
      [
        rawExternal({
          recurrence_rule: {
            start: new Date(Date.now() + 24 * HOUR).toISOString(),
            frequency: 2,
            interval: 1,
            by_weekday: [1],
            count: 5,
          },
        }),
        'RECURRENCE_RULE_FIELD_NOT_ALLOWED',
      ],
      [
        rawExternal({ entity_type: 2, entity_metadata: undefined }),
        '"channel_id":{"_errors":[{"code":"BASE_TYPE_REQUIRED"',
      ],
      [
        rawExternal({
          entity_type: 2,
          entity_metadata: undefined,
          channel_id: DEFAULT_IDS.generalChannel,
        }),
        'GUILD_SCHEDULED_EVENT_INVALID_CHANNEL',
      ],
      [
        rawExternal({
          entity_type: 1,
          entity_metadata: undefined,
          channel_id: DEFAULT_IDS.voiceChannel,
        }),
        'GUILD_SCHEDULED_EVENT_INVALID_CHANNEL',
      ],
      [
        rawExternal({ entity_type: 2, channel_id: DEFAULT_IDS.voiceChannel }),
        'ENTITY_METADATA_UNSUPPORTED',
      ],
    ];
    for (const [body, expected] of cases) {
      const { code, fields } = await refusal(client, body);
      expect({ body, code, fields }).toMatchObject({
        code: 50035,
        fields: expect.stringContaining(expected) as string,
      });
    }
    expect(emulator.takeViolations()).toHaveLength(cases.length);
    expect(emulator.scheduledEvents()).toEqual([]);
  });

  it('follows Discord’s clock option, for bots whose tests fake the time', async () => {
    const now = Date.parse('2030-01-06T10:00:00Z');
    const { guild } = await setup({ now: () => now });
    // In the real past, but in the future of the emulated clock: accepted.
    const event = await guild.scheduledEvents.create(
      externalSession(Date.parse('2030-01-07T18:00:00Z')),
    );
    expect(event.scheduledStartAt?.toISOString()).toBe('2030-01-07T18:00:00.000Z');
  });
});

describe('changing scheduled events', () => {
  it('moves SCHEDULED → ACTIVE → COMPLETED and refuses other transitions', async () => {
    const { client, guild } = await setup();
    const event = await guild.scheduledEvents.create(externalSession());
    const patch = (body: unknown) =>
      client.rest.patch(Routes.guildScheduledEvent(DEFAULT_IDS.guild, event.id), { body });
    await expect(patch({ status: 3 })).rejects.toMatchObject({
      code: 50035,
      rawError: {
        errors: {
          status: { _errors: [{ code: 'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION' }] },
        },
      },
    });
    const updated = once(client, Events.GuildScheduledEventUpdate);
    const active = await guild.scheduledEvents.edit(event, {
      status: GuildScheduledEventStatus.Active,
    });
    expect(active.status).toBe(GuildScheduledEventStatus.Active);
    await updated;
    await expect(
      patch({ scheduled_start_time: new Date(Date.now() + 48 * HOUR).toISOString() }),
    ).rejects.toMatchObject({ code: 50035 });
    await expect(patch({ status: 4 })).rejects.toMatchObject({ code: 50035 });
    await guild.scheduledEvents.edit(event, { status: GuildScheduledEventStatus.Completed });
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([
      expect.stringMatching(/INVALID_STATUS_TRANSITION/),
      expect.stringMatching(/INVALID_START_BY_STATUS/),
      expect.stringMatching(/INVALID_STATUS_TRANSITION/),
    ]);
    // A finished event cannot change: Discord's 180000, the event's state, not a bad body.
    await expect(patch({ name: 'Trop tard' })).rejects.toMatchObject({ code: 180000, status: 400 });
    expect(emulator.violations).toEqual([]);
    // Listed events are the SCHEDULED and ACTIVE ones; a finished one stays readable by id.
    expect((await guild.scheduledEvents.fetch()).size).toBe(0);
    const finished = await guild.scheduledEvents.fetch({
      guildScheduledEvent: event.id,
      force: true,
    });
    expect(finished.status).toBe(GuildScheduledEventStatus.Completed);
    expect(emulator.scheduledEvents()[0]).toMatchObject({ status: 3, revision: 2 });
  });

  it('edits name, description and times of a scheduled event, then deletes it', async () => {
    const { client, guild } = await setup();
    const event = await guild.scheduledEvents.create(externalSession());
    const later = Date.now() + 8 * 24 * HOUR;
    const edited = await guild.scheduledEvents.edit(event, {
      name: 'Lecture : Dune, chapitre 2',
      description: 'Reportée.',
      scheduledStartTime: later,
      scheduledEndTime: later + 2 * HOUR,
    });
    expect(edited.name).toBe('Lecture : Dune, chapitre 2');
    expect(emulator.scheduledEvents()[0]).toMatchObject({
      description: 'Reportée.',
      scheduledStartTime: new Date(later).toISOString(),
      location: 'Café des Lilas',
      revision: 1,
    });
    const deleted = once(client, Events.GuildScheduledEventDelete);
    await guild.scheduledEvents.delete(event.id);
    await deleted;
    expect(emulator.scheduledEvents()).toEqual([]);
    expect(
      emulator.scheduledEvents(DEFAULT_IDS.guild, { includeDeleted: true })[0]?.deletedAt,
    ).not.toBeNull();
    await expect(
      client.rest.get(Routes.guildScheduledEvent(DEFAULT_IDS.guild, event.id)),
    ).rejects.toMatchObject({ code: 10070, status: 404 });
  });

  it('lets the test play members and Discord: start, end or cancel an event', async () => {
    const { client, guild } = await setup();
    const event = await guild.scheduledEvents.create(externalSession());
    const updated = once(client, Events.GuildScheduledEventUpdate);
    emulator.setScheduledEventStatus(event.id, ScheduledEventStatus.Canceled);
    await updated;
    expect(guild.scheduledEvents.cache.get(event.id)?.status).toBe(
      GuildScheduledEventStatus.Canceled,
    );
  });
});

describe('permissions and limits', () => {
  it('answers 403/50013 without Create Events (not a violation); Manage Events alone no longer creates', async () => {
    const { guild } = await setup();
    const mine = await guild.scheduledEvents.create(externalSession());
    emulator.setBotPermissions(PermissionFlagsBits.CreateEvents, false);
    await expect(guild.scheduledEvents.create(externalSession())).rejects.toMatchObject({
      code: 50013,
      status: 403,
    });
    emulator.setBotPermissions(PermissionFlagsBits.ManageEvents, true);
    // Since February 2026 a bot needs Create Events to create; Manage Events edits any event.
    await expect(guild.scheduledEvents.create(externalSession())).rejects.toMatchObject({
      code: 50013,
    });
    await guild.scheduledEvents.edit(mine, { name: 'Toujours modifiable' });
    emulator.setBotPermissions(PermissionFlagsBits.CreateEvents, true);
    await guild.scheduledEvents.create(externalSession());
    expect(emulator.violations).toEqual([]);
    await vi.waitFor(() => {
      expect(guild.members.me?.permissions.has(PermissionFlagsBits.CreateEvents)).toBe(true);
    });
  });

  it('a permission change the bot misses: its cache still grants, Discord refuses', async () => {
    const { guild } = await setup();
    emulator.setBotPermissions(PermissionFlagsBits.CreateEvents, false, DEFAULT_IDS.guild, {
      unannounced: true,
    });
    await expect(guild.scheduledEvents.create(externalSession())).rejects.toMatchObject({
      code: 50013,
    });
    expect(guild.members.me?.permissions.has(PermissionFlagsBits.CreateEvents)).toBe(true);
  });

  it('asks Connect in the voice channel and stage moderation in the stage channel', async () => {
    emulator = await startEmulator({
      guilds: [
        defaultGuild({
          channels: [
            { id: DEFAULT_IDS.generalChannel, name: 'général' },
            {
              id: DEFAULT_IDS.voiceChannel,
              name: 'Fermé',
              type: 2,
              permission_overwrites: [
                {
                  id: DEFAULT_IDS.botUser,
                  type: 1,
                  allow: '0',
                  deny: PermissionFlagsBits.Connect.toString(),
                },
              ],
            },
            { id: DEFAULT_IDS.stageChannel, name: 'Scène', type: 13 },
          ],
        }),
      ],
    });
    const client = await clients.login(emulator);
    const guild = client.guilds.cache.get(DEFAULT_IDS.guild);
    for (const [entityType, channel] of [
      [GuildScheduledEventEntityType.Voice, DEFAULT_IDS.voiceChannel],
      [GuildScheduledEventEntityType.StageInstance, DEFAULT_IDS.stageChannel],
    ] as const) {
      await expect(
        guild?.scheduledEvents.create({
          name: 'Refusé',
          scheduledStartTime: Date.now() + HOUR,
          privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
          entityType,
          channel,
        }),
      ).rejects.toMatchObject({ code: 50013 });
    }
  });

  it('refuses a 101st scheduled or active event (30038, recorded) until one is finished', async () => {
    emulator = await startEmulator();
    const client = await clients.login(emulator);
    const route = Routes.guildScheduledEvents(DEFAULT_IDS.guild);
    const created = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        client.rest.post(route, { body: rawExternal({ name: `Séance ${n + 1}` }) }),
      ),
    );
    await expect(client.rest.post(route, { body: rawExternal() })).rejects.toMatchObject({
      code: 30038,
      status: 400,
    });
    expect(emulator.takeViolations().map((v) => v.code)).toEqual([30038]);
    const first = created[0] as { id: string };
    await client.rest.patch(Routes.guildScheduledEvent(DEFAULT_IDS.guild, first.id), {
      body: { status: 4 },
    });
    await client.rest.post(route, { body: rawExternal({ name: 'Séance 101' }) });
    expect(emulator.scheduledEvents().filter((e) => e.status === 1)).toHaveLength(100);
  });
});

describe('scheduled events and the gateway', () => {
  it('lists a guild’s events in GUILD_CREATE and dispatches to the guild’s shard only', async () => {
    emulator = await startEmulator({ guilds: twoShardGuilds() });
    const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildScheduledEvents];
    const zero = await clients.login(emulator, { shards: [0], shardCount: 2, intents });
    const one = await clients.login(emulator, { shards: [1], shardCount: 2, intents });
    const inOne = one.guilds.cache.get(SHARD_ONE_IDS.guild);
    let zeroSaw = 0;
    zero.on(Events.GuildScheduledEventCreate, () => {
      zeroSaw++;
    });
    const dispatched = once(one, Events.GuildScheduledEventCreate);
    const event = await inOne?.scheduledEvents.create({
      ...externalSession(),
      name: 'Au cercle du soir',
    });
    await dispatched;
    expect(zeroSaw).toBe(0);

    // A client that logs in later finds the event in its GUILD_CREATE.
    const late = await clients.login(emulator, { shards: [1], shardCount: 2, intents });
    expect(
      late.guilds.cache.get(SHARD_ONE_IDS.guild)?.scheduledEvents.cache.has(event?.id ?? ''),
    ).toBe(true);
  });
});
