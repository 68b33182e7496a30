import {
  ButtonStyle,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  MessageFlags,
} from 'discord.js';

/**
 * The floor: a bare discord.js client that answers every interaction with a fixed reply and does
 * nothing else. Tribune's figures are read against it, measured in the same run and machine.
 */
const OK_ROW = {
  type: ComponentType.ActionRow,
  components: [
    { type: ComponentType.Button, custom_id: 'ok', label: 'ok', style: ButtonStyle.Primary },
  ],
} as const;

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_URL ?? '' },
});
client.on(Events.InteractionCreate, (interaction) => {
  // A command gets a message with one button (so clicks can be measured), a click an ephemeral ok.
  const answer = interaction.isAutocomplete()
    ? interaction.respond([{ name: 'ok', value: 'ok' }])
    : interaction.isChatInputCommand()
      ? interaction.reply({ content: 'ok', components: [OK_ROW] })
      : interaction.isRepliable()
        ? interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral })
        : Promise.resolve();
  answer.catch((error: unknown) => {
    console.error(String(error));
  });
});
client.once(Events.ClientReady, () => {
  console.log(JSON.stringify({ msg: 'floor is ready' }));
});
process.once('SIGTERM', () => {
  void client.destroy().then(() => process.exit(0));
});
await client.login(process.env.DISCORD_TOKEN);
