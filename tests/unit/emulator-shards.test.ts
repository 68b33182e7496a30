// The emulator's shards, tested with bare discord.js clients: Discord routes a guild's events
// to shard (guild_id >> 22) % shard_count only.
import { Events, GatewayIntentBits, SlashCommandBuilder } from 'discord.js';
import type { Client, Interaction } from 'discord.js';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_IDS,
  SHARD_ONE_IDS,
  guildIdOnShard,
  shardOf,
  startEmulator,
  twoShardGuilds,
} from '../../scripts/emulator/index';
import type { Emulator, EmulatorOptions } from '../../scripts/emulator/index';
import { BareClients } from '../support/emulator-clients';

const PING = new SlashCommandBuilder().setName('ping').setDescription('Répond pong').toJSON();

let emulator: Emulator;
let started = false;
const clients = new BareClients();

async function setup(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator({ guilds: twoShardGuilds(), ...options });
  started = true;
  return emulator;
}

/** Answers /ping with `name`, so a test sees which client got the interaction. */
function answerAs(name: string, seen: string[]): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    seen.push(`${name}@${interaction.guildId ?? '?'}`);
    await interaction.reply(`pong de ${name}`);
  };
}

async function gatewayBot(): Promise<{
  shards: number;
  session_start_limit: Record<string, number>;
}> {
  const response = await fetch(`${emulator.apiUrl}/v10/gateway/bot`, {
    headers: { authorization: `Bot ${emulator.token}` },
  });
  return (await response.json()) as { shards: number; session_start_limit: Record<string, number> };
}

afterEach(async () => {
  if (!started) return;
  started = false;
  const errors = await clients.destroyAll();
  try {
    emulator.assertNoViolations();
    expect(errors).toEqual([]);
  } finally {
    await emulator.close();
  }
});

describe('shard helpers and fixtures', () => {
  it('makes guild ids that land on the asked shard, distinct for every shard, count and index', () => {
    const ids = new Set<string>();
    for (let count = 1; count <= 16; count++) {
      for (let shard = 0; shard < count; shard++) {
        for (const index of [0, 1, 2047]) {
          const id = guildIdOnShard(shard, count, index);
          expect(shardOf(id, count)).toBe(shard);
          ids.add(id);
        }
      }
    }
    expect(ids.size).toBe(136 * 3);
    expect(() => guildIdOnShard(2, 2)).toThrow(/shard must be/);
    expect(() => guildIdOnShard(0, 0)).toThrow(/shardCount must be/);
  });

  it('puts the default guild on shard 0 of 2 and the second fixture guild on shard 1', () => {
    const [first, second] = twoShardGuilds();
    expect(first?.id).toBe(DEFAULT_IDS.guild);
    expect(shardOf(DEFAULT_IDS.guild, 2)).toBe(0);
    expect(second?.id).toBe(SHARD_ONE_IDS.guild);
    expect(shardOf(SHARD_ONE_IDS.guild, 2)).toBe(1);
  });
});

describe('gateway discovery', () => {
  it('recommends a shard count and counts session starts down with each IDENTIFY', async () => {
    await setup({ recommendedShards: 2, sessionStartLimit: { total: 50, maxConcurrency: 2 } });
    expect(await gatewayBot()).toMatchObject({
      shards: 2,
      session_start_limit: {
        total: 50,
        remaining: 50,
        reset_after: 86_400_000,
        max_concurrency: 2,
      },
    });
    // shards: 'auto' takes the recommendation: two sessions, one per shard.
    await clients.login(emulator, { shards: 'auto' });
    expect(emulator.gatewaySessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect((await gatewayBot()).session_start_limit.remaining).toBe(48);
  });

  it('treats an IDENTIFY without shard as [0, 1] and closes one with a shard out of range (4010)', async () => {
    await setup();
    const identify = async (shard: unknown): Promise<WebSocket> => {
      const socket = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
      await once(socket, 'open');
      socket.send(
        JSON.stringify({
          op: 2,
          d: { token: emulator.token, intents: 1, properties: {}, shard },
        }),
      );
      return socket;
    };
    const plain = await identify(undefined);
    const ready = await new Promise<{ guilds: unknown[]; shard: unknown }>((resolve) => {
      plain.on('message', (raw: Buffer) => {
        const frame = JSON.parse(raw.toString('utf8')) as { t: string | null; d: never };
        if (frame.t === 'READY') resolve(frame.d);
      });
    });
    expect(ready.shard).toEqual([0, 1]);
    expect(ready.guilds).toHaveLength(2);
    plain.close(1000);

    const wrong = await identify([2, 2]);
    const [code] = (await once(wrong, 'close')) as [number];
    expect(code).toBe(4010);
    expect(emulator.gatewayStats.identifies).toBe(1);
  });
});

describe('routing by shard', () => {
  it('gives each of two shard clients only its guild and its interactions', async () => {
    await setup();
    const seen: string[] = [];
    const zero = await clients.login(emulator, {
      shards: [0],
      shardCount: 2,
      onInteraction: answerAs('zéro', seen),
    });
    const one = await clients.login(emulator, {
      shards: [1],
      shardCount: 2,
      onInteraction: answerAs('un', seen),
    });
    await zero.application?.commands.set([PING]);
    expect([...zero.guilds.cache.keys()]).toEqual([DEFAULT_IDS.guild]);
    expect([...one.guilds.cache.keys()]).toEqual([SHARD_ONE_IDS.guild]);

    const inFirst = await emulator.slashCommand({ name: 'ping' }).reply();
    const inSecond = await emulator
      .slashCommand({ name: 'ping', guildId: SHARD_ONE_IDS.guild })
      .reply();
    expect([inFirst.content, inSecond.content]).toEqual(['pong de zéro', 'pong de un']);
    expect(seen).toEqual([`zéro@${DEFAULT_IDS.guild}`, `un@${SHARD_ONE_IDS.guild}`]);

    // Guild events follow the same rule: a new channel reaches only its shard's client.
    const received = once(one, Events.ChannelCreate);
    const created = emulator.createChannel({ name: 'nouveau', guildId: SHARD_ONE_IDS.guild });
    await received;
    expect(one.channels.cache.has(created.id)).toBe(true);
    expect(zero.channels.cache.has(created.id)).toBe(false);
    expect(emulator.dispatch('GUILD_ROLE_DELETE', { guild_id: DEFAULT_IDS.guild })).toBe(1);
  });

  it('gives one client running both shards both guilds, quickly', async () => {
    await setup();
    const seen: string[] = [];
    const started = performance.now();
    const both = await clients.login(emulator, {
      shards: [0, 1],
      shardCount: 2,
      onInteraction: answerAs('les deux', seen),
    });
    // max_concurrency 16 (the default) lets discord.js identify both shards without its 5 s wait.
    expect(performance.now() - started).toBeLessThan(3000);
    expect([...both.guilds.cache.keys()].sort()).toEqual(
      [DEFAULT_IDS.guild, SHARD_ONE_IDS.guild].sort(),
    );
    expect(both.guilds.cache.get(SHARD_ONE_IDS.guild)?.shardId).toBe(1);
    await both.application?.commands.set([PING]);
    await emulator.slashCommand({ name: 'ping' }).reply();
    await emulator.slashCommand({ name: 'ping', guildId: SHARD_ONE_IDS.guild }).reply();
    expect(seen).toEqual([`les deux@${DEFAULT_IDS.guild}`, `les deux@${SHARD_ONE_IDS.guild}`]);
  });

  it('resumes every shard of a client and replays each its own missed interactions', async () => {
    await setup();
    const seen: string[] = [];
    const both = await clients.login(emulator, {
      shards: [0, 1],
      shardCount: 2,
      onInteraction: answerAs('les deux', seen),
    });
    await both.application?.commands.set([PING]);
    await emulator.closeGateway(1006);
    // Dispatched while both shards are disconnected: buffered per session, replayed on RESUME.
    const first = emulator.slashCommand({ name: 'ping' });
    const second = emulator.slashCommand({ name: 'ping', guildId: SHARD_ONE_IDS.guild });
    await Promise.all([first.reply(), second.reply()]);
    await emulator.waitFor(() => emulator.gatewayStats.live === 2);
    expect(emulator.gatewayStats).toMatchObject({ identifies: 2, resumes: 2 });
    expect(seen.sort()).toEqual(
      [`les deux@${DEFAULT_IDS.guild}`, `les deux@${SHARD_ONE_IDS.guild}`].sort(),
    );
  });

  it('sends a shard’s events to every session on it (two processes during a rolling restart)', async () => {
    await setup();
    const seen: string[] = [];
    const old = await clients.login(emulator, {
      shards: [1],
      shardCount: 2,
      onInteraction: answerAs('ancien', seen),
    });
    await clients.login(emulator, {
      shards: [1],
      shardCount: 2,
      onInteraction: answerAs('nouveau', seen),
    });
    await old.application?.commands.set([PING]);
    const reply = await emulator
      .slashCommand({ name: 'ping', guildId: SHARD_ONE_IDS.guild })
      .reply();
    expect(reply.content).toMatch(/^pong de (ancien|nouveau)$/);
    await vi.waitFor(() => {
      expect(seen.map((s) => s.split('@')[0]).sort()).toEqual(['ancien', 'nouveau']);
    });
    // The slower of the two got 40060 (already acknowledged), as on Discord.
    await vi.waitFor(() => {
      expect(clients.errors).toHaveLength(1);
    });
    expect(clients.errors[0]).toMatchObject({ code: 40060 });
    clients.errors = [];
    // Nobody holds shard 0: Discord would deliver the default guild's interactions to no one.
    expect(() => emulator.slashCommand({ name: 'ping' })).toThrow(/No gateway session's shard/);
  });

  it('lets a single-shard client (shard [0, 1]) see every guild', async () => {
    await setup();
    const client: Client = await clients.login(emulator, {
      intents: [GatewayIntentBits.Guilds],
    });
    expect(client.guilds.cache.size).toBe(2);
    expect(emulator.gatewaySessions).toMatchObject([{ shard: [0, 1], live: true }]);
    const created = once(client, Events.ChannelCreate);
    emulator.createChannel({ name: 'partout', guildId: SHARD_ONE_IDS.guild });
    await created;
  });
});
