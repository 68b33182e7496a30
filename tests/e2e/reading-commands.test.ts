import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { nextOccurrence } from '../../src/reading/core/next-occurrence';
import { DEFAULT_IDS, defaultGuild } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { manualClock, prompts, reading, waitForPrompts } from '../support/reading';

const opEd = (await loadLibrary('content')).defaultText;
const CLUB = DEFAULT_IDS.clubChannel;

/** Tuesday 31 March 2026, 10:00 in Paris (CEST): the plan's first prompt is that evening. */
const TUESDAY_MORNING = '2026-03-31T08:00:00.000Z';
const TUESDAY_EVENING = Date.parse('2026-03-31T16:30:00.000Z') / 1000;
const NEXT_TUESDAY = Date.parse('2026-04-07T16:30:00.000Z') / 1000;

const START = { channel: CLUB, weekday: 'mardi', time: '18:30', role: DEFAULT_IDS.readerRole };

describe('/reading commands', () => {
  it('start creates the plan and answers with the first date as a Discord timestamp (French)', async () => {
    const { emulator, bot } = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const reply = await reading(emulator, 'start', START).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      `Plan de lecture créé dans <#${CLUB}> : « ${opEd.title} », chaque mardi à 18:30 (Europe/Paris), à partir de la section 1. Première publication : <t:${TUESDAY_EVENING}:F> (<t:${TUESDAY_EVENING}:R>).`,
    );
    const [plan] = await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild);
    expect(plan).toMatchObject({
      channelId: CLUB,
      weekday: 2,
      time: { hour: 18, minute: 30, second: 0 },
      timeZone: 'Europe/Paris',
      roleId: DEFAULT_IDS.readerRole,
      thread: true,
      nextSection: 1,
      state: 'active',
    });

    // One plan per channel: starting again asks to stop the old one first.
    const again = await reading(emulator, 'start', START).reply();
    expect(again.content).toBe(
      `<#${CLUB}> a déjà un plan de lecture. Arrêtez-le d’abord avec \`/lecture arrêter\`.`,
    );
    expect(await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild)).toHaveLength(1);
  });

  it('answers in English to an English-speaking member, with a zone, a text and a first section', async () => {
    const { emulator } = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const reply = await reading(
      emulator,
      'start',
      {
        channel: CLUB,
        weekday: 'Wednesday',
        time: '19:00',
        timezone: 'America/New_York',
        text: opEd.id,
        from_section: 2,
        thread: false,
      },
      { locale: 'en-US' },
    ).reply();
    const first = nextOccurrence(
      { weekday: 3, time: { hour: 19, minute: 0, second: 0 }, timeZone: 'America/New_York' },
      new Date(TUESDAY_MORNING),
    );
    const seconds = first.at.getTime() / 1000;
    expect(reply.content).toBe(
      `Reading plan created in <#${CLUB}>: “${opEd.title}”, every Wednesday at 19:00 (America/New_York), from section 2. First prompt: <t:${seconds}:F> (<t:${seconds}:R>).`,
    );
  });

  it('posts prompts in the server’s language: “Week N” in an English-speaking server', async () => {
    const { emulator } = await startTestBot({
      clock: manualClock(TUESDAY_MORNING),
      emulatorOptions: { guilds: [defaultGuild({ preferred_locale: 'en-US' })] },
    });
    const started = await reading(emulator, 'start', { ...START, weekday: 'Tuesday' }).reply();
    expect(started.content).toContain('Reading plan created');
    await reading(emulator, 'next', {}, { locale: 'fr' }).reply();
    const [prompt] = await waitForPrompts(emulator, 1);
    expect(prompt?.embeds[0]?.title).toBe(`Week 1 — ${opEd.sections[0]?.title ?? ''}`);
    expect(prompt?.embeds[0]?.fields?.[0]?.value).toBe(opEd.sections[0]?.questions[0]?.en);
    await emulator.waitFor(() => emulator.threads(CLUB).length === 1);
    expect(emulator.threads(CLUB)[0]?.name).toBe(`Week 1 — ${opEd.sections[0]?.title ?? ''}`);
  });

  it('warns when the role cannot be pinged because it is not mentionable', async () => {
    const { emulator } = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const reply = await reading(emulator, 'start', {
      ...START,
      role: DEFAULT_IDS.moderatorRole,
    }).reply();
    expect(reply.content).toContain('Plan de lecture créé');
    expect(reply.content).toContain(
      `⚠️ Le rôle <@&${DEFAULT_IDS.moderatorRole}> n’est pas mentionnable`,
    );
    expect(emulator.pings()).toEqual([]);
  });

  it('status lists the plans with progress, next date and pause state', async () => {
    const { emulator } = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const empty = await reading(emulator, 'status').reply();
    expect(emulator.text(empty)).toContain('Aucun plan de lecture');
    await reading(emulator, 'start', START).reply();
    const status = await reading(emulator, 'status').reply();
    expect(status.ephemeral).toBe(true);
    const text = emulator.text(status);
    expect(text).toContain(opEd.title);
    expect(text).toContain(`<#${CLUB}> · chaque mardi à 18:30 (Europe/Paris)`);
    expect(text).toContain('Progression : section 1 sur 3');
    expect(text).toContain(
      `Prochaine publication : <t:${TUESDAY_EVENING}:F> (<t:${TUESDAY_EVENING}:R>)`,
    );

    const english = await reading(emulator, 'status', {}, { locale: 'en-GB' }).reply();
    expect(emulator.text(english)).toContain('Progress: section 1 of 3');
  });

  it('preview shows the next prompt privately, as it will be posted, pinging nobody', async () => {
    const { emulator } = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    await reading(emulator, 'start', START).reply();
    const preview = await reading(emulator, 'preview').reply();
    expect(preview.ephemeral).toBe(true);
    expect(preview.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
    expect(preview.content).toBe(`<@&${DEFAULT_IDS.readerRole}>`);
    expect(emulator.pings()).toEqual([]);
    expect(prompts(emulator)).toEqual([]);
    // In the server's language, whoever asks.
    const english = await reading(emulator, 'preview', {}, { locale: 'en-US' }).reply();
    expect(english.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
  });

  it('next posts the next prompt now; the schedule continues with the following week', async () => {
    const testBot = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    const { emulator, bot } = testBot;
    await reading(emulator, 'start', START).reply();
    const reply = await reading(emulator, 'next').reply();
    const [prompt] = prompts(emulator);
    expect(prompt?.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
    expect(reply.content).toBe(
      `Publié dans <#${CLUB}> : https://discord.com/channels/${DEFAULT_IDS.guild}/${CLUB}/${prompt?.id ?? ''}\nPublication suivante : <t:${NEXT_TUESDAY}:F> (<t:${NEXT_TUESDAY}:R>).`,
    );
    expect(emulator.threads(CLUB)).toHaveLength(1);
    expect(emulator.pings()).toHaveLength(1);

    await reading(emulator, 'next').reply();
    const [, week2] = await waitForPrompts(emulator, 2);
    expect(week2?.embeds[0]?.title).toBe(`Semaine 2 — ${opEd.sections[1]?.title ?? ''}`);
    const [plan] = await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild);
    expect(plan?.nextSection).toBe(3);
    expect(plan?.posts.map((post) => post.localDate)).toEqual(['2026-03-31', '2026-04-07']);
  });

  it('skip skips one week: the section waits for the week after', async () => {
    const { emulator, bot } = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    await reading(emulator, 'start', START).reply();
    const reply = await reading(emulator, 'skip').reply();
    expect(reply.content).toBe(
      `La semaine du <t:${TUESDAY_EVENING}:F> (<t:${TUESDAY_EVENING}:R>) est sautée dans <#${CLUB}>. Publication suivante : <t:${NEXT_TUESDAY}:F> (<t:${NEXT_TUESDAY}:R>).`,
    );
    expect(prompts(emulator)).toEqual([]);
    const [plan] = await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild);
    expect(plan?.nextSection).toBe(1);
    const status = emulator.text(await reading(emulator, 'status').reply());
    expect(status).toContain('sautée avec `/lecture sauter`');
    // The skipped week's section comes next.
    const preview = await reading(emulator, 'preview').reply();
    expect(preview.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
  });

  it('pause stops the plan, resume restarts it from now, stop deletes it and frees the channel', async () => {
    const clock = manualClock(TUESDAY_MORNING);
    const { emulator, bot } = await startTestBot({ clock });
    await reading(emulator, 'start', START).reply();

    const paused = await reading(emulator, 'pause').reply();
    expect(emulator.text(paused)).toContain('est en pause');
    expect(emulator.text(await reading(emulator, 'status').reply())).toContain(
      '⏸ En pause : mis en pause avec `/lecture pause`',
    );
    expect(emulator.text(await reading(emulator, 'next').reply())).toContain(
      'reprenez-le d’abord avec `/lecture reprendre`',
    );
    expect(emulator.text(await reading(emulator, 'pause').reply())).toContain('est en pause');

    // The evening goes by while paused: nothing is posted, and nothing is owed on resume.
    clock.set('2026-04-01T09:00:00.000Z');
    const resumed = await reading(emulator, 'resume').reply();
    expect(resumed.content).toBe(
      `Le plan de <#${CLUB}> reprend. Publication suivante : <t:${NEXT_TUESDAY}:F> (<t:${NEXT_TUESDAY}:R>).`,
    );
    expect(emulator.text(await reading(emulator, 'resume').reply())).toContain(
      'n’est pas en pause',
    );
    expect(prompts(emulator)).toEqual([]);

    const stopped = await reading(emulator, 'stop').reply();
    expect(stopped.content).toBe(`Le plan de <#${CLUB}> est arrêté et effacé.`);
    expect(await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild)).toEqual([]);
    // Only the mark that the server had a plan stays: proposals for the next text go with it.
    expect(await bot.services.store.keys('reading:')).toEqual([
      `reading:guild-had-plan:${DEFAULT_IDS.guild}`,
    ]);
    expect(emulator.text(await reading(emulator, 'stop').reply())).toContain(
      'Aucun plan de lecture',
    );
    // The channel is free again.
    const again = await reading(emulator, 'start', START).reply();
    expect(emulator.text(again)).toContain('Plan de lecture créé');
  });

  it('finds the plan by the channel option, the current channel, or the only plan', async () => {
    const { emulator } = await startTestBot({ clock: manualClock(TUESDAY_MORNING) });
    await reading(emulator, 'start', START).reply();
    await reading(emulator, 'start', { ...START, channel: DEFAULT_IDS.generalChannel }).reply();
    // Run from #général (the default channel): its own plan.
    const here = await reading(emulator, 'pause').reply();
    expect(emulator.text(here)).toContain(`<#${DEFAULT_IDS.generalChannel}>`);
    const there = await reading(emulator, 'pause', { channel: CLUB }).reply();
    expect(emulator.text(there)).toContain(`<#${CLUB}>`);
    const other = emulator.createChannel({ name: 'autre' });
    const none = await reading(emulator, 'skip', { channel: other.id }).reply();
    expect(none.content).toBe(`Il n’y a pas de plan de lecture dans <#${other.id}>.`);
    const ambiguous = await emulator
      .slashCommand({
        name: 'reading',
        subcommand: 'preview',
        channelId: other.id,
        user: DEFAULT_IDS.moderator,
      })
      .reply();
    expect(emulator.text(ambiguous)).toContain('plusieurs plans de lecture');
  });

  it('autocompletes weekdays in the member’s language, time zones and texts', async () => {
    const { emulator } = await startTestBot();
    const weekdays = await emulator
      .autocomplete({
        name: 'reading',
        subcommand: 'start',
        focused: 'weekday',
        options: { weekday: 'me' },
        user: DEFAULT_IDS.moderator,
      })
      .reply();
    expect(weekdays).toEqual([{ name: 'mercredi', value: 'wednesday' }]);
    const zones = await emulator
      .autocomplete({
        name: 'reading',
        subcommand: 'start',
        focused: 'timezone',
        options: { timezone: '' },
        user: DEFAULT_IDS.moderator,
      })
      .reply();
    expect(zones[0]).toEqual({ name: 'Europe/Paris', value: 'Europe/Paris' });
    expect(zones).toHaveLength(25);
    const york = await emulator
      .autocomplete({
        name: 'reading',
        subcommand: 'start',
        focused: 'timezone',
        options: { timezone: 'new york' },
        user: DEFAULT_IDS.moderator,
      })
      .reply();
    expect(york[0]).toEqual({ name: 'America/New_York', value: 'America/New_York' });
    const texts = await emulator
      .autocomplete({
        name: 'reading',
        subcommand: 'start',
        focused: 'text',
        options: { text: 'sommet' },
        user: DEFAULT_IDS.moderator,
      })
      .reply();
    expect(texts[0]?.value).toBe(opEd.id);
  });

  it('registers /reading for every member (their progress; the rest checks Manage Server), with French localisations', async () => {
    const { emulator } = await startTestBot();
    const command = emulator.commands(DEFAULT_IDS.guild).find((c) => c.name === 'reading');
    expect(command?.default_member_permissions ?? null).toBeNull();
    expect(command?.name_localizations).toEqual({ fr: 'lecture' });
    const start = command?.options.find((option) => option.name === 'start') as
      { options: { name: string; channel_types?: number[] }[] } | undefined;
    expect(start?.options.find((option) => option.name === 'channel')?.channel_types).toEqual([0]);
  });
});
