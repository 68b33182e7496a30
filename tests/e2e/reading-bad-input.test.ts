import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { reading } from '../support/reading';

const START = {
  channel: DEFAULT_IDS.clubChannel,
  weekday: 'mardi',
  time: '18:30',
};

describe('/reading refuses bad input with an ephemeral explanation and stores nothing', () => {
  const cases: [string, Record<string, string | number | boolean>, string, string][] = [
    [
      'an unknown weekday',
      { ...START, weekday: 'funday' },
      'fr',
      'Je ne reconnais pas le jour « funday ». Écrivez un jour de la semaine, par exemple « mardi ».',
    ],
    [
      'an unknown weekday (English)',
      { ...START, weekday: 'someday' },
      'en-US',
      'I don’t recognise the day “someday”. Write a day of the week, for example “Tuesday”.',
    ],
    [
      'hour 25',
      { ...START, time: '25:30' },
      'fr',
      'L’heure « 25:30 » n’est pas valide : écrivez-la HH:MM sur 24 heures, par exemple 18:30.',
    ],
    [
      '18h',
      { ...START, time: '18h' },
      'fr',
      'L’heure « 18h » n’est pas valide : écrivez-la HH:MM sur 24 heures, par exemple 18:30.',
    ],
    [
      '18h (English)',
      { ...START, time: '18h' },
      'en-GB',
      'The time “18h” is not valid: write it as HH:MM on a 24-hour clock, for example 18:30.',
    ],
    [
      'an invalid time zone',
      { ...START, timezone: 'Europe/Lutece' },
      'fr',
      'Je ne connais pas le fuseau horaire « Europe/Lutece ». Choisissez-en un dans la liste, par exemple Europe/Paris.',
    ],
    [
      'from_section out of range',
      { ...START, from_section: 9 },
      'fr',
      '« Sommet de l’IA, montagne de dégâts… » a 3 sections : choisissez une section entre 1 et 3, pas 9.',
    ],
    [
      'from_section out of range (English)',
      { ...START, from_section: 4 },
      'en-US',
      '“Sommet de l’IA, montagne de dégâts…” has 3 sections: choose a section between 1 and 3, not 4.',
    ],
    [
      '@everyone as the role',
      { ...START, role: DEFAULT_IDS.everyoneRole },
      'fr',
      'Choisissez un rôle précis à mentionner : Tribune ne mentionne jamais tout le serveur.',
    ],
    [
      'an unknown text',
      { ...START, text: 'Le Capital' },
      'fr',
      'Je ne connais pas de texte « Le Capital ».',
    ],
  ];

  it.each(cases)('%s', async (_, options, locale, expected) => {
    const { emulator, bot } = await startTestBot();
    const reply = await reading(emulator, 'start', options, { locale }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content.startsWith(expected)).toBe(true);
    expect(await bot.services.store.keys('reading:')).toEqual([]);
    expect(emulator.pings()).toEqual([]);
  });

  it('a channel the bot cannot post in, saying what it lacks', async () => {
    const { emulator, bot } = await startTestBot();
    const muted = emulator.createChannel({ name: 'muet', botCanSend: false });
    const reply = await reading(emulator, 'start', { ...START, channel: muted.id }).reply();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      `Tribune ne peut pas publier dans <#${muted.id}> : il lui manque « Envoyer des messages », « Envoyer des messages dans les fils ». Donnez-lui ces permissions dans ce salon, ou choisissez-en un autre.`,
    );
    // Without threads, sending in threads is not needed, but sending still is.
    const english = await reading(
      emulator,
      'start',
      { ...START, channel: muted.id, thread: false },
      { locale: 'en-US' },
    ).reply();
    expect(english.content).toBe(
      `Tribune cannot post in <#${muted.id}>: it lacks « Send Messages ». Grant them in that channel, or choose another one.`,
    );
    expect(await bot.services.store.keys('reading:')).toEqual([]);
    expect(emulator.channelMessages(muted.id)).toEqual([]);
  });

  it('a member without Manage Server, even with a forged interaction', async () => {
    const { emulator, bot } = await startTestBot();
    // Camille has Manage Server through her role; these interactions say she does not.
    const every = ['start', 'status', 'preview', 'next', 'skip', 'pause', 'resume', 'stop'];
    for (const subcommand of every) {
      const reply = await reading(emulator, subcommand, subcommand === 'start' ? START : {}, {
        permissions: '0',
      }).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe(
        'Il vous faut la permission « Gérer le serveur » pour faire cela.',
      );
    }
    // Bastien, a reader without the permission, in English.
    const reader = await reading(emulator, 'start', START, {
      user: DEFAULT_IDS.reader,
      locale: 'en-US',
    }).reply();
    expect(reader.content).toBe('You need the “Manage Server” permission to do that.');
    expect(await bot.services.store.keys('reading:')).toEqual([]);

    // With a plan to act on, a forged interaction still changes nothing and posts nothing.
    await reading(emulator, 'start', START).reply();
    const [plan] = await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild);
    const posted = emulator.channelMessages(START.channel).length;
    for (const subcommand of every.filter((name) => name !== 'start')) {
      const reply = await reading(emulator, subcommand, {}, { permissions: '0' }).reply();
      expect(reply.content).toBe(
        'Il vous faut la permission « Gérer le serveur » pour faire cela.',
      );
    }
    expect(await bot.services.readings.plansOfGuild(DEFAULT_IDS.guild)).toEqual([plan]);
    expect(emulator.channelMessages(START.channel)).toHaveLength(posted);
  });

  it('subcommands without a plan explain how to start one', async () => {
    const { emulator } = await startTestBot();
    for (const subcommand of ['preview', 'next', 'skip', 'pause', 'resume', 'stop']) {
      const reply = await reading(emulator, subcommand).reply();
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toBe(
        'Aucun plan de lecture sur ce serveur. Lancez-en un avec `/lecture lancer`.',
      );
    }
  });
});
