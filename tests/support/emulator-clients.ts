// Bare discord.js clients (not Tribune's code) logged in to the emulator, for the emulator's own
// tests: handler errors are collected, not thrown, and every client is destroyed together.
import { Client, Events, GatewayIntentBits, SlashCommandBuilder } from 'discord.js';
import type { Attachment, ClientOptions, Interaction } from 'discord.js';
import { once } from 'node:events';
import type { AttachmentFile, Emulator } from '../../scripts/emulator/index';

export interface BareClientOptions {
  shards?: number[] | 'auto';
  shardCount?: number;
  intents?: ClientOptions['intents'];
  onInteraction?: (interaction: Interaction) => Promise<void>;
}

export class BareClients {
  /** Errors thrown by `onInteraction` handlers, in order. */
  errors: unknown[] = [];
  private clients: Client[] = [];

  /** A client logged in and ready (every guild of its shards received). */
  async login(emulator: Emulator, options: BareClientOptions = {}): Promise<Client> {
    const client = new Client({
      intents: options.intents ?? [GatewayIntentBits.Guilds],
      rest: { api: emulator.apiUrl },
      // Explicit, so SHARDS / SHARD_COUNT in the environment cannot change the test.
      shards: options.shards ?? [0],
      shardCount: options.shardCount ?? 1,
    });
    this.clients.push(client);
    const handler = options.onInteraction;
    if (handler) {
      client.on(Events.InteractionCreate, (interaction) => {
        handler(interaction).catch((error: unknown) => {
          this.errors.push(error);
        });
      });
    }
    const ready = once(client, Events.ClientReady);
    await client.login(emulator.token);
    await ready;
    return client;
  }

  /**
   * After a test: destroys every client, then closes the emulator, failing if it saw a request
   * Discord would refuse or a handler threw.
   */
  async finish(emulator: Emulator): Promise<void> {
    const errors = await this.destroyAll();
    try {
      emulator.assertNoViolations();
      if (errors.length > 0) throw new AggregateError(errors, 'interaction handlers failed');
    } finally {
      await emulator.close();
    }
  }

  /** Destroys every client; returns (and clears) the handler errors. */
  async destroyAll(): Promise<unknown[]> {
    await Promise.all(this.clients.map((client) => client.destroy()));
    this.clients = [];
    const errors = this.errors;
    this.errors = [];
    return errors;
  }
}

/** `/texte fichier:<attachment> [titre]`: a command that takes a file. */
export const FILE_COMMAND = new SlashCommandBuilder()
  .setName('texte')
  .setDescription('Ajoute un texte')
  .addAttachmentOption((o) =>
    o.setName('fichier').setDescription('Le fichier du texte').setRequired(true),
  )
  .addStringOption((o) => o.setName('titre').setDescription('Son titre'))
  .toJSON();

/**
 * A bare bot with `FILE_COMMAND` that records the attachment discord.js gives it and
 * acknowledges; `attach(file)` sends the command and resolves with what the bot saw.
 */
export async function fileCommandBot(
  emulator: Emulator,
  clients: BareClients,
): Promise<{ received: Attachment[]; attach: (file: AttachmentFile) => Promise<Attachment> }> {
  const received: Attachment[] = [];
  const client = await clients.login(emulator, {
    onInteraction: async (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      received.push(interaction.options.getAttachment('fichier', true));
      await interaction.reply('reçu');
    },
  });
  await client.application?.commands.set([FILE_COMMAND]);
  return {
    received,
    attach: async (file) => {
      await emulator.slashCommand({ name: 'texte', options: { fichier: file } }).reply();
      const attachment = received.at(-1);
      if (!attachment) throw new Error('the bot saw no attachment');
      return attachment;
    },
  };
}
