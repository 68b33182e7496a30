import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type Emulator, type StoredMessage } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { buttonIds } from '../support/polls';
import {
  planSecondsAhead,
  reading,
  waitForPrompts,
  waitForRecordedPosts,
} from '../support/reading';
import { dataRows } from '../support/store-rows';

const { reader, member, moderator, clubChannel } = DEFAULT_IDS;

function readLabel(emulator: Emulator, prompt: StoredMessage): string | undefined {
  return emulator.message(prompt.id)?.components[0]?.components?.[0]?.label;
}

function markRead(emulator: Emulator, prompt: StoredMessage, user: string, locale?: string) {
  const [customId = ''] = buttonIds(prompt);
  return emulator
    .clickButton({
      message: prompt.id,
      customId,
      user,
      ...(locale !== undefined && { locale }),
    })
    .reply();
}

describe('read marks', () => {
  it('members mark the week read from the prompt; the count follows; a second click takes it back', async () => {
    const testBot = await startTestBot({ env: {} });
    const { emulator, storeUrl } = testBot;
    const plan = await planSecondsAhead(testBot, 2);
    const [prompt] = await waitForPrompts(emulator, 1);
    if (!prompt) throw new Error('no prompt');
    expect(buttonIds(prompt)).toEqual([
      expect.stringMatching(new RegExp(`^read:${plan.id}:\\d{4}-\\d{2}-\\d{2}$`)),
    ]);
    expect(readLabel(emulator, prompt)).toBe('✅ J’ai lu');

    const first = await markRead(emulator, prompt, reader);
    expect(first.ephemeral).toBe(true);
    expect(emulator.text(first)).toContain('Noté : vous avez lu « Un sommet sous influence »');
    const english = await markRead(emulator, prompt, member, 'en-GB');
    expect(emulator.text(english)).toContain('Noted: you have read “Un sommet sous influence”');
    await emulator.waitFor(
      () => readLabel(emulator, prompt) === '✅ J’ai lu · 2',
      8000,
      'the count 2',
    );

    // Later, the same member clicks again: the mark is taken back (a double click would not).
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const undone = await markRead(emulator, prompt, reader);
    expect(emulator.text(undone)).toContain('Marque retirée');
    await emulator.waitFor(
      () => readLabel(emulator, prompt) === '✅ J’ai lu · 1',
      8000,
      'the count 1',
    );
    const marks = (await dataRows(storeUrl)).filter((row) =>
      row.key.startsWith('tribune:reading:read:'),
    );
    expect(marks.map((row) => row.key.split(':').at(-1))).toEqual([member]);
    // The edits change the buttons only: the prompt and its ping stay as posted.
    const edits = emulator
      .requestsTo(`/channels/${clubChannel}/messages/${prompt.id}`)
      .filter((request) => request.method === 'PATCH');
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits) {
      const body = edit.body as Record<string, unknown>;
      expect(body).not.toHaveProperty('content');
      expect(body).not.toHaveProperty('embeds');
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    expect(emulator.message(prompt.id)?.embeds).toEqual(prompt.embeds);
  });

  it('/reading progress tells a member, privately, what they read and what is next; status counts reads', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const plan = await planSecondsAhead(testBot, 2);
    const [prompt] = await waitForPrompts(emulator, 1);
    if (!prompt) throw new Error('no prompt');
    await waitForRecordedPosts(testBot, plan.id, 1);

    const before = await reading(emulator, 'progress', {}, { user: reader }).reply();
    expect(before.ephemeral).toBe(true);
    const unread = before.embeds[0]?.description ?? '';
    expect(unread).toContain('0 semaine lue sur 1 publiées.');
    expect(unread).toContain('▫️ Semaine 1 — Un sommet sous influence');
    expect(unread).toContain('À lire ensuite : `/section section:1 texte:');

    await markRead(emulator, prompt, reader);
    const after = (await reading(emulator, 'progress', {}, { user: reader }).reply()).embeds[0]
      ?.description;
    expect(after).toContain('1 semaine lue sur 1 publiées.');
    expect(after).toContain('✅ Semaine 1 — Un sommet sous influence');
    expect(after).toContain('Tout est lu ; la prochaine section sort <t:');

    const status = await reading(emulator, 'status', {}, { user: moderator }).reply();
    expect(status.embeds[0]?.fields?.[0]?.value).toContain('Lu par : S1 1');
    // Organisers only, still.
    const refused = await reading(emulator, 'status', {}, { user: reader }).reply();
    expect(emulator.text(refused)).toContain('Il vous faut la permission « Gérer le serveur »');
  });

  it('/privacy lists and erases a member’s marks, and stopping the plan removes them all', async () => {
    const testBot = await startTestBot();
    const { emulator, storeUrl } = testBot;
    await planSecondsAhead(testBot, 2);
    const [prompt] = await waitForPrompts(emulator, 1);
    if (!prompt) throw new Error('no prompt');
    await markRead(emulator, prompt, reader);
    await markRead(emulator, prompt, member);

    const shown = await emulator
      .slashCommand({ name: 'privacy', subcommand: 'show', user: reader })
      .reply();
    expect(shown.embeds[0]?.description).toContain('**Lectures notées** (« J’ai lu ») : 1.');
    const confirmation = await emulator
      .slashCommand({ name: 'privacy', subcommand: 'delete', user: reader })
      .reply();
    const [confirm = ''] = buttonIds(confirmation);
    const erased = await emulator
      .clickButton({ message: confirmation.id, customId: confirm, user: reader })
      .reply();
    expect(emulator.text(erased)).toContain('Marques « J’ai lu » effacées : 1');
    const keys = async () =>
      (await dataRows(storeUrl))
        .filter((row) => row.key.startsWith('tribune:reading:read:'))
        .map((row) => row.key.split(':').at(-1));
    expect(await keys()).toEqual([member]);
    await emulator.waitFor(
      () => readLabel(emulator, prompt) === '✅ J’ai lu · 1',
      8000,
      'the count 1',
    );

    await reading(emulator, 'stop', {}, { user: moderator }).reply();
    expect(await keys()).toEqual([]);
  });
});
