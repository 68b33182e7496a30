import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { DEFAULT_IDS, type StoredMessage } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { writeContentWithLongText } from '../support/long-text';
import { tempDir } from '../support/temp-dir';

const opEd = (await loadLibrary('content')).defaultText;

describe('/section', () => {
  it('shows the table of contents with numbers, titles, paragraph counts and source', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator.slashCommand({ name: 'section' }).reply();
    const text = emulator.text(reply);
    expect(reply.ephemeral).toBe(false);
    expect(text).toContain('Sommet de l’IA, montagne de dégâts…');
    expect(text).toContain('§1 · Un sommet sous influence (titre de la rédaction) — 3 paragraphes');
    expect(text).toContain('§2 · L’IA, comme on ne vous en parle pas — 3 paragraphes');
    expect(text).toContain(opEd.source);
  });

  it('quotes a whole section by number, with attribution and source, mentions disabled', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'section', options: { section: '2' } })
      .reply();
    const [embed] = reply.embeds;
    expect(embed?.title).toBe('§2 · L’IA, comme on ne vous en parle pas');
    for (const paragraph of opEd.sections[1]?.paragraphs ?? []) {
      expect(embed?.description).toContain(paragraph.slice(0, 80));
    }
    expect(embed?.footer?.text).toContain(
      'Le Mouton Numérique, « Sommet de l’IA, montagne de dégâts… », 10 février 2025',
    );
    const callback = emulator.requestsTo(/callback/)[0]?.body as {
      data: { allowed_mentions: unknown };
    };
    expect(callback.data.allowed_mentions).toEqual({ parse: [], roles: [] });
  });

  it('finds a section by title words, accents and case ignored', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'section', options: { section: 'FAIRE FRONT' } })
      .reply();
    expect(reply.embeds[0]?.title).toBe('§3 · Faire front : « l’IA » est une lutte sociale');
  });

  it('quotes one paragraph', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'section', options: { section: '3', paragraph: 2 } })
      .reply();
    expect(reply.embeds[0]?.title).toBe('§3 · Faire front : « l’IA » est une lutte sociale · ¶2');
    expect(reply.embeds[0]?.description).toBe(`**¶2** ${opEd.sections[2]?.paragraphs[1] ?? ''}`);
  });

  it('answers privately when asked', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'section', options: { section: '1', private: true } })
      .reply();
    expect(reply.ephemeral).toBe(true);
  });

  it('answers in English for an English-speaking member', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'section', options: { section: '1' }, locale: 'en-GB' })
      .reply();
    expect(reply.embeds[0]?.title).toBe('§1 · Un sommet sous influence (editors’ title)');
    expect(reply.embeds[0]?.footer?.text).toContain('10 February 2025');
  });

  it.each([
    [
      { section: '4' },
      'fr',
      /Il n’y a pas de section « 4 »\. Ce texte a 3 sections : 1\. Un sommet/,
    ],
    [
      { section: 'zzz' },
      'en-US',
      /There is no section “zzz”\. This text has 3 sections: 1\. Un sommet/,
    ],
    [
      { section: '2', paragraph: 0 },
      'fr',
      /La section 2 n’a pas de paragraphe 0 : choisissez entre 1 et 3\./,
    ],
    [
      { section: '2', paragraph: 99 },
      'en-US',
      /Section 2 has no paragraph 99: choose between 1 and 3\./,
    ],
    [{ paragraph: 1 }, 'fr', /Indiquez aussi la section/],
    [
      { section: '1', text: 'inconnu' },
      'fr',
      /Je ne connais pas de texte « inconnu »\. Textes disponibles : « Sommet/,
    ],
  ])('explains bad input %j ephemerally (%s)', async (options, locale, expected) => {
    const { emulator } = await startTestBot();
    const reply = await emulator.slashCommand({ name: 'section', options, locale }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(expected);
  });

  it('suggests sections as the user types, within Discord’s limits', async () => {
    const { emulator } = await startTestBot();
    const all = await emulator
      .autocomplete({ name: 'section', focused: 'section', options: { section: '' } })
      .reply();
    expect(all.map((choice) => choice.name)).toEqual([
      '1. Un sommet sous influence',
      '2. L’IA, comme on ne vous en parle pas',
      '3. Faire front : « l’IA » est une lutte sociale',
    ]);
    const some = await emulator
      .autocomplete({ name: 'section', focused: 'section', options: { section: 'l’ia' } })
      .reply();
    expect(some.map((choice) => choice.value)).toEqual(['2', '3']);
    const texts = await emulator
      .autocomplete({ name: 'section', focused: 'text', options: { text: 'somm' } })
      .reply();
    expect(texts).toEqual([
      { name: 'Sommet de l’IA, montagne de dégâts… — Le Mouton Numérique', value: opEd.id },
    ]);
  });
});

describe('/section with a text longer than one message', () => {
  async function botWithLongText() {
    const contentDir = await tempDir();
    await writeContentWithLongText(
      contentDir,
      await readFile('content/sommet-ia-montagne-de-degats.md', 'utf8'),
    );
    return startTestBot({ env: { CONTENT_DIR: contentDir } });
  }

  /** Turns the quote's description back into plain paragraph pieces. */
  function pieces(message: StoredMessage): [number, string][] {
    return (message.embeds[0]?.description ?? '').split('\n\n').map((block) => {
      const match = /^(?:\*\*¶(\d+)\*\*|\*\(¶(\d+), suite\)\*) ([\s\S]*)$/.exec(block);
      if (!match) throw new Error(`unexpected block ${block.slice(0, 50)}`);
      return [Number(match[1] ?? match[2]), (match[3] ?? '').replace(/\\(.)/g, '$1')];
    });
  }

  it('pages the section with buttons that every member can use; the pages joined equal the section', async () => {
    const { emulator, bot } = await botWithLongText();
    const longText = bot.services.texts.builtIn.byId.get('long-texte-essai');
    let message = await emulator
      .slashCommand({ name: 'section', options: { text: 'long-texte-essai', section: '1' } })
      .reply();
    const joined = new Map<number, string>();
    const clickers = [
      DEFAULT_IDS.member,
      DEFAULT_IDS.moderator,
      DEFAULT_IDS.owner,
      DEFAULT_IDS.reader,
    ];
    for (let page = 1; ; page++) {
      expect(message.embeds[0]?.footer?.text).toMatch(new RegExp(`Page ${page}/\\d+$`));
      for (const [paragraph, text] of pieces(message)) {
        joined.set(paragraph, (joined.get(paragraph) ?? '') + text);
      }
      const next = message.components[0]?.components?.[1];
      if (next?.disabled) break;
      message = await emulator
        .clickButton({
          message,
          customId: next?.custom_id ?? '',
          user: clickers[page % clickers.length] ?? DEFAULT_IDS.member,
        })
        .reply();
    }
    expect([...joined.values()]).toEqual(longText?.sections[0]?.paragraphs);
  });

  it('keeps page buttons working after the bot restarts', async () => {
    const testBot = await botWithLongText();
    const { emulator } = testBot;
    const first = await emulator
      .slashCommand({ name: 'section', options: { text: 'long-texte-essai', section: '1' } })
      .reply();
    await testBot.restart();
    const nextId = first.components[0]?.components?.[1]?.custom_id ?? '';
    const second = await emulator.clickButton({ message: first, customId: nextId }).reply();
    expect(second.id).toBe(first.id);
    expect(second.embeds[0]?.footer?.text).toMatch(/Page 2\/\d+$/);
    const back = second.components[0]?.components?.[0]?.custom_id ?? '';
    const again = await emulator.clickButton({ message: second, customId: back }).reply();
    expect(again.embeds[0]?.description).toBe(first.embeds[0]?.description);
  });

  it('answers a forged or stale page button with an explanation and leaves the message alone', async () => {
    const { emulator } = await botWithLongText();
    const message = await emulator
      .slashCommand({ name: 'section', options: { text: 'long-texte-essai', section: '1' } })
      .reply();
    for (const customId of [
      'quote:long-texte-essai:9:0:1:fr',
      'quote:nope:1:0:1:fr',
      'quote:x',
      'zzz:1',
    ]) {
      const reply = await emulator.clickButton({ message, customId, forged: true }).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/Ce bouton n’est plus valable/);
    }
    expect(emulator.message(message.id)?.revision).toBe(0);
  });
});
