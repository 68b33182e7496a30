import { ComponentType, ButtonStyle, type Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDS,
  defaultGuild,
  type Emulator,
  type StoredMessage,
} from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { control, createPoll, storedVotes, vote } from '../support/polls';
import { OTHER, secondGuild } from '../support/second-guild';
import { dataRows } from '../support/store-rows';

const { reader, member, moderator, readerRole } = DEFAULT_IDS;

/** Runs `act` and checks it changed nothing: no stored key, no message posted in the channel. */
async function expectNothingChanged(
  emulator: Emulator,
  storeUrl: string,
  act: () => Promise<void>,
): Promise<void> {
  const rowsBefore = await dataRows(storeUrl);
  const posted = () =>
    emulator.channelMessages(emulator.defaultChannelId).filter((message) => !message.ephemeral);
  const messagesBefore = posted().map((message) => `${message.id}@${message.revision}`);
  await act();
  expect(await dataRows(storeUrl)).toEqual(rowsBefore);
  expect(posted().map((message) => `${message.id}@${message.revision}`)).toEqual(messagesBefore);
}

/** An ephemeral answer, as text. */
async function refusal(handle: { reply(): Promise<StoredMessage> }, emulator: Emulator) {
  const reply = await handle.reply();
  expect(reply.ephemeral).toBe(true);
  return emulator.text(reply).replace('(only you can see this)\n', '');
}

describe('bad input to /poll create: one ephemeral message listing what to fix, nothing created', () => {
  it.each<[string, Record<string, string | number | boolean>, string]>([
    [
      'one option',
      { options: 'Dune' },
      'il faut au moins 2 options, séparées par « ; » ou « | » (vous en avez donné 1)',
    ],
    [
      '30 options',
      { options: Array.from({ length: 30 }, (_, index) => `Option ${index + 1}`).join(';') },
      'il y a 30 options ; 20 au plus',
    ],
    [
      'duplicates',
      { options: 'Dune;Solaris; dune ' },
      'options en double (majuscules et accents ne comptent pas) : “Dune”',
    ],
    [
      'a 5000-character question',
      { question: 'q'.repeat(5000) },
      'la question fait 5000 caractères ; 300 au plus',
    ],
    ['an empty question', { question: '   ' }, 'la question est vide'],
    [
      'an 81-character option',
      { options: `Dune;${'x'.repeat(81)}` },
      'l’option 2 fait 81 caractères ; 80 au plus',
    ],
    ['0m', { duration: '0m' }, 'la durée « 0m » est nulle'],
    [
      'abc',
      { duration: 'abc' },
      'durée « abc » non comprise : écrivez par exemple 30m, 12h, 3j ou 2 semaines',
    ],
    ['400d', { duration: '400d' }, 'la durée « 400d » dépasse le maximum de 90 jours'],
    [
      'max_choices beyond the options',
      { max_choices: 5 },
      'choix_max vaut 5 mais il n’y a que 3 options',
    ],
    [
      'anonymous without POLL_SECRET',
      { anonymous: true },
      'les sondages anonymes ne sont pas disponibles : la personne qui héberge Tribune n’a pas configuré POLL_SECRET',
    ],
  ])('%s', async (_, options, problem) => {
    const { emulator, storeUrl } = await startTestBot();
    await expectNothingChanged(emulator, storeUrl, async () => {
      const text = await refusal(
        emulator.slashCommand({
          name: 'poll',
          subcommand: 'create',
          options: { question: 'Que lit-on ?', options: 'Dune;Solaris;Fondation', ...options },
        }),
        emulator,
      );
      const [heading, ...problems] = text.split('\n');
      expect(heading).toBe('Le sondage n’a pas été créé. À corriger :');
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`• ${problem}`);
    });
  });

  it('lists every problem at once, in the member’s language', async () => {
    const { emulator, storeUrl } = await startTestBot();
    await expectNothingChanged(emulator, storeUrl, async () => {
      const text = await refusal(
        emulator.slashCommand({
          name: 'poll',
          subcommand: 'create',
          options: { question: '', options: 'a;A', duration: '400d', max_choices: 3 },
          locale: 'en-US',
        }),
        emulator,
      );
      expect(text).toBe(
        [
          'The poll was not created. Please fix:',
          '• the question is empty',
          '• duplicate options (case and accents do not count): “a”',
          '• the duration “400d” is longer than the maximum of 90 days',
          '• max_choices is 3 but there are only 2 options',
        ].join('\n'),
      );
    });
  });

  it('says when it cannot post in the channel', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const closed = emulator.createChannel({ name: 'annonces', botCanSend: false });
    await expectNothingChanged(emulator, storeUrl, async () => {
      const text = await refusal(
        emulator.slashCommand({
          name: 'poll',
          subcommand: 'create',
          options: { question: 'Q ?', options: 'a;b' },
          channelId: closed.id,
        }),
        emulator,
      );
      expect(text).toContain('Je ne peux pas publier de sondage dans ce salon');
    });
    expect(emulator.channelMessages(closed.id).filter((message) => !message.ephemeral)).toEqual([]);
  });
});

describe('refused clicks and commands change nothing', () => {
  it('refuses a vote without the required role', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const poll = await createPoll(emulator, {
      question: 'Réservé aux lecteurs ?',
      options: 'Oui;Non',
      role: readerRole,
    });
    expect(emulator.text(poll.message)).toContain(`Réservé au rôle <@&${readerRole}>`);
    await expectNothingChanged(emulator, storeUrl, async () => {
      expect(await refusal(vote(emulator, poll, 0, member), emulator)).toBe(
        `Seuls les membres qui ont le rôle <@&${readerRole}> peuvent voter à ce sondage : votre vote n’a pas été enregistré.`,
      );
    });
    expect(await refusal(vote(emulator, poll, 0, reader), emulator)).toContain(
      'Votre vote : 1. Oui',
    );
    expect(emulator.pings()).toEqual([]);
  });

  it('refuses closing and exporting to members who are neither creator nor moderator', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Q ?', options: 'a;b' }, { user: reader });
    const notAllowed =
      'Seule la personne qui a créé ce sondage, ou un membre qui a la permission « Gérer les messages », peut faire cela.';
    await expectNothingChanged(emulator, storeUrl, async () => {
      expect(await refusal(control(emulator, poll, 'poll-close', member), emulator)).toBe(
        notAllowed,
      );
      for (const subcommand of ['close', 'export']) {
        expect(
          await refusal(
            emulator.slashCommand({
              name: 'poll',
              subcommand,
              options: { poll: poll.pollId },
              user: member,
            }),
            emulator,
          ),
        ).toBe(notAllowed);
      }
      // Camille's role has Manage Messages, but these interactions say she lacks it: the bot
      // goes by the permissions Discord computed for the interaction, not by the member's roles.
      const forged = { permissions: '0' };
      expect(
        await refusal(control(emulator, poll, 'poll-close', moderator, forged), emulator),
      ).toBe(notAllowed);
      for (const subcommand of ['close', 'export']) {
        expect(
          await refusal(
            emulator.slashCommand({
              name: 'poll',
              subcommand,
              options: { poll: poll.pollId },
              user: moderator,
              ...forged,
            }),
            emulator,
          ),
        ).toBe(notAllowed);
      }
    });
  });

  it('refuses a vote on a closed poll even if its buttons could not be disabled', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Q ?', options: 'a;b' });
    // Discord refuses the edit that would disable the buttons: they stay clickable.
    const fault = emulator.injectFault({
      method: 'PATCH',
      route: `/channels/${emulator.defaultChannelId}/messages/${poll.message.id}`,
      status: 503,
      times: 100,
    });
    expect(await refusal(control(emulator, poll, 'poll-close', moderator), emulator)).toContain(
      'Sondage clos',
    );
    await expectNothingChanged(emulator, storeUrl, async () => {
      expect(await refusal(vote(emulator, poll, 0, reader), emulator)).toBe(
        'Ce sondage est clos : votre vote n’a pas été enregistré.',
      );
      expect(await refusal(control(emulator, poll, 'poll-close', moderator), emulator)).toBe(
        'Ce sondage est déjà clos.',
      );
    });
    fault.cancel();
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map());
  });

  it('answers forged and truncated button ids clearly', async () => {
    const testBot = await startTestBot();
    const { emulator, storeUrl } = testBot;
    const poll = await createPoll(emulator, { question: 'Q ?', options: 'a;b' });
    const forged = await postButtons(testBot.bot.client, emulator.defaultChannelId, [
      'poll:nosuchpoll:0',
      `poll:${poll.pollId}:2`,
      `poll:${poll.pollId}:x`,
      `poll:${poll.pollId}`,
      `poll:${poll.pollId}:0:9`,
      'poll-close:',
      `poll-results:${poll.pollId}:extra`,
    ]);
    const invalid = 'Ce bouton n’est pas valable : il ne correspond à aucune option de sondage.';
    const expected = [
      'Ce sondage n’existe pas (ou plus). Choisissez-en un dans la liste proposée.',
      invalid,
      invalid,
      invalid,
      invalid,
      invalid,
      invalid,
    ];
    await expectNothingChanged(emulator, storeUrl, async () => {
      for (const [index, customId] of buttonIdsOf(forged).entries()) {
        const text = await refusal(
          emulator.clickButton({ message: forged.id, customId, user: reader }),
          emulator,
        );
        expect(text, customId).toBe(expected[index]);
      }
    });
  });

  it('refuses a button or command naming another server’s poll', async () => {
    const otherGuild = secondGuild();
    const testBot = await startTestBot({
      emulatorOptions: { guilds: [defaultGuild(), otherGuild] },
    });
    const { emulator, storeUrl } = testBot;
    const elsewhere = await testBot.bot.services.polls.createAndPost(
      {
        guildId: otherGuild.id,
        channelId: OTHER.channel,
        creatorId: OTHER.member,
        locale: 'fr',
      },
      testBot.bot.services.polls.check(
        {
          question: 'Ailleurs ?',
          options: ['a', 'b'],
          duration: 3_600_000,
        },
        'fr',
      ),
    );
    const forged = await postButtons(testBot.bot.client, emulator.defaultChannelId, [
      `poll:${elsewhere.pollId}:0`,
      `poll-results:${elsewhere.pollId}`,
    ]);
    await expectNothingChanged(emulator, storeUrl, async () => {
      for (const customId of buttonIdsOf(forged)) {
        expect(
          await refusal(
            emulator.clickButton({ message: forged.id, customId, user: reader }),
            emulator,
          ),
        ).toBe('Ce sondage appartient à un autre serveur.');
      }
      expect(
        await refusal(
          emulator.slashCommand({
            name: 'poll',
            subcommand: 'close',
            options: { poll: elsewhere.pollId },
            user: moderator,
          }),
          emulator,
        ),
      ).toBe('Ce sondage appartient à un autre serveur.');
    });
  });

  it('refuses to name a poll that does not exist', async () => {
    const { emulator, storeUrl } = await startTestBot();
    await expectNothingChanged(emulator, storeUrl, async () => {
      expect(
        await refusal(
          emulator.slashCommand({
            name: 'poll',
            subcommand: 'results',
            options: { poll: 'anything typed' },
            locale: 'en-US',
          }),
          emulator,
        ),
      ).toBe('This poll does not exist (any more). Pick one from the suggested list.');
    });
  });
});

/** A message with buttons of any custom id, as an old version or a forger could have left. */
async function postButtons(client: Client, channelId: string, customIds: readonly string[]) {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error('cannot post');
  const rows = [];
  for (let start = 0; start < customIds.length; start += 5) {
    rows.push({
      type: ComponentType.ActionRow as const,
      components: customIds.slice(start, start + 5).map((customId, index) => ({
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: `Bouton ${start + index + 1}`,
        custom_id: customId,
      })),
    });
  }
  const message = await channel.send({ content: 'Boutons', components: rows });
  return { id: message.id, customIds };
}

function buttonIdsOf(posted: { customIds: readonly string[] }): readonly string[] {
  return posted.customIds;
}
