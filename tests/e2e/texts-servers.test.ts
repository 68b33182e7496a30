import { describe, expect, it } from 'vitest';
import { commands } from '../../commands';
import { DEFAULT_IDS, defaultGuild } from '../../scripts/emulator';
import { deployCommands } from '../../src/discord/deploy-commands';
import { startTestBot } from '../support/bot-harness';
import { OTHER, secondGuild } from '../support/second-guild';
import { MARKDOWN_TEXT, PLAIN_TEXT, addText, textCommand } from '../support/texts';

describe('two servers’ texts', () => {
  it('are never visible, searchable, quotable, exportable or removable from the other', async () => {
    const testBot = await startTestBot({
      emulatorOptions: { guilds: [defaultGuild(), secondGuild()] },
    });
    const { emulator, bot, config } = testBot;
    // The second server gets the commands too, so that its owner can add a text as anyone would.
    await deployCommands({ ...config, DISCORD_GUILD_ID: OTHER.guild }, commands);
    const here = await addText(testBot, 'paresse.md', MARKDOWN_TEXT);
    const there = await addText(testBot, 'servitude.txt', PLAIN_TEXT, {
      user: OTHER.member,
      guildId: OTHER.guild,
    });
    expect(there.addedBy).toBe(OTHER.member);

    const sides = [
      {
        guildId: DEFAULT_IDS.guild,
        user: DEFAULT_IDS.moderator,
        own: here,
        other: there,
        otherWords: 'Soyez résolus de ne servir plus',
      },
      {
        guildId: OTHER.guild,
        user: OTHER.member,
        own: there,
        other: here,
        otherWords: 'étrange folie possède les classes ouvrières',
      },
    ];
    for (const { guildId, user, own, other, otherWords } of sides) {
      const actor = { guildId, user };
      // Autocomplete: the text options of /section and /text offer the server's own only.
      const sectionChoices = await emulator
        .autocomplete({ name: 'section', focused: 'text', options: { text: '' }, ...actor })
        .reply();
      expect(sectionChoices.map((choice) => choice.value)).toContain(own.id);
      expect(sectionChoices.map((choice) => choice.value)).not.toContain(other.id);
      const removeChoices = await emulator
        .autocomplete({
          name: 'text',
          subcommand: 'remove',
          focused: 'text',
          options: { text: '' },
          ...actor,
        })
        .reply();
      expect(removeChoices.map((choice) => choice.value)).toEqual([own.id]);

      // The list.
      const list = emulator.text(await textCommand(emulator, 'list', {}, actor).reply());
      expect(list).toContain(own.title);
      expect(list).not.toContain(other.title);
      expect(list).not.toContain(other.id);

      // Quoting and searching, by id or by title.
      const byId = await emulator
        .slashCommand({ name: 'section', options: { text: other.id, section: '1' }, ...actor })
        .reply();
      expect(byId.content).toMatch(/^Je ne connais pas de texte/);
      expect(emulator.text(byId)).not.toContain(other.title);
      // By title, the answer lists the texts this server has: its own, not the other's.
      const byTitle = await emulator
        .slashCommand({ name: 'section', options: { text: other.title }, ...actor })
        .reply();
      expect(byTitle.embeds).toEqual([]);
      expect(byTitle.content).toContain(
        `Textes disponibles : « ${bot.services.texts.builtIn.defaultText.title} », « ${own.title} ».`,
      );
      const search = await emulator
        .slashCommand({ name: 'search', options: { query: otherWords }, ...actor })
        .reply();
      // Results may come from the texts it has, never from the other's.
      const results = (search.embeds[0]?.fields ?? [])
        .map((field) => `${field.name} ${field.value}`.replace(/\*\*/g, ''))
        .join('\n');
      expect(results).not.toContain(otherWords);
      expect(results).not.toContain(other.title);

      // Export and removal of the other server's text: unknown here.
      for (const subcommand of ['export', 'remove'] as const) {
        const reply = await textCommand(emulator, subcommand, { text: other.id }, actor).reply();
        expect(reply.content).toMatch(/^Ce serveur n’a pas de texte/);
        expect(reply.attachments).toEqual([]);
        expect(reply.components).toEqual([]);
      }
      // The old page button of a text of another server is a stale button, not a quote.
      expect(await bot.services.texts.textFor(guildId, other.id)).toBeUndefined();
    }
    expect(await bot.services.texts.entries(DEFAULT_IDS.guild)).toEqual([here]);
    expect(await bot.services.texts.entries(OTHER.guild)).toEqual([there]);
    expect(emulator.pings()).toEqual([]);
  });
});
