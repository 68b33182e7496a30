import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { manualClock, prompts, reading, waitForPrompts } from '../support/reading';
import { dataRows } from '../support/store-rows';
import {
  MARKDOWN_TEXT,
  PLAIN_TEXT,
  addFile,
  addText,
  buttonId,
  press,
  textCommand,
} from '../support/texts';

const { guild, clubChannel: CLUB, moderator, reader, member } = DEFAULT_IDS;
const TUESDAY_MORNING = '2026-03-31T08:00:00.000Z';

describe('/text add', () => {
  it('previews a Markdown text privately, stores nothing until confirmed, then adds it', async () => {
    const testBot = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const { emulator, bot, storeUrl } = testBot;
    const rowsBefore = await dataRows(storeUrl);
    const preview = await addFile(emulator, 'paresse.md', MARKDOWN_TEXT);
    expect(preview.ephemeral).toBe(true);
    expect(preview.content).toBe(
      'Voici le texte tel que je l’ai lu. Rien n’est enregistré avant que vous confirmiez.',
    );
    const shown = emulator.text(preview);
    expect(shown).toContain('Aperçu : Le Droit à la paresse');
    expect(shown).toContain('Paul Lafargue');
    expect(shown).toContain('3 sections · 8 paragraphes · 2 questions de discussion');
    expect(shown).toContain('§1 · Un dogme désastreux — 2 paragraphes · 2 questions de discussion');
    expect(shown).toContain('§2 · Bénédictions du travail — 3 paragraphes');
    expect(shown).toContain('2 sections n’ont pas de question de discussion : §2, §3.');
    // The file was downloaded once, whole, from the attachment's URL.
    expect(emulator.downloads()).toMatchObject([{ status: 200, outcome: 'complete' }]);
    // Only the pending upload is kept, not the text.
    const pending = (await dataRows(storeUrl)).filter(
      (row) => !rowsBefore.some((old) => old.key === row.key),
    );
    expect(pending.map((row) => row.key)).toEqual([expect.stringMatching(/^tribune:text-upload:/)]);
    expect(await bot.services.texts.entries(guild)).toEqual([]);

    const added = await press(emulator, preview, 'text-add').reply();
    expect(added.id).toBe(preview.id);
    expect(added.components).toEqual([]);
    expect(added.embeds).toEqual([]);
    const [entry] = await bot.services.texts.entries(guild);
    expect(entry).toMatchObject({
      title: 'Le Droit à la paresse',
      author: 'Paul Lafargue',
      sections: 3,
      fileName: 'paresse.md',
      format: 'markdown',
      addedBy: moderator,
      addedAt: Date.parse(TUESDAY_MORNING),
    });
    const id = entry?.id ?? '';
    expect(id).toMatch(/^t-[0-9a-f]{12}$/);
    expect(added.content).toBe(
      `Texte ajouté : « Le Droit à la paresse ». Citez-le avec \`/section texte:${id}\`, cherchez-y avec \`/chercher\`, lisez-le avec \`/lecture lancer texte:${id}\`.`,
    );
    // The pending upload is gone with the confirmation.
    expect((await dataRows(storeUrl)).some((row) => row.key.includes('text-upload:'))).toBe(false);
  });

  it('adds a .txt file (BOM, CRLF): the server’s language for its details, sections from ## lines', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const preview = await addFile(emulator, 'servitude.txt', PLAIN_TEXT, { locale: 'en-US' });
    const shown = emulator.text(preview);
    expect(shown).toContain('Preview: Discours sur la servitude volontaire');
    expect(shown).toContain('Auteur non précisé');
    expect(shown).toContain('A .txt file gives no author, date or source');
    const entry = await addText(testBot, 'servitude.txt', PLAIN_TEXT);
    expect(entry).toMatchObject({ format: 'plain', sections: 2, author: 'Auteur non précisé' });
    const quote = await emulator
      .slashCommand({ name: 'section', options: { text: entry.id, section: '2' } })
      .reply();
    expect(quote.embeds[0]?.title).toBe('§2 · Le remède');
    expect(quote.embeds[0]?.description).toBe(
      '**¶1** Soyez résolus de ne servir plus, et vous voilà libres.',
    );
  });

  it('cancels: nothing is stored, and the buttons are gone', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const before = await dataRows(storeUrl);
    const preview = await addFile(emulator, 'paresse.md', MARKDOWN_TEXT);
    const cancelled = await press(emulator, preview, 'text-add-cancel').reply();
    expect(cancelled.content).toBe('Rien n’a été enregistré.');
    expect(cancelled.components).toEqual([]);
    expect(await dataRows(storeUrl)).toEqual(before);
  });

  it('lets only the organiser who asked confirm, and not once the preview has expired', async () => {
    const clock = manualClock(TUESDAY_MORNING);
    const testBot = await startTestBot({ clock });
    const { emulator, bot, storeUrl } = testBot;
    const preview = await addFile(emulator, 'paresse.md', MARKDOWN_TEXT);
    // The owner may manage the server too, but did not send this file.
    const other = await press(emulator, preview, 'text-add', { user: DEFAULT_IDS.owner }).reply();
    expect(other.ephemeral).toBe(true);
    expect(other.content).toBe('Ces boutons sont pour l’organisateur qui a fait la demande.');
    expect(emulator.message(preview.id)?.components).not.toEqual([]);
    expect(await bot.services.texts.entries(guild)).toEqual([]);

    clock.set('2026-03-31T08:15:00.000Z');
    const late = await press(emulator, preview, 'text-add').reply();
    expect(late.content).toBe('Cette demande a expiré : recommencez avec `/texte ajouter`.');
    expect(await bot.services.texts.entries(guild)).toEqual([]);
    // The purge, at start and then periodically, takes the file of an upload nobody confirmed.
    expect((await dataRows(storeUrl)).some((row) => row.key.includes('text-upload:'))).toBe(true);
    const restarted = await testBot.restart();
    await restarted.stop();
    expect((await dataRows(storeUrl)).some((row) => row.key.includes('text-upload:'))).toBe(false);
    expect(restarted.logs).toContainEqual(
      expect.objectContaining({ msg: 'purged unconfirmed text uploads', deleted: 1 }),
    );
  });

  it('refuses a member without Manage Server: add, remove and export, nothing read or stored', async () => {
    const testBot = await startTestBot();
    const { emulator, storeUrl } = testBot;
    const entry = await addText(testBot, 'paresse.md', MARKDOWN_TEXT);
    const before = await dataRows(storeUrl);
    const downloads = emulator.downloads().length;
    const refusals = [
      await addFile(emulator, 'paresse.md', MARKDOWN_TEXT, { user: reader }),
      await textCommand(emulator, 'remove', { text: entry.id }, { user: member }).reply(),
      await textCommand(
        emulator,
        'export',
        { text: entry.id },
        { user: member, locale: 'en-GB' },
      ).reply(),
    ];
    expect(refusals.map((reply) => [reply.ephemeral, reply.content])).toEqual([
      [true, expect.stringMatching(/permission « Gérer le serveur »/)],
      [true, expect.stringMatching(/permission « Gérer le serveur »/)],
      [true, expect.stringMatching(/“Manage Server” permission/)],
    ]);
    expect(refusals.every((reply) => reply.attachments.length === 0)).toBe(true);
    expect(emulator.downloads()).toHaveLength(downloads);
    expect(await dataRows(storeUrl)).toEqual(before);

    // Members may list the texts; /text is not hidden from them.
    const listed = await textCommand(emulator, 'list', {}, { user: member }).reply();
    expect(emulator.text(listed)).toContain('Le Droit à la paresse');
    const command = emulator.commands(guild).find((registered) => registered.name === 'text');
    expect(command?.default_member_permissions ?? null).toBeNull();
    expect(command?.name_localizations).toMatchObject({ fr: 'texte' });
  });
});

describe('an added text, from quoting to removal', () => {
  it('is quoted, searched and read by a plan; its removal waits for the plan to stop; old buttons say it was removed', async () => {
    const testBot = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const { emulator, bot } = testBot;
    const entry = await addText(testBot, 'paresse.md', MARKDOWN_TEXT);
    const { id } = entry;

    // Autocomplete offers it beside the built-in text, for every command with a text option.
    const choices = await emulator
      .autocomplete({ name: 'section', focused: 'text', options: { text: 'paresse' } })
      .reply();
    expect(choices).toEqual([{ name: 'Le Droit à la paresse — Paul Lafargue', value: id }]);

    // A paragraph quoted, with the text's own attribution; mentions left as written, no ping.
    const paragraph = await emulator
      .slashCommand({ name: 'section', options: { text: id, section: '1', paragraph: 1 } })
      .reply();
    expect(paragraph.embeds[0]).toMatchObject({
      title: '§1 · Un dogme désastreux · ¶1',
      description:
        '**¶1** Une étrange folie possède les classes ouvrières des nations où règne la civilisation capitaliste.',
      author: { name: 'Paul Lafargue — Le Droit à la paresse' },
    });
    const hostile = await emulator
      .slashCommand({ name: 'section', options: { text: id, section: '2' } })
      .reply();
    expect(hostile.embeds[0]?.description).toBe(
      [
        '**¶1** \\-# Petit texte, @everyone et <@&1300000000000000202> : rien ne sonne.',
        '**¶2** \\`\\`\\`js',
        '**¶3** \\[lien masqué\\](https://evil.example/) et > une citation',
      ].join('\n\n'),
    );
    const callback = emulator.requestsTo(/callback/).at(-1)?.body as {
      data: { allowed_mentions: unknown };
    };
    expect(callback.data.allowed_mentions).toEqual({ parse: [], roles: [] });
    expect(emulator.pings()).toEqual([]);

    // Searched among the server's texts.
    const found = await emulator
      .slashCommand({ name: 'search', options: { query: 'étrange folie' } })
      .reply();
    expect(emulator.text(found)).toContain('Le Droit à la paresse');
    expect(emulator.text(found)).toMatch(/§1 ¶1/);

    // A long section is paged; its page button is kept for later.
    const long = await emulator
      .slashCommand({ name: 'section', options: { text: id, section: '3' } })
      .reply();
    expect(long.embeds[0]?.footer?.text).toMatch(/Page 1\/\d/);

    // A weekly plan reads it: the prompt shows its questions as written, never as Markdown.
    const started = await reading(emulator, 'start', {
      channel: CLUB,
      weekday: 'mardi',
      time: '18:30',
      text: id,
    }).reply();
    expect(started.content).toContain('« Le Droit à la paresse »');
    await reading(emulator, 'next').reply();
    const [prompt] = await waitForPrompts(emulator, 1);
    expect(prompt?.embeds[0]?.title).toBe('Semaine 1 — Un dogme désastreux');
    expect(prompt?.embeds[0]?.fields?.map((field) => field.value)).toEqual([
      'Pourquoi l’auteur parle-t-il de \\*folie\\* ?',
      'Qui profite du travail, selon le texte ?',
    ]);

    // Removal is refused while the plan runs, naming it; even paused.
    const refused = await textCommand(emulator, 'remove', { text: id }).reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe(
      `Ce texte est lu par le plan de lecture de <#${CLUB}> : arrêtez-le d’abord (\`/lecture arrêter\`).`,
    );
    await reading(emulator, 'pause').reply();
    const stillRefused = await textCommand(emulator, 'remove', { text: id }).reply();
    expect(stillRefused.content).toContain(`<#${CLUB}>`);

    // Stopped, the plan no longer holds it: the removal asks for a confirmation first.
    await reading(emulator, 'stop').reply();
    const confirmation = await textCommand(emulator, 'remove', { text: 'paresse' }).reply();
    expect(confirmation.ephemeral).toBe(true);
    expect(confirmation.content).toMatch(
      /^Retirer « Le Droit à la paresse » de ce serveur \? .* Cette demande expire <t:\d+:R>\.$/,
    );
    expect((await bot.services.texts.entries(guild)).map((text) => text.id)).toEqual([id]);
    const removed = await press(emulator, confirmation, 'text-remove').reply();
    expect(removed.content).toBe(
      'Texte retiré : « Le Droit à la paresse ». Ses anciens boutons diront qu’il a été retiré.',
    );
    expect(removed.components).toEqual([]);
    expect(await bot.services.texts.entries(guild)).toEqual([]);

    // The old page button says what happened; the text is gone from every command.
    const next = await emulator
      .clickButton({ message: long, customId: buttonId(long, 'quote') })
      .reply();
    expect(next.ephemeral).toBe(true);
    expect(next.content).toBe('Ce texte a été retiré de ce serveur.');
    const gone = await emulator
      .slashCommand({ name: 'section', options: { text: id, section: '1' } })
      .reply();
    expect(gone.content).toMatch(/^Je ne connais pas de texte « t-[0-9a-f]{12} »/);
    expect(
      await emulator
        .autocomplete({ name: 'section', focused: 'text', options: { text: 'paresse' } })
        .reply(),
    ).toEqual([]);
    expect(prompts(emulator)).toHaveLength(1);
  });

  it('asks who may remove, and keeps the text when cancelled', async () => {
    const testBot = await startTestBot();
    const { emulator, bot } = testBot;
    const entry = await addText(testBot, 'paresse.md', MARKDOWN_TEXT);
    const confirmation = await textCommand(emulator, 'remove', { text: entry.id }).reply();
    const other = await press(emulator, confirmation, 'text-remove', {
      user: DEFAULT_IDS.owner,
    }).reply();
    expect(other.content).toBe('Ces boutons sont pour l’organisateur qui a fait la demande.');
    const cancelled = await press(emulator, confirmation, 'text-remove-cancel').reply();
    expect(cancelled.content).toBe('Rien n’a été retiré.');
    expect((await bot.services.texts.entries(guild)).map((text) => text.id)).toEqual([entry.id]);
  });

  it('refuses to remove a built-in text or an unknown one', async () => {
    const { emulator, bot } = await startTestBot();
    const builtIn = bot.services.texts.builtIn.defaultText.id;
    for (const text of [builtIn, 'inconnu']) {
      const reply = await textCommand(emulator, 'remove', { text }).reply();
      expect(reply.content).toBe(
        `Ce serveur n’a pas de texte « ${text} » (les textes intégrés ne se retirent pas). \`/texte liste\` montre les siens.`,
      );
    }
  });
});

describe('/text export', () => {
  it('gives each file back byte for byte, privately, under its own name', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const markdown = await addText(testBot, 'Le droit à la paresse (1880).md', MARKDOWN_TEXT);
    const plain = await addText(testBot, 'servitude.txt', PLAIN_TEXT);
    for (const [entry, source, name] of [
      [markdown, MARKDOWN_TEXT, 'Le-droit-à-la-paresse-1880.md'],
      [plain, PLAIN_TEXT, 'servitude.txt'],
    ] as const) {
      const reply = await textCommand(emulator, 'export', { text: entry.id }).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe(`« ${entry.title} », tel qu’il a été ajouté.`);
      expect(reply.attachments).toHaveLength(1);
      expect(reply.attachments[0]?.filename).toBe(name);
      expect(
        Buffer.compare(reply.attachments[0]?.data ?? Buffer.alloc(0), Buffer.from(source)),
      ).toBe(0);
    }
  });
});

describe('/text list', () => {
  it('lists the built-in texts and the server’s, with who added them and when, and the room left', async () => {
    const testBot = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const { emulator, bot } = testBot;
    const entry = await addText(testBot, 'paresse.md', MARKDOWN_TEXT);
    const reply = await textCommand(emulator, 'list', {}, { user: member }).reply();
    expect(reply.ephemeral).toBe(true);
    const embed = reply.embeds[0];
    const opEd = bot.services.texts.builtIn.defaultText;
    expect(embed?.title).toBe('Textes de ce serveur');
    expect(embed?.description).toBe(
      [
        `**${opEd.title}** — ${opEd.author} · 3 sections · intégré à Tribune`,
        `**Le Droit à la paresse** — Paul Lafargue · 3 sections · ajouté par <@${moderator}> <t:${Date.parse(TUESDAY_MORNING) / 1000}:R> · \`${entry.id}\``,
      ].join('\n'),
    );
    expect(embed?.footer?.text).toMatch(
      /^Place restante : 24 sur 25 textes, \d+ Ko sur 2048 Ko\.$/,
    );
    expect(emulator.pings()).toEqual([]);
  });
});
