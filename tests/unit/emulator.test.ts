// The emulator tested with a bare discord.js client (not Tribune's code).
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  SlashCommandBuilder,
  TextChannel,
} from 'discord.js';
import type { Client, Interaction } from 'discord.js';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_IDS, startEmulator, text } from '../../scripts/emulator/index';
import type { Emulator, EmulatorOptions } from '../../scripts/emulator/index';
import { BareClients } from '../support/emulator-clients';

const COMMANDS = [
  new SlashCommandBuilder().setName('ping').setDescription('Répond pong'),
  new SlashCommandBuilder()
    .setName('options')
    .setDescription('Toutes les sortes d’options')
    .setNameLocalizations({ 'en-US': 'options' })
    .addStringOption((o) => o.setName('texte').setDescription('Un texte').setRequired(true))
    .addIntegerOption((o) =>
      o.setName('nombre').setDescription('Un entier').setMinValue(1).setMaxValue(10),
    )
    .addBooleanOption((o) => o.setName('vrai').setDescription('Un booléen'))
    .addChannelOption((o) => o.setName('salon').setDescription('Un salon'))
    .addRoleOption((o) => o.setName('role').setDescription('Un rôle'))
    .addUserOption((o) => o.setName('membre').setDescription('Un membre'))
    .addNumberOption((o) => o.setName('note').setDescription('Un nombre')),
  new SlashCommandBuilder()
    .setName('club')
    .setDescription('Le club de lecture')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommandGroup((g) =>
      g
        .setName('livre')
        .setDescription('Les livres')
        .addSubcommand((s) =>
          s
            .setName('ajouter')
            .setDescription('Ajoute un livre')
            .addStringOption((o) => o.setName('titre').setDescription('Titre').setRequired(true)),
        ),
    )
    .addSubcommand((s) => s.setName('info').setDescription('Infos')),
  new SlashCommandBuilder()
    .setName('citation')
    .setDescription('Une citation')
    .addStringOption((o) =>
      o.setName('livre').setDescription('Le livre').setAutocomplete(true).setRequired(true),
    ),
  new SlashCommandBuilder().setName('vote').setDescription('Un vote'),
  new SlashCommandBuilder().setName('export').setDescription('Export CSV'),
].map((builder) => builder.toJSON());

const BOOKS = ['Dune', 'Du côté de chez Swann', 'Madame Bovary', 'Les Misérables'];

let emulator: Emulator;
const clients = new BareClients();

async function setup(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator(options);
  return emulator;
}

/** A bare client logged in to the emulator; handler errors are collected, not thrown. */
function login(onInteraction?: (interaction: Interaction) => Promise<void>): Promise<Client> {
  return clients.login(emulator, onInteraction ? { onInteraction } : {});
}

async function loginWithCommands(
  onInteraction?: (interaction: Interaction) => Promise<void>,
): Promise<Client> {
  const client = await login(onInteraction);
  await client.application?.commands.set(COMMANDS);
  return client;
}

function textChannel(client: Client, id: string): TextChannel {
  const channel = client.channels.cache.get(id);
  if (!(channel instanceof TextChannel)) throw new Error(`${id} is not a cached text channel`);
  return channel;
}

function voteRow(disabled = false): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId('vote:oui')
      .setLabel('Oui')
      .setStyle(ButtonStyle.Success)
      .setDisabled(disabled),
    new ButtonBuilder()
      .setCustomId('vote:non')
      .setLabel('Non')
      .setStyle(ButtonStyle.Danger)
      .setDisabled(disabled),
  );
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

describe('gateway and login', () => {
  it('gets a bare client ready quickly with the default guild cached', async () => {
    await setup();
    const started = performance.now();
    const client = await login();
    expect(performance.now() - started).toBeLessThan(1000);
    const guild = client.guilds.cache.get(DEFAULT_IDS.guild);
    expect(guild?.preferredLocale).toBe('fr');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual([
      'Amphithéâtre',
      'Discussion',
      'club-lecture',
      'général',
    ]);
    expect(guild?.channels.cache.get(DEFAULT_IDS.voiceChannel)?.type).toBe(ChannelType.GuildVoice);
    expect(guild?.channels.cache.get(DEFAULT_IDS.stageChannel)?.type).toBe(
      ChannelType.GuildStageVoice,
    );
    expect(guild?.roles.cache.get(DEFAULT_IDS.moderatorRole)?.name).toBe('Modérateurs');
    const me = guild?.members.me;
    const general = textChannel(client, DEFAULT_IDS.generalChannel);
    expect(me && general.permissionsFor(me).has(PermissionFlagsBits.CreatePublicThreads)).toBe(
      true,
    );
    expect(client.user?.id).toBe(DEFAULT_IDS.botUser);
    expect(client.application?.id).toBe(DEFAULT_IDS.botUser);
  });

  it('speaks the raw gateway protocol: HELLO, heartbeat ACK, 4004 on a wrong token', async () => {
    await setup({ heartbeatIntervalMs: 1234 });
    const socket = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
    const frames: { op: number; d: unknown }[] = [];
    socket.on('message', (raw: Buffer) => {
      frames.push(JSON.parse(raw.toString('utf8')) as { op: number; d: unknown });
    });
    await once(socket, 'open');
    await vi.waitFor(() => {
      expect(frames[0]).toEqual({ op: 10, d: { heartbeat_interval: 1234 }, s: null, t: null });
    });
    socket.send(JSON.stringify({ op: 1, d: null }));
    await vi.waitFor(() => {
      expect(frames[1]?.op).toBe(11);
    });
    const closed = once(socket, 'close');
    socket.send(JSON.stringify({ op: 2, d: { token: 'pas le bon', intents: 1, properties: {} } }));
    const [code] = (await closed) as [number];
    expect(code).toBe(4004);
  });

  it('serves lookups: users/@me, applications/@me, guild, channels, roles, members', async () => {
    await setup();
    const client = await login();
    expect((await client.user?.fetch(true))?.username).toBe('Tribune');
    expect((await client.application?.fetch())?.id).toBe(DEFAULT_IDS.botUser);
    const guild = await client.guilds.fetch({ guild: DEFAULT_IDS.guild, force: true });
    expect(guild.name).toBe('Cercle de lecture');
    expect((await guild.channels.fetch()).size).toBe(4);
    expect((await guild.roles.fetch()).map((r) => r.name)).toContain('Lecteurs');
    const member = await guild.members.fetch({ user: DEFAULT_IDS.moderator, force: true });
    expect(member.roles.cache.has(DEFAULT_IDS.moderatorRole)).toBe(true);
    await expect(guild.members.fetch({ user: '42', force: true })).rejects.toMatchObject({
      code: 10007,
    });
    await expect(client.rest.get('/nowhere/to/be/found')).rejects.toMatchObject({
      status: 404,
    });
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([
      "route not emulated (or not Discord's): GET /nowhere/to/be/found",
    ]);
  });

  it('registers commands (string default_member_permissions accepted) and rejects bad names', async () => {
    await setup();
    const client = await loginWithCommands();
    const registered = emulator.commands();
    expect(registered.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(registered.find((c) => c.name === 'club')?.default_member_permissions).toBe(
      PermissionFlagsBits.ManageGuild.toString(),
    );
    const fetched = await client.application?.commands.fetch();
    expect(fetched?.size).toBe(COMMANDS.length);
    await client.application?.commands.set(
      [{ name: 'ping', description: 'Version du serveur' }],
      DEFAULT_IDS.guild,
    );
    expect(emulator.commands(DEFAULT_IDS.guild).map((c) => c.guild_id)).toEqual([
      DEFAULT_IDS.guild,
    ]);
    // A guild command shadows the global one of the same name.
    const handle = emulator.slashCommand({ name: 'ping' });
    expect((handle.payload.data as { guild_id?: string }).guild_id).toBe(DEFAULT_IDS.guild);

    await expect(
      client.rest.put(Routes.applicationCommands(DEFAULT_IDS.botUser), {
        body: [{ name: 'Majuscule', description: 'x' }],
      }),
    ).rejects.toMatchObject({
      code: 50035,
      rawError: {
        errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } },
      },
    });
    expect(emulator.takeViolations()).toHaveLength(1);
    expect(emulator.commands()).toHaveLength(COMMANDS.length);
  });

  it('resumes after abrupt (1006) and 4000 closes and replays missed interactions', async () => {
    await setup();
    await loginWithCommands(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('pong');
    });
    await emulator.closeGateway(1006);
    // Dispatched while the bot is disconnected: replayed on RESUME.
    const during = emulator.slashCommand({ name: 'ping' });
    expect((await during.reply()).content).toBe('pong');
    await emulator.closeGateway(4000);
    await emulator.waitFor(
      () => emulator.gatewayStats.resumes >= 2 && emulator.gatewayStats.live === 1,
    );
    const after = emulator.slashCommand({ name: 'ping' });
    expect((await after.reply()).content).toBe('pong');
    expect(emulator.gatewayStats.identifies).toBe(1);
  });

  it('dispatches to every session; only the first callback wins (40060 for the other)', async () => {
    await setup();
    const answer = (name: string) => async (interaction: Interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`réponse de ${name}`);
    };
    await loginWithCommands(answer('A'));
    await login(answer('B'));
    await emulator.waitForSessions(2);
    const handle = emulator.slashCommand({ name: 'ping' });
    expect((await handle.reply()).content).toMatch(/^réponse de [AB]$/);
    const callbacks = await emulator.waitFor(() => {
      const all = emulator.requestsTo('POST /interactions/:interactionId/:token/callback');
      return all.length === 2 && all;
    });
    expect(callbacks.map((r) => r.status).sort()).toEqual([204, 400]);
    await vi.waitFor(() => {
      expect(clients.errors).toHaveLength(1);
    });
    expect(clients.errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(clients.errors[0]).toMatchObject({ code: 40060 });
    clients.errors = [];
  });
});

describe('interactions', () => {
  it('builds slash commands with every option type, subcommands and forged permissions', async () => {
    await setup();
    const seen: string[] = [];
    await loginWithCommands(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const o = interaction.options;
      if (interaction.commandName === 'club') {
        const group = o.getSubcommandGroup(false) ?? '-';
        const canManage = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild);
        seen.push(
          `${group}/${o.getSubcommand()}/${o.getString('titre') ?? '-'}/${String(canManage)}`,
        );
        await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
        return;
      }
      seen.push(
        [
          o.getString('texte', true),
          o.getInteger('nombre'),
          o.getBoolean('vrai'),
          o.getChannel('salon')?.name,
          o.getRole('role')?.name,
          o.getUser('membre')?.username,
          o.getNumber('note'),
          interaction.locale,
          interaction.guildLocale,
        ].join('|'),
      );
      await interaction.reply('reçu');
    });
    const reply = await emulator
      .slashCommand({
        name: 'options',
        options: {
          texte: 'bonjour',
          nombre: 3,
          vrai: true,
          salon: DEFAULT_IDS.clubChannel,
          role: DEFAULT_IDS.readerRole,
          membre: DEFAULT_IDS.moderator,
          note: 4.5,
        },
        locale: 'en-US',
      })
      .reply();
    expect(reply.content).toBe('reçu');
    expect(seen[0]).toBe('bonjour|3|true|club-lecture|Lecteurs|camille|4.5|en-US|fr');

    await emulator
      .slashCommand({
        name: 'club',
        subcommandGroup: 'livre',
        subcommand: 'ajouter',
        options: { titre: 'Dune' },
        user: DEFAULT_IDS.moderator,
      })
      .reply();
    const forged = await emulator
      .slashCommand({ name: 'club', subcommand: 'info', permissions: '0' })
      .reply();
    expect(forged.ephemeral).toBe(true);
    expect(seen.slice(1)).toEqual(['livre/ajouter/Dune/true', '-/info/-/false']);

    expect(() => emulator.slashCommand({ name: 'options', options: { nombre: 2 } })).toThrow(
      /required option\(s\) missing: texte/,
    );
    expect(() => emulator.slashCommand({ name: 'inconnue' })).toThrow(/not registered/);
  });

  it('defers, edits the original with a file, and sends ephemeral and public follow-ups', async () => {
    await setup();
    await loginWithCommands(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await sleep(20);
      await interaction.editReply({
        content: 'Export prêt',
        files: [new AttachmentBuilder(Buffer.from('livre;votes\nDune;3\n'), { name: 'votes.csv' })],
      });
      await interaction.followUp({ content: 'Détail privé', flags: MessageFlags.Ephemeral });
      await interaction.followUp('Annonce publique');
    });
    const handle = emulator.slashCommand({ name: 'export' });
    expect((await handle.callback).type).toBe(5);
    const reply = await handle.reply();
    expect(reply.content).toBe('Export prêt');
    expect(reply.ephemeral).toBe(true);
    expect(reply.attachments[0]?.filename).toBe('votes.csv');
    expect(reply.attachments[0]?.text()).toContain('Dune;3');
    const second = await handle.waitForFollowUp(2);
    expect(second.content).toBe('Annonce publique');
    expect(handle.followUps.map((m) => [m.content, m.ephemeral])).toEqual([
      ['Détail privé', true],
      ['Annonce publique', false],
    ]);
  });

  it('lets the first follow-up after a defer replace the "thinking" message, as Discord does', async () => {
    await setup();
    await loginWithCommands(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.followUp('Terminé');
    });
    const handle = emulator.slashCommand({ name: 'ping' });
    const reply = await handle.reply();
    expect(reply.content).toBe('Terminé');
    expect(reply.id).toBe(handle.original()?.id);
    expect(handle.followUps).toEqual([]);
  });

  it('returns the created message with with_response=true', async () => {
    await setup();
    let responseContent: string | undefined;
    await loginWithCommands(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'pong', withResponse: true });
      responseContent = response.resource?.message?.content;
    });
    const reply = await emulator.slashCommand({ name: 'ping' }).reply();
    await vi.waitFor(() => {
      expect(responseContent).toBe('pong');
    });
    expect(reply.interactionId).not.toBeNull();
  });

  it('refuses follow-ups once the interaction token has expired (401/50027)', async () => {
    await setup({ interactionTokenTtlMs: 100 });
    await loginWithCommands(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('tout de suite');
      await sleep(150);
      await interaction.followUp('bien plus tard');
    });
    emulator.slashCommand({ name: 'ping' });
    await vi.waitFor(() => {
      expect(clients.errors).toHaveLength(1);
    });
    expect(clients.errors[0]).toMatchObject({ code: 50027, status: 401 });
    clients.errors = [];
    expect(emulator.takeViolations()[0]?.message).toMatch(/interaction token used/);
  });

  it('answers autocomplete with choices', async () => {
    await setup();
    await loginWithCommands(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused().toLowerCase();
      await interaction.respond(
        BOOKS.filter((b) => b.toLowerCase().startsWith(typed)).map((b) => ({ name: b, value: b })),
      );
    });
    const choices = await emulator
      .autocomplete({ name: 'citation', options: { livre: 'du' }, focused: 'livre' })
      .reply();
    expect(choices.map((c) => c.name)).toEqual(['Dune', 'Du côté de chez Swann']);
  });

  it('updates the message on a button click; the payload carries the message', async () => {
    await setup();
    let clickedMessageContent = '';
    await loginWithCommands(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({ content: 'Votez', components: [voteRow()] });
      } else if (interaction.isButton()) {
        clickedMessageContent = interaction.message.content;
        await interaction.update({
          content: `Vote de ${interaction.user.username} : ${interaction.customId}`,
          components: [voteRow(true)],
        });
      }
    });
    const message = await emulator.slashCommand({ name: 'vote' }).reply();
    expect(text(message)).toBe('Votez\n[Oui] [Non]');
    const click = emulator.clickButton({
      message,
      customId: 'vote:oui',
      user: DEFAULT_IDS.moderator,
    });
    const updated = await click.reply();
    expect((await click.callback).type).toBe(7);
    expect(clickedMessageContent).toBe('Votez');
    expect(updated.id).toBe(message.id);
    expect(emulator.text(updated)).toBe(
      'Vote de camille : vote:oui\n[Oui (disabled)] [Non (disabled)]',
    );
    expect(() => emulator.clickButton({ message, customId: 'vote:non' })).toThrow(/disabled/);
  });

  it('handles a hundred distinct voters clicking with deferUpdate', async () => {
    await setup();
    const voters = new Set<string>();
    await loginWithCommands(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({ content: 'Votez', components: [voteRow()] });
      } else if (interaction.isButton()) {
        voters.add(interaction.user.id);
        await interaction.deferUpdate();
      }
    });
    const message = await emulator.slashCommand({ name: 'vote' }).reply();
    const members = emulator.createMembers(100);
    const clicks = members.map((user) =>
      emulator.clickButton({ message, customId: 'vote:oui', user }),
    );
    const callbacks = await Promise.all(clicks.map((click) => click.callback));
    expect(callbacks.every((c) => c.type === 6)).toBe(true);
    expect(voters.size).toBe(100);
  });

  it('refuses a first callback later than the deadline (10062) and records it', async () => {
    await setup({ interactionTimeoutMs: 150 });
    await loginWithCommands(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await sleep(250);
      await interaction.reply('trop tard');
    });
    const handle = emulator.slashCommand({ name: 'ping' });
    await vi.waitFor(() => {
      expect(clients.errors).toHaveLength(1);
    });
    expect(clients.errors[0]).toMatchObject({ code: 10062, status: 404 });
    clients.errors = [];
    const violations = emulator.takeViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]?.message).toMatch(/after dispatch \(limit 150 ms\)/);
    await expect(handle.reply(50)).rejects.toThrow(/Timed out/);
  });
});

describe('channels, messages and threads', () => {
  it('posts and edits a channel message, starts a thread, posts in it', async () => {
    await setup();
    const client = await login();
    const general = textChannel(client, DEFAULT_IDS.generalChannel);
    const message = await general.send('Chapitre 1 : v1');
    await message.edit('Chapitre 1 : v2');
    const stored = emulator.message(message.id);
    expect(stored?.content).toBe('Chapitre 1 : v2');
    expect(stored?.revision).toBe(1);
    expect(emulator.channelMessages(DEFAULT_IDS.generalChannel).map((m) => m.content)).toEqual([
      'Chapitre 1 : v2',
    ]);

    const thread = await message.startThread({ name: 'Discussion du chapitre 1' });
    expect(thread.type).toBe(ChannelType.PublicThread);
    expect(thread.id).toBe(message.id);
    expect(emulator.threads(DEFAULT_IDS.generalChannel).map((t) => t.name)).toEqual([
      'Discussion du chapitre 1',
    ]);
    await thread.send('Premier avis');
    expect(emulator.channelMessages(thread.id).map((m) => m.content)).toEqual(['Premier avis']);
    await expect(message.startThread({ name: 'Encore' })).rejects.toMatchObject({ code: 160004 });
    const standalone = await general.threads.create({
      name: 'Hors-sujet',
      type: ChannelType.PublicThread,
    });
    expect(emulator.channel(standalone.id)).toMatchObject({ type: 11, parentId: general.id });
  });

  it('stores file attachments so a test can read them back', async () => {
    await setup();
    const client = await login();
    const csv = 'livre;votes\nDune;12\nMadame Bovary;7\n';
    const message = await textChannel(client, DEFAULT_IDS.clubChannel).send({
      content: 'Résultats',
      files: [new AttachmentBuilder(Buffer.from(csv), { name: 'resultats.csv' })],
    });
    expect(message.attachments.first()?.name).toBe('resultats.csv');
    const stored = emulator.message(message.id);
    expect(stored?.attachments[0]?.text()).toBe(csv);
    const url = message.attachments.first()?.url ?? '';
    expect(await (await fetch(url)).text()).toBe(csv);
    expect(emulator.requestsTo('POST /channels/:channelId/messages')[0]?.files).toMatchObject([
      { filename: 'resultats.csv', size: csv.length },
    ]);
  });

  it('answers 403/50013 where the bot cannot send, 404/10003 after a deletion', async () => {
    await setup();
    const client = await login();
    const info = emulator.createChannel({ name: 'annonces', botCanSend: false });
    await vi.waitFor(() => {
      expect(client.channels.cache.has(info.id)).toBe(true);
    });
    const announcements = textChannel(client, info.id);
    await expect(announcements.send('Bonjour')).rejects.toMatchObject({ code: 50013, status: 403 });
    emulator.deleteChannel(info.id);
    await vi.waitFor(() => {
      expect(client.channels.cache.has(info.id)).toBe(false);
    });
    await expect(client.rest.get(Routes.channel(info.id))).rejects.toMatchObject({ code: 10003 });
  });
});

describe('validation', () => {
  it('rejects what Discord rejects with 50035 and records violations', async () => {
    await setup();
    const client = await login();
    const id = DEFAULT_IDS.generalChannel;
    await expect(
      client.rest.post(Routes.channelMessages(id), { body: { content: 'x'.repeat(2001) } }),
    ).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
    const general = textChannel(client, id);
    await expect(
      general.send({
        embeds: [{ description: 'a'.repeat(4000) }, { description: 'b'.repeat(2500) }],
      }),
    ).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } },
    });
    const duplicated = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('vote').setLabel('A').setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setCustomId('vote').setLabel('B').setStyle(ButtonStyle.Primary),
    );
    await expect(
      general.send({ content: 'Doublon', components: [duplicated] }),
    ).rejects.toMatchObject({
      code: 50035,
    });
    await expect(client.rest.post(Routes.channelMessages(id), { body: {} })).rejects.toMatchObject({
      code: 50006,
    });
    const violations = emulator.takeViolations();
    expect(violations.map((v) => v.route)).toEqual(
      Array(4).fill('POST /channels/:channelId/messages'),
    );
    expect(violations[2]?.message).toMatch(/COMPONENT_CUSTOM_ID_DUPLICATED/);
    expect(() => {
      emulator.assertNoViolations();
    }).not.toThrow();
    expect(emulator.channelMessages(id)).toEqual([]);
  });

  it('rejects more than 25 autocomplete choices and an edit that empties a message', async () => {
    await setup();
    const client = await loginWithCommands(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      await interaction.respond(
        Array.from({ length: 26 }, (_, n) => ({ name: `Livre ${n}`, value: `livre-${n}` })),
      );
    });
    emulator.autocomplete({ name: 'citation', options: { livre: '' }, focused: 'livre' });
    await vi.waitFor(() => {
      expect(clients.errors).toHaveLength(1);
    });
    expect(clients.errors[0]).toMatchObject({ code: 50035 });
    clients.errors = [];
    const message = await textChannel(client, DEFAULT_IDS.generalChannel).send('texte');
    await expect(message.edit({ content: '' })).rejects.toMatchObject({ code: 50006 });
    expect(emulator.takeViolations().map((v) => v.message)).toEqual([
      expect.stringMatching(/data\.choices: Must be 25 or fewer/),
      expect.stringMatching(/empty message/),
    ]);
  });

  it('rejects an invalid interaction reply and lets a valid retry through', async () => {
    await setup();
    await loginWithCommands(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      try {
        await interaction.reply({ content: 'y'.repeat(2001) });
      } catch {
        await interaction.reply('court');
      }
    });
    expect((await emulator.slashCommand({ name: 'ping' }).reply()).content).toBe('court');
    expect(emulator.takeViolations().map((v) => v.route)).toEqual([
      'POST /interactions/:interactionId/:token/callback',
    ]);
  });
});

describe('mentions', () => {
  it('computes who would be pinged from content and allowed_mentions', async () => {
    await setup();
    const client = await login();
    const general = textChannel(client, DEFAULT_IDS.generalChannel);
    const content = '@everyone <@123> <@&456>';
    const all = await general.send({ content });
    const none = await general.send({ content, allowedMentions: { parse: [] } });
    const role = await general.send({ content, allowedMentions: { parse: [], roles: ['456'] } });
    expect(emulator.message(all.id)?.pings).toEqual({
      users: ['123'],
      roles: ['456'],
      everyone: true,
    });
    expect(emulator.message(none.id)?.pings).toEqual({ users: [], roles: [], everyone: false });
    expect(emulator.message(role.id)?.pings).toEqual({
      users: [],
      roles: ['456'],
      everyone: false,
    });
    expect(emulator.pings().map((p) => p.messageId)).toEqual([all.id, role.id]);
  });
});

describe('fault injection', () => {
  it('makes discord.js wait out a 429 and retry 5xx', async () => {
    await setup();
    const client = await login();
    const general = textChannel(client, DEFAULT_IDS.generalChannel);
    const limited = emulator.injectFault({
      route: 'POST /channels/:channelId/messages',
      status: 429,
      times: 1,
      retryAfter: 0.2,
    });
    const started = performance.now();
    const message = await general.send('après la limite');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(limited.hits).toBe(1);
    expect(emulator.requestsTo('POST /channels/:channelId/messages').map((r) => r.status)).toEqual([
      429, 200,
    ]);

    const broken = emulator.injectFault({
      method: 'PATCH',
      route: /\/messages\//,
      status: 502,
      times: 2,
    });
    await message.edit('après deux 502');
    expect(broken.remaining).toBe(0);
    expect(emulator.message(message.id)?.content).toBe('après deux 502');
  });
});
