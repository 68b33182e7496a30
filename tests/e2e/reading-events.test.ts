// Reading sessions in Discord's calendar: one scheduled event per coming session, created a week
// ahead, kept in line with the plan, cancelled when it stops; without the permission, said once.
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import {
  DEFAULT_IDS,
  Permission,
  ScheduledEventEntityType,
  ScheduledEventStatus,
  type StoredScheduledEvent,
} from '../../scripts/emulator';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { manualClock, pause, reading, waitForPrompts } from '../support/reading';
import { until } from '../support/until';

const opEd = (await loadLibrary('content')).defaultText;
const [section1, section2] = opEd.sections;
if (!section1 || !section2) throw new Error('the default text has fewer than 2 sections');
const CLUB = DEFAULT_IDS.clubChannel;
const VOICE = DEFAULT_IDS.voiceChannel;
const START = { channel: CLUB, weekday: 'mardi', time: '18:30', role: DEFAULT_IDS.readerRole };
/** With a discussion on Thursdays at 19:00 in the voice channel. */
const WITH_SESSIONS = { ...START, meeting: 'jeudi 19:00', voice_channel: VOICE };

/** Tuesday 31 March 2026, 10:00 in Paris: the plan's first prompt is that evening. */
const TUESDAY_MORNING = '2026-03-31T08:00:00.000Z';
/** Thursday 2 April 2026, 19:00 in Paris: the first week's session. */
const FIRST_SESSION = '2026-04-02T17:00:00.000Z';
const SECOND_SESSION = '2026-04-09T17:00:00.000Z';

const EVENTS_ROUTE = 'POST /guilds/:guildId/scheduled-events';
const EVENT_ROUTE = 'PATCH /guilds/:guildId/scheduled-events/:eventId';

/** The bot and Discord on one hand-moved clock (Discord refuses events that start in the past). */
async function botAt(iso: string, env: Record<string, string> = {}) {
  const clock = manualClock(iso);
  const testBot = await startTestBot({
    clock,
    env,
    emulatorOptions: { now: () => clock.now().getTime() },
  });
  return { clock, testBot, emulator: testBot.emulator };
}

/** The events Discord holds, waiting until there are `count`. */
function eventsWhen(
  testBot: TestBot,
  count: number,
  ready: (events: StoredScheduledEvent[]) => boolean = () => true,
): Promise<StoredScheduledEvent[]> {
  const { emulator } = testBot;
  return emulator.waitFor(
    () => {
      const events = emulator.scheduledEvents();
      return events.length === count && ready(events) && events;
    },
    5000,
    `${count} scheduled event(s)`,
  );
}

/** Unit formats use no-break spaces ("1 heure"): compare words. */
const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('sessions in Discord’s calendar', () => {
  it('refuses bad session options with an ephemeral explanation, storing nothing', async () => {
    const { testBot, emulator } = await botAt(TUESDAY_MORNING);
    const cases: [Record<string, string>, string, string][] = [
      [
        { meeting: 'jeudi soir' },
        'fr',
        'Je ne comprends pas la séance « jeudi soir » : écrivez un jour et une heure sur 24 heures, par exemple « jeudi 19:00 ».',
      ],
      [
        { meeting: 'thursday 7pm' },
        'en-US',
        'I don’t understand the meeting “thursday 7pm”: write a day and a time on a 24-hour clock, for example “Thursday 19:00”.',
      ],
      [
        { voice_channel: VOICE, place: 'Café des Lilas' },
        'fr',
        'Choisissez un seul lieu : un salon vocal, ou un lieu en texte libre, pas les deux.',
      ],
      [{ place: '   ' }, 'en-US', 'The place must be 1 to 100 characters long.'],
      [
        { place: 'Café', duration: '0m' },
        'fr',
        'La durée « 0m » n’est pas valide : entre 5 minutes et 24 heures, par exemple 90m ou 2h.',
      ],
      [
        { meeting: 'jeudi 19:00', remind: 'la veille' },
        'fr',
        'Le rappel « la veille » n’est pas valide : entre 5 minutes et 6 jours avant la séance, par exemple 2h ou 1j.',
      ],
      [
        { remind: '2h' },
        'en-US',
        'A reminder 2h before the session would come before the week’s prompt, which opens the thread it goes in',
      ],
    ];
    for (const [options, locale, expected] of cases) {
      const reply = await reading(emulator, 'start', { ...START, ...options }, { locale }).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content.startsWith(expected), reply.content).toBe(true);
    }
    expect(await testBot.bot.services.store.keys('reading:')).toEqual([]);
    expect(emulator.requestsTo(/scheduled-events/)).toEqual([]);
  });

  it('creates the coming session’s event in the voice channel, and the next one a week before it', async () => {
    const { clock, testBot, emulator } = await botAt(TUESDAY_MORNING);
    const reply = await reading(emulator, 'start', WITH_SESSIONS).reply();
    expect(spaced(reply.content)).toContain(
      `Séances : chaque jeudi à 19:00 (Europe/Paris), 1 heure, 🔊 <#${VOICE}>.`,
    );
    expect(reply.content).not.toContain('⚠️');

    const [event] = emulator.scheduledEvents();
    expect(event).toMatchObject({
      name: section1.title,
      channelId: VOICE,
      creatorId: DEFAULT_IDS.botUser,
      entityType: ScheduledEventEntityType.Voice,
      privacyLevel: 2,
      status: ScheduledEventStatus.Scheduled,
      scheduledStartTime: FIRST_SESSION,
      scheduledEndTime: '2026-04-02T18:00:00.000Z',
      location: null,
    });
    expect(event?.description).toContain(`**${section1.title}**`);
    expect(event?.description).toContain(`> ${section1.paragraphs[0]?.slice(0, 30) ?? ''}`);
    expect(event?.description).toContain(
      `À lire : \`/section section:1 texte:${opEd.id}\` · la discussion s’ouvre dans <#${CLUB}>`,
    );
    expect(emulator.requestsTo(EVENTS_ROUTE)[0]?.body).toMatchObject({
      entity_type: 2,
      channel_id: VOICE,
      privacy_level: 2,
      scheduled_start_time: FIRST_SESSION,
    });

    // The status shows the session, in each reader's zone, and its place.
    const status = await reading(emulator, 'status').reply();
    const seconds = Date.parse(FIRST_SESSION) / 1000;
    expect(status.embeds[0]?.fields?.[0]?.value).toContain(
      `Prochaine séance : <t:${seconds}:F> (<t:${seconds}:R>) · 🔊 <#${VOICE}>`,
    );

    // Posted now with `next`: the event points to the week's thread; next week's is not there yet.
    await reading(emulator, 'next').reply();
    await waitForPrompts(emulator, 1);
    const [thread] = emulator.threads(CLUB);
    const [pointed] = await eventsWhen(testBot, 1, ([first]) =>
      (first?.description ?? '').endsWith(`Discussion : <#${thread?.id ?? ''}>`),
    );
    expect(pointed?.id).toBe(event?.id);
    expect(emulator.requestsTo(EVENT_ROUTE).map((request) => request.body)).toEqual([
      { description: pointed?.description },
    ]);

    // Ten minutes before next week's session is a week away: still one event.
    clock.set('2026-04-02T16:50:00.000Z');
    const early = await testBot.restart({ clock });
    await until(() => early.logs.some((line) => line.msg === 'tribune is ready'));
    await pause(300);
    expect(emulator.scheduledEvents()).toHaveLength(1);

    // Once it is, the reconciliation creates it, about the next section.
    clock.set('2026-04-02T17:00:30.000Z');
    await early.restart({ clock });
    const [, second] = await eventsWhen(testBot, 2);
    expect(second).toMatchObject({
      name: section2.title,
      channelId: VOICE,
      scheduledStartTime: SECOND_SESSION,
      status: ScheduledEventStatus.Scheduled,
    });
  });

  it('makes an external event with its location and end for a place given as text (100 characters)', async () => {
    const { testBot, emulator } = await botAt(TUESDAY_MORNING);
    // At Discord's limit for a location: 100 characters.
    const place = 'Café des Lilas, 12 rue des Lilas — salle du fond, 2e étage '.padEnd(100, 'é');
    const reply = await reading(
      emulator,
      'start',
      { ...START, place, duration: '90m' },
      { locale: 'en-US' },
    ).reply();
    expect(spaced(reply.content)).toContain(
      `Sessions: every Tuesday at 18:30 (Europe/Paris), 1 hour and 30 minutes, 📍 ${place}.`,
    );
    // By default the session is the prompt's own time.
    const [event] = await eventsWhen(testBot, 1);
    expect(event).toMatchObject({
      name: section1.title,
      channelId: null,
      entityType: ScheduledEventEntityType.External,
      location: place,
      scheduledStartTime: '2026-03-31T16:30:00.000Z',
      scheduledEndTime: '2026-03-31T18:00:00.000Z',
      privacyLevel: 2,
    });
  });

  it('makes a stage event for a stage channel', async () => {
    const { testBot, emulator } = await botAt(TUESDAY_MORNING);
    const stage = DEFAULT_IDS.stageChannel;
    const reply = await reading(emulator, 'start', {
      ...WITH_SESSIONS,
      voice_channel: stage,
    }).reply();
    expect(reply.content).toContain(`🔊 <#${stage}>`);
    const [event] = await eventsWhen(testBot, 1);
    expect(event).toMatchObject({
      channelId: stage,
      entityType: ScheduledEventEntityType.StageInstance,
      scheduledStartTime: FIRST_SESSION,
    });
  });

  it('cancels the week’s event on pause and skip, creates it again on resume, cancels on stop', async () => {
    const { clock, testBot, emulator } = await botAt(TUESDAY_MORNING);
    await reading(emulator, 'start', WITH_SESSIONS).reply();
    const [first] = await eventsWhen(testBot, 1);

    await reading(emulator, 'pause').reply();
    expect(emulator.scheduledEvents()[0]?.status).toBe(ScheduledEventStatus.Canceled);
    expect(emulator.requestsTo(EVENT_ROUTE).at(-1)?.body).toEqual({ status: 4 });

    await reading(emulator, 'resume').reply();
    const resumed = await eventsWhen(testBot, 2);
    expect(resumed.map((event) => [event.id === first?.id, event.status])).toEqual([
      [true, ScheduledEventStatus.Canceled],
      [false, ScheduledEventStatus.Scheduled],
    ]);
    expect(resumed[1]).toMatchObject({ name: section1.title, scheduledStartTime: FIRST_SESSION });

    // Skipped: no session this week; its section waits for next week's.
    await reading(emulator, 'skip').reply();
    expect(emulator.scheduledEvents()[1]?.status).toBe(ScheduledEventStatus.Canceled);
    clock.set('2026-04-02T17:00:30.000Z');
    await testBot.restart({ clock });
    const [, , next] = await eventsWhen(testBot, 3);
    expect(next).toMatchObject({
      name: section1.title,
      scheduledStartTime: SECOND_SESSION,
      status: ScheduledEventStatus.Scheduled,
    });

    const stopped = await reading(emulator, 'stop').reply();
    expect(stopped.content).toContain('arrêté');
    expect(emulator.scheduledEvents().map((event) => event.status)).toEqual([
      ScheduledEventStatus.Canceled,
      ScheduledEventStatus.Canceled,
      ScheduledEventStatus.Canceled,
    ]);
    expect(emulator.requestsTo(EVENT_ROUTE).at(-1)?.body).toEqual({ status: 4 });
  });

  it('without Create Events, says so once at start and the plan runs; events come once granted', async () => {
    const { testBot, emulator } = await botAt(TUESDAY_MORNING);
    emulator.setBotPermissions(Permission.CreateEvents, false);
    const reply = await reading(emulator, 'start', WITH_SESSIONS).reply();
    expect(reply.content).toContain(
      `⚠️ Tribune ne peut pas créer les évènements des séances dans <#${VOICE}> : il lui manque « Créer des évènements ». Le plan fonctionne sans eux`,
    );
    await reading(emulator, 'next').reply();
    await waitForPrompts(emulator, 1);
    const status = await reading(emulator, 'status').reply();
    expect(status.embeds[0]?.fields?.[0]?.value).toContain('Prochaine séance');
    // Nothing asked of Discord: no refusal, no retries.
    expect(emulator.requestsTo(/scheduled-events/)).toEqual([]);
    expect(
      testBot.logs.filter((line) => Number(line.level) >= 40 && line.feature === 'reading'),
    ).toEqual([]);

    // Granted: the next change of the plan brings the week's session into the calendar.
    emulator.setBotPermissions(Permission.CreateEvents, true);
    await reading(emulator, 'skip').reply();
    const [event] = await eventsWhen(testBot, 1);
    expect(event).toMatchObject({ name: section1.title, scheduledStartTime: FIRST_SESSION });
  });

  it('a refusal from Discord (the bot’s cache out of date) is logged once, not retried', async () => {
    const { testBot, emulator } = await botAt(TUESDAY_MORNING);
    // The bot misses the change: its cache still says it may create events.
    emulator.setBotPermissions(Permission.CreateEvents, false, DEFAULT_IDS.guild, {
      unannounced: true,
    });
    const reply = await reading(emulator, 'start', WITH_SESSIONS).reply();
    expect(reply.content).toContain('Plan de lecture créé');
    await reading(emulator, 'next').reply();
    await waitForPrompts(emulator, 1);
    await reading(emulator, 'preview').reply();
    const refusals = emulator.requestsTo(EVENTS_ROUTE);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.status).toBe(403);
    expect(
      testBot.logs.filter((line) => line.msg === 'session event not created').map((l) => l.week),
    ).toEqual(['2026-03-31']);
    expect(emulator.scheduledEvents()).toEqual([]);
  });

  it('two processes at the same due time create one event', async () => {
    const { clock, testBot, emulator } = await botAt(TUESDAY_MORNING);
    await reading(emulator, 'start', WITH_SESSIONS).reply();
    await reading(emulator, 'next').reply();
    await eventsWhen(testBot, 1);
    await testBot.stop();

    // Both come back when next week's event is due.
    clock.set('2026-04-02T17:00:30.000Z');
    const [back, other] = await Promise.all([
      testBot.restart({ clock }),
      testBot.startAnother({ clock }),
    ]);
    await emulator.waitForSessions(2);
    await eventsWhen(testBot, 2);
    await pause(1000);
    expect(emulator.scheduledEvents()).toHaveLength(2);
    expect(emulator.requestsTo(EVENTS_ROUTE)).toHaveLength(2);
    const created = [back, other].flatMap((bot) =>
      bot.logs.filter((line) => line.msg === 'session event created'),
    );
    expect(created).toHaveLength(1);
  });
});
