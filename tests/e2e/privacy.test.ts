import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { voterKey, creatorKey } from '../../src/polls/core/voter-key';
import { DEFAULT_IDS, type Emulator, type StoredMessage } from '../../scripts/emulator';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { hostileString } from '../support/hostile-strings';
import {
  TEST_POLL_SECRET,
  buttonIds,
  control,
  createPoll,
  storedVotes,
  vote,
  waitForPollMessage,
  type CreatedPoll,
} from '../support/polls';
import { dataRows, rowsMentioning } from '../support/store-rows';
import { steppingClock } from '../support/stepping-clock';
import { MARKDOWN_TEXT, addText } from '../support/texts';

const { reader, member, moderator } = DEFAULT_IDS;

const text = (emulator: Emulator, message: StoredMessage) =>
  emulator.text(message).replace('(only you can see this)\n', '');

function privacy(emulator: Emulator, subcommand: 'show' | 'delete', user: string, locale?: string) {
  return emulator.slashCommand({
    name: 'privacy',
    subcommand,
    user,
    ...(locale !== undefined && { locale }),
  });
}

interface World {
  readonly testBot: TestBot;
  readonly open: CreatedPoll;
  readonly anonymous: CreatedPoll;
  readonly closed: CreatedPoll;
  readonly created: CreatedPoll;
  readonly createdAnonymous: CreatedPoll;
  readonly planId: string;
}

/**
 * Zoé (a member without permissions) votes in an open poll, an anonymous one and one that then
 * closes, creates a poll and an anonymous poll, and started a reading plan; Bastien votes too.
 */
async function zoeEverywhere(testBot: TestBot): Promise<World> {
  const { emulator, bot } = testBot;
  const open = await createPoll(emulator, { question: 'Ouvert ?', options: 'a;b' });
  const anonymous = await createPoll(emulator, {
    question: 'Anonyme ?',
    options: 'a;b',
    anonymous: true,
  });
  const closed = await createPoll(
    emulator,
    { question: 'Clos ?', options: 'a;b' },
    { user: moderator },
  );
  const created = await createPoll(
    emulator,
    { question: 'De Zoé ?', options: 'a;b' },
    { user: member },
  );
  const createdAnonymous = await createPoll(
    emulator,
    { question: 'De Zoé, anonyme ?', options: 'a;b', anonymous: true },
    { user: member },
  );
  for (const [poll, option] of [
    [open, 0],
    [anonymous, 1],
    [closed, 0],
  ] as const) {
    expect(text(emulator, await vote(emulator, poll, option, member).reply())).toMatch(
      /^Votre vote/,
    );
  }
  expect(text(emulator, await vote(emulator, open, 1, reader).reply())).toMatch(/^Votre vote/);
  expect(text(emulator, await control(emulator, closed, 'poll-close', moderator).reply())).toBe(
    'Sondage clos. Les résultats sont publiés.',
  );
  const { plan } = await bot.services.readings.createPlan({
    guildId: DEFAULT_IDS.guild,
    channelId: DEFAULT_IDS.clubChannel,
    textId: bot.services.texts.builtIn.defaultText.id,
    firstSection: 1,
    weekday: 1,
    time: { hour: 3, minute: 0, second: 0 },
    timeZone: 'Europe/Paris',
    roleId: undefined,
    thread: true,
    locale: 'fr',
    createdBy: member,
  });
  return { testBot, open, anonymous, closed, created, createdAnonymous, planId: plan.id };
}

async function startWithSecret(clock?: { now(): Date }) {
  return startTestBot({
    env: { POLL_SECRET: TEST_POLL_SECRET },
    ...(clock !== undefined && { clock }),
  });
}

describe('/privacy show', () => {
  it('says what is kept about the member, derived from the store, in French and English', async () => {
    const testBot = await startWithSecret();
    const { emulator } = testBot;
    await zoeEverywhere(testBot);
    const french = await privacy(emulator, 'show', member).reply();
    expect(french.ephemeral).toBe(true);
    const shown = text(emulator, french);
    expect(shown).toContain('## 🔒 Ce que Tribune garde sur vous');
    expect(shown).toContain(
      '• **Vos votes** : 2 dans des sondages ouverts, 1 dans des sondages clos.',
    );
    expect(shown).toContain('Les votes sont supprimés 90 jours après la clôture du sondage');
    expect(shown).toContain('• **Sondages que vous avez créés** : 2.');
    expect(shown).toContain('• **Plans de lecture que vous avez lancés** : 1.');
    expect(shown).toContain('• **`/section` et `/chercher`** : rien.');
    expect(shown).toContain('`/confidentialité effacer`');

    const english = text(emulator, await privacy(emulator, 'show', member, 'en-US').reply());
    expect(english).toContain('• **Your votes**: 2 in open polls, 1 in closed polls.');
    expect(english).toContain('• **Polls you created**: 2.');
    expect(english).toContain('• **Reading plans you started**: 1.');

    // Bastien: one vote in an open poll, three polls created.
    const bastien = text(emulator, await privacy(emulator, 'show', reader).reply());
    expect(bastien).toContain('1 dans des sondages ouverts, 0 dans des sondages clos');
    expect(bastien).toContain('• **Sondages que vous avez créés** : 2.');
    expect(emulator.pings()).toEqual([]);
  });
});

describe('/privacy delete', () => {
  it('erases the member’s votes and their id everywhere after one confirmation, only theirs', async () => {
    const testBot = await startWithSecret();
    const { emulator, storeUrl, bot, logs } = testBot;
    const world = await zoeEverywhere(testBot);

    // The confirmation: what will be erased, buttons only Zoé may use.
    const asked = await privacy(emulator, 'delete', member).reply();
    expect(asked.ephemeral).toBe(true);
    expect(text(emulator, asked)).toContain('## 🗑️ Effacer vos données de Tribune ?');
    expect(text(emulator, asked)).toContain('• vos votes dans les sondages ouverts (2)');
    expect(text(emulator, asked)).toContain('• vos votes encore gardés dans des sondages clos (1)');
    expect(text(emulator, asked)).toContain(
      '• votre identifiant sur les sondages que vous avez créés (2)',
    );
    expect(text(emulator, asked)).toContain(
      '• votre identifiant sur les plans de lecture que vous avez lancés (1)',
    );
    expect(text(emulator, asked)).toMatch(
      /C’est définitif\. Cette demande expire <t:\d+:R>\.\n\[Tout effacer\] \[Annuler\]$/,
    );
    const [confirm = '', cancel = ''] = buttonIds(asked);
    expect(confirm).toMatch(new RegExp(`^privacy-confirm:${member}:\\d+$`));
    expect(cancel).toBe(`privacy-cancel:${member}`);

    // Someone else's click, then Zoé's Cancel: nothing changes.
    const rows = await dataRows(storeUrl);
    for (const customId of [confirm, cancel]) {
      const refused = await emulator
        .clickButton({ message: asked, customId, user: reader })
        .reply();
      expect(refused.ephemeral).toBe(true);
      expect(text(emulator, refused)).toBe(
        'Ce bouton ne vous est pas destiné : seule la personne qui a demandé l’effacement peut le confirmer.',
      );
    }
    const cancelled = await emulator
      .clickButton({ message: asked, customId: cancel, user: member })
      .reply();
    expect(text(emulator, cancelled)).toBe('Rien n’a été effacé.');
    expect(cancelled.components).toEqual([]);
    expect(await dataRows(storeUrl)).toEqual(rows);

    // Confirmed: acknowledged at once (deferred), then the answer says what was erased.
    const again = await privacy(emulator, 'delete', member).reply();
    const [confirmAgain = ''] = buttonIds(again);
    const click = emulator.clickButton({ message: again, customId: confirmAgain, user: member });
    expect((await click.callback).type).toBe(6);
    const erased = await click.reply();
    expect(erased.id).toBe(again.id);
    expect(text(emulator, erased)).toBe(
      [
        '✅ C’est effacé.',
        '• Votes dans des sondages ouverts : 2 (leurs messages sont mis à jour)',
        '• Votes dans des sondages clos : 1 (les totaux annoncés restent)',
        '• Sondages qui ne portent plus votre identifiant : 2',
        '• Plans de lecture qui ne portent plus votre identifiant : 1',
      ].join('\n'),
    );

    // Nothing in the store names Zoé any more, not even as a hash.
    const hashes = [
      voterKey({ id: world.anonymous.pollId, anonymous: true }, member, TEST_POLL_SECRET),
      creatorKey({ id: world.createdAnonymous.pollId, anonymous: true }, member, TEST_POLL_SECRET),
    ];
    for (const row of await dataRows(storeUrl)) {
      for (const trace of [member, ...hashes]) {
        expect(`${row.key} ${row.value}`).not.toContain(trace);
      }
    }
    // Others' votes stay; the open poll's message no longer counts Zoé; the closed poll's results
    // stay as announced.
    expect(await storedVotes(storeUrl, world.open.pollId)).toEqual(new Map([[reader, [1]]]));
    await waitForPollMessage(emulator, world.open, (shown) => shown.includes('👥 1 votant'));
    await waitForPollMessage(emulator, world.anonymous, (shown) => shown.includes('👥 0 votant'));
    const results = await emulator
      .slashCommand({ name: 'poll', subcommand: 'results', options: { poll: world.closed.pollId } })
      .reply();
    expect(text(emulator, results)).toContain('👥 1 votant');
    // The polls she created stay, for moderators to manage; the plan goes on.
    expect(
      text(emulator, await control(emulator, world.created, 'poll-close', member).reply()),
    ).toBe(
      'Seule la personne qui a créé ce sondage, ou un membre qui a la permission « Gérer les messages », peut faire cela.',
    );
    expect(
      text(emulator, await control(emulator, world.created, 'poll-close', moderator).reply()),
    ).toBe('Sondage clos. Les résultats sont publiés.');
    expect(await bot.services.readings.get(world.planId)).toMatchObject({
      state: 'active',
      createdBy: '',
    });
    // The log says how much, never who.
    expect(logs.find((line) => line.msg === 'member data erased')).toMatchObject({
      openVotes: 2,
      closedVotes: 1,
      pollsCreated: 2,
      plansCreated: 1,
    });
    expect(logs.filter((line) => JSON.stringify(line).includes(member))).toEqual([]);

    // Asked again: nothing left.
    expect(text(emulator, await privacy(emulator, 'delete', member).reply())).toBe(
      'Tribune ne garde rien sur vous : aucun vote, aucun sondage ni plan de lecture à votre nom. Il n’y a rien à effacer.',
    );
    expect(emulator.pings()).toEqual([]);
  });

  it('lets a confirmation expire after five minutes, erasing nothing', async () => {
    const time = steppingClock();
    const testBot = await startWithSecret(time.clock);
    const { emulator, storeUrl } = testBot;
    await createPoll(emulator, { question: 'Q ?', options: 'a;b' }, { user: member });
    const asked = await privacy(emulator, 'delete', member, 'en-GB').reply();
    expect(text(emulator, asked)).toContain('• your id on the polls you created (1)');
    expect(text(emulator, asked)).toContain('[Erase everything] [Cancel]');
    const rows = await dataRows(storeUrl);
    time.advance(5 * 60_000);
    const [confirm = ''] = buttonIds(asked);
    const expired = await emulator
      .clickButton({ message: asked, customId: confirm, user: member, locale: 'en-GB' })
      .reply();
    expect(expired.ephemeral).toBe(true);
    expect(text(emulator, expired)).toBe(
      'This request has expired and nothing was erased. Run `/privacy delete` again.',
    );
    expect(await dataRows(storeUrl)).toEqual(rows);
  });

  it('tells a member with nothing stored that there is nothing to erase', async () => {
    const { emulator } = await startTestBot();
    const reply = await privacy(emulator, 'delete', member, 'en-US').reply();
    expect(reply.ephemeral).toBe(true);
    expect(text(emulator, reply)).toBe(
      'Tribune keeps nothing about you: no vote, no poll or reading plan under your name. There is nothing to erase.',
    );
  });

  it('never erases anything for a forged or truncated confirmation button', async () => {
    const testBot = await startWithSecret();
    const { emulator, storeUrl, logs } = testBot;
    await zoeEverywhere(testBot);
    const asked = await privacy(emulator, 'delete', member).reply();
    const [confirm = ''] = buttonIds(asked);
    const rows = await dataRows(storeUrl);
    const future = String(Math.floor(Date.now() / 1000) + 60);
    const customId = fc.oneof(
      // Zoé's own request, clicked by someone else or truncated.
      fc.nat({ max: confirm.length - 1 }).map((end) => confirm.slice(0, end)),
      fc
        .tuple(
          fc.constantFrom('privacy-confirm', 'privacy-cancel'),
          fc.constantFrom(member, reader, '', '0', `${member}0`, ` ${member}`),
          fc.oneof(fc.constant(future), fc.constant('0'), hostileString(20)),
        )
        .map(([kind, user, expiry]) => `${kind}:${user}:${expiry}`.slice(0, 100)),
      hostileString(100).map((tail) => `privacy-confirm:${tail}`.slice(0, 100)),
    );
    await fc.assert(
      fc.asyncProperty(customId, fc.constantFrom(reader, moderator), async (id, user) => {
        // The clicker's own well-formed confirmation is genuine, not forged: it would erase.
        fc.pre(id !== `privacy-confirm:${user}:${future}`);
        const reply = await emulator
          .clickButton({ message: asked, customId: id, user, forged: true })
          .reply();
        expect(reply.ephemeral).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(await dataRows(storeUrl)).toEqual(rows);
    expect(logs.filter((line) => line.msg === 'interaction handler failed')).toEqual([]);
    expect(emulator.pings()).toEqual([]);
  });
});

describe('/privacy and the texts a member added', () => {
  it('lists them by title, then takes the member’s id off them; the texts stay for the server', async () => {
    const testBot = await startWithSecret();
    const { emulator, bot, storeUrl } = testBot;
    const entry = await addText(testBot, 'paresse.md', MARKDOWN_TEXT);
    const shown = text(emulator, await privacy(emulator, 'show', moderator).reply());
    expect(shown).toContain(
      '• **Textes que vous avez ajoutés** (`/texte ajouter`) : 1 (« Le Droit à la paresse »).',
    );
    const english = text(emulator, await privacy(emulator, 'show', moderator, 'en-US').reply());
    expect(english).toContain('• **Texts you added** (`/text add`): 1 (“Le Droit à la paresse”).');
    expect(text(emulator, await privacy(emulator, 'show', member).reply())).toContain(
      '• **Textes que vous avez ajoutés** (`/texte ajouter`) : 0.',
    );

    const asked = await privacy(emulator, 'delete', moderator).reply();
    expect(text(emulator, asked)).toContain(
      '• votre identifiant sur les textes que vous avez ajoutés (1) : ils restent au serveur, sans votre nom ;',
    );
    const [confirm = ''] = buttonIds(asked);
    const erased = await emulator
      .clickButton({ message: asked, customId: confirm, user: moderator })
      .reply();
    expect(text(emulator, erased)).toContain(
      '• Textes ajoutés qui ne portent plus votre identifiant : 1',
    );
    expect(await rowsMentioning(storeUrl, [moderator])).toEqual([]);
    const [kept] = await bot.services.texts.entries(DEFAULT_IDS.guild);
    expect(kept).toEqual({ ...entry, addedBy: '' });
    const list = await emulator
      .slashCommand({ name: 'text', subcommand: 'list', user: member })
      .reply();
    expect(text(emulator, list)).toContain(
      `**Le Droit à la paresse** — Paul Lafargue · 3 sections · ajouté <t:`,
    );
    expect(text(emulator, list)).not.toContain(`<@${moderator}>`);
  });
});
