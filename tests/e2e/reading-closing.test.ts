import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { manualClock, reading } from '../support/reading';
import { until } from '../support/until';

const opEd = (await loadLibrary('content')).defaultText;
const CLUB = DEFAULT_IDS.clubChannel;
const START = { channel: CLUB, weekday: 'mardi', time: '18:30', role: DEFAULT_IDS.readerRole };

const channelPosts = (emulator: Awaited<ReturnType<typeof startTestBot>>['emulator']) =>
  emulator.channelMessages(CLUB).filter((message) => message.source === 'channel');

describe('the end of a reading plan', () => {
  it('after the last section: a recap of the weeks and a poll on which section to revisit, then the plan ends', async () => {
    const testBot = await startTestBot({ clock: manualClock('2026-03-31T08:00:00.000Z') });
    const { emulator, bot } = testBot;
    await reading(emulator, 'start', { ...START, from_section: 2 }).reply();
    await reading(emulator, 'next').reply();
    await reading(emulator, 'next').reply();
    expect(emulator.text(await reading(emulator, 'status').reply())).toContain(
      'Toutes les sections sont publiées ; le bilan vient ensuite.',
    );
    const preview = await reading(emulator, 'preview').reply();
    expect(preview.embeds[0]?.title).toBe(`Fin de la lecture : ${opEd.title}`);

    await reading(emulator, 'next').reply();
    await until(() => channelPosts(emulator).length === 4);
    const [week1, week2, closing, poll] = channelPosts(emulator);
    expect(week1?.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[1]?.title ?? ''}`);
    expect(week2?.embeds[0]?.title).toBe(`Semaine 2 — ${opEd.sections[2]?.title ?? ''}`);

    // The recap: each week with a link to its discussion thread, and the poll announced.
    const recap = closing?.embeds[0]?.description ?? '';
    expect(closing?.embeds[0]?.title).toBe(`Fin de la lecture : ${opEd.title}`);
    expect(recap).toContain(
      `**Semaine 1** — ${opEd.sections[1]?.title ?? ''} · <#${week1?.threadId ?? ''}>`,
    );
    expect(recap).toContain(
      `**Semaine 2** — ${opEd.sections[2]?.title ?? ''} · <#${week2?.threadId ?? ''}>`,
    );
    expect(recap).toContain('Un sondage suit');
    expect(closing?.content).toBe(`<@&${DEFAULT_IDS.readerRole}>`);

    // The poll, made by the poll feature: one option per section read.
    if (!poll) throw new Error('no poll message');
    expect(emulator.text(poll)).toContain('Quelle section voulez-vous relire ensemble ?');
    const labels = poll.components
      .flatMap((row) => row.components ?? [])
      .map((button) => button.label ?? '');
    expect(
      labels.some((label) => label.includes(opEd.sections[1]?.title.slice(0, 20) ?? '?')),
    ).toBe(true);
    expect(
      labels.some((label) => label.includes(opEd.sections[2]?.title.slice(0, 20) ?? '?')),
    ).toBe(true);
    // Only prompts ping, the role only: the poll pings nobody.
    expect(emulator.pings().map((ping) => ping.messageId)).toEqual([
      week1?.id,
      week2?.id,
      closing?.id,
    ]);

    const [plan] = await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild);
    expect(plan?.state).toBe('finished');
    const status = emulator.text(await reading(emulator, 'status').reply());
    expect(status).toContain('✅ Lecture terminée.');
    expect(emulator.text(await reading(emulator, 'next').reply())).toContain('est terminé');
    // The channel is free for the next text.
    const again = await reading(emulator, 'start', START).reply();
    expect(again.content).toContain('Plan de lecture créé');
  });

  it('after a single section the recap goes alone: no poll with one option', async () => {
    const { emulator } = await startTestBot({ clock: manualClock('2026-03-31T08:00:00.000Z') });
    await reading(
      emulator,
      'start',
      { ...START, from_section: 3, thread: false },
      { locale: 'en-US' },
    ).reply();
    await reading(emulator, 'next').reply();
    await reading(emulator, 'next').reply();
    await until(() => channelPosts(emulator).length === 2);
    const [, closing] = channelPosts(emulator);
    expect(closing?.embeds[0]?.description).not.toContain('sondage');
    expect(closing?.components).toEqual([]);
    expect(channelPosts(emulator)).toHaveLength(2);
  });
});
