import { describe, expect, it } from 'vitest';
import { startTestBot } from '../support/bot-harness';

describe('/search', () => {
  it('finds passages accent- and case-insensitively, with references and highlighted words', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'search', options: { query: 'VIDEOSURVEILLANCE' } })
      .reply();
    expect(reply.ephemeral).toBe(false);
    const [embed] = reply.embeds;
    expect(embed?.title).toBe('Recherche : « VIDEOSURVEILLANCE »');
    expect(embed?.fields?.[0]?.name).toBe('§2 ¶1 · L’IA, comme on ne vous en parle pas');
    expect(embed?.fields?.[0]?.value).toContain('**vidéosurveillance**');
    expect(embed?.footer?.text).toContain('Le Mouton Numérique');
  });

  it('shows at most five passages, best first', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'search', options: { query: 'surveillance IA' } })
      .reply();
    const fields = reply.embeds[0]?.fields ?? [];
    expect(fields).toHaveLength(5);
    expect(fields[0]?.value).toMatch(/\*\*surveillance\*\*/);
    expect(fields[0]?.value).toMatch(/\*\*IA\*\*/);
  });

  it('answers in English for an English-speaking member', async () => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'search', options: { query: 'syndicats' }, locale: 'en-US' })
      .reply();
    expect(reply.embeds[0]?.title).toBe('Search: “syndicats”');
  });

  it.each([
    ['introuvablissime', 'fr', /Aucun passage ne contient « introuvablissime »/],
    ['   ', 'fr', /Indiquez un ou plusieurs mots/],
    ['x'.repeat(500), 'en-US', /Your search is 500 characters long; 200 at most/],
    [
      '*gras* @everyone <@&1300000000000000202>',
      'fr',
      /Aucun passage ne contient « \\\*gras\\\* @everyone <@&1300000000000000202> »/,
    ],
  ])('explains %j ephemerally, pinging nobody', async (query, locale, expected) => {
    const { emulator } = await startTestBot();
    const reply = await emulator
      .slashCommand({ name: 'search', options: { query }, locale })
      .reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(expected);
    expect(emulator.pings()).toEqual([]);
  });

  it('searches one text when asked, with autocomplete of texts', async () => {
    const { emulator, bot } = await startTestBot();
    const [choice] = await emulator
      .autocomplete({ name: 'search', focused: 'text', options: { query: 'x', text: 'mouton' } })
      .reply();
    expect(choice?.value).toBe(bot.services.texts.builtIn.defaultText.id);
    const reply = await emulator
      .slashCommand({ name: 'search', options: { query: 'Macron', text: choice?.value ?? '' } })
      .reply();
    expect(reply.embeds[0]?.fields?.[0]?.name).toBe('§1 ¶1 · Un sommet sous influence');
  });
});
