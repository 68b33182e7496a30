import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import {
  control,
  createPoll,
  storedVotes,
  vote,
  waitForPollMessage,
  type CreatedPoll,
} from '../support/polls';
import type { Emulator, StoredMessage } from '../../scripts/emulator';
import { steppingClock } from '../support/stepping-clock';

const { reader, member, moderator } = DEFAULT_IDS;

async function answer(emulator: Emulator, poll: CreatedPoll, index: number, user: string) {
  const reply = await vote(emulator, poll, index, user).reply();
  expect(reply.ephemeral).toBe(true);
  return emulator.text(reply);
}

describe('/poll create and voting', () => {
  it('posts a poll with a button per option and records a vote, acknowledged ephemerally', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const poll = await createPoll(emulator, {
      question: 'Que lit-on ensuite ?',
      options: 'Dune ; Solaris | Fondation',
    });
    expect(emulator.text(poll.reply)).toMatch(
      new RegExp(`Sondage publié : https://discord.com/channels/\\d+/\\d+/${poll.message.id}`),
    );
    const text = emulator.text(poll.message);
    expect(text).toContain('## 📊 Sondage\nQue lit-on ensuite ?\n\nUn seul choix');
    expect(text).toContain('[1. Dune] [2. Solaris] [3. Fondation]');
    expect(text).toContain('[Mon vote] [Résultats] [Clore]');
    expect(text).toMatch(/Clôture <t:\d+:R> · 👥 0 votant/);

    expect(await answer(emulator, poll, 1, reader)).toContain('Votre vote : 2. Solaris');
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map([[reader, [1]]]));
    await waitForPollMessage(emulator, poll, (shown) =>
      shown.includes('**2\\. Solaris**: `██████████` **1** · 100 %'),
    );
  });

  it('single choice: a new choice replaces the old one, the same one again withdraws it', async () => {
    const { clock, advance } = steppingClock();
    const { emulator, storeUrl } = await startTestBot({ clock });
    const poll = await createPoll(emulator, { question: 'Quand ?', options: 'Lundi;Mardi;Jeudi' });

    expect(await answer(emulator, poll, 0, reader)).toContain('Votre vote : 1. Lundi');
    advance(5000);
    expect(await answer(emulator, poll, 2, reader)).toContain('Votre vote : 3. Jeudi');
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map([[reader, [2]]]));
    advance(5000);
    expect(await answer(emulator, poll, 2, reader)).toContain(
      'Vous n’avez pas de vote dans ce sondage.',
    );
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map([[reader, []]]));

    const mine = await control(emulator, poll, 'poll-mine', reader).reply();
    expect(mine.ephemeral).toBe(true);
    expect(emulator.text(mine)).toContain('Vous n’avez pas de vote');
    await waitForPollMessage(emulator, poll, (shown) => shown.includes('👥 0 votant'));
  });

  it('multiple choice: clicks toggle, up to max_choices, with a clear message at the limit', async () => {
    const { clock, advance } = steppingClock();
    const { emulator, storeUrl } = await startTestBot({ clock });
    const poll = await createPoll(emulator, {
      question: 'Quels chapitres ?',
      options: 'Un;Deux;Trois;Quatre',
      max_choices: 2,
    });
    expect(emulator.text(poll.message)).toContain('Jusqu’à 2 choix');

    expect(await answer(emulator, poll, 3, reader)).toContain('Votre vote : 4. Quatre');
    advance(5000);
    expect(await answer(emulator, poll, 0, reader)).toContain('Votre vote : 1. Un et 4. Quatre');
    advance(5000);
    const limit = await answer(emulator, poll, 1, reader);
    expect(limit).toContain(
      'Vous avez déjà choisi 2 options, le maximum : 1. Un et 4. Quatre. Retirez-en une (cliquez dessus) avant d’en choisir une autre.',
    );
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map([[reader, [0, 3]]]));
    advance(5000);
    expect(await answer(emulator, poll, 3, reader)).toContain('Votre vote : 1. Un\n');
    advance(5000);
    expect(await answer(emulator, poll, 1, reader)).toContain('Votre vote : 1. Un et 2. Deux');

    expect(await answer(emulator, poll, 1, member)).toContain('Votre vote : 2. Deux');
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(
      new Map([
        [reader, [0, 1]],
        [member, [1]],
      ]),
    );
    const results = await control(emulator, poll, 'poll-results', moderator).reply();
    expect(emulator.text(results)).toContain('**2\\. Deux**: `██████████` **2** · 100 %');
    expect(emulator.text(results)).toContain('🏆 En tête : 2. Deux');
  });

  it('counts a double click once', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Oui ou non ?', options: 'Oui;Non' });
    const first = vote(emulator, poll, 0, reader);
    const second = vote(emulator, poll, 0, reader);
    const replies = await Promise.all([first.reply(), second.reply()]);
    for (const reply of replies) expect(emulator.text(reply)).toContain('Votre vote : 1. Oui');
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map([[reader, [0]]]));
    await waitForPollMessage(emulator, poll, (shown) => shown.includes('👥 1 votant'));
  });

  it('answers each member in their language; the poll speaks its creator’s', async () => {
    const { emulator } = await startTestBot();
    const english = await createPoll(
      emulator,
      { question: 'What next?', options: 'Dune;Solaris' },
      { locale: 'en-US' },
    );
    expect(emulator.text(english.reply)).toContain('Poll posted: https://discord.com/channels/');
    expect(emulator.text(english.message)).toContain('[My vote] [Results] [Close]');
    expect(emulator.text(english.message)).toMatch(/Closes <t:\d+:R> · 👥 0 voters/);

    const french = await vote(emulator, english, 0, reader).reply();
    expect(emulator.text(french)).toContain('Votre vote : 1. Dune');
    const inEnglish = await emulator
      .clickButton({
        message: english.message.id,
        customId: `poll:${english.pollId}:1`,
        user: member,
        locale: 'en-GB',
      })
      .reply();
    expect(emulator.text(inEnglish)).toContain(
      'Your vote: 2. Solaris\nClick another option to change your mind',
    );
  });

  it('shows the last votes when the bot stops, without waiting for the next edit', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const poll = await createPoll(emulator, { question: 'Arrêt ?', options: 'a;b' });
    await vote(emulator, poll, 0, reader).reply();
    await waitForPollMessage(emulator, poll, (shown) => shown.includes('👥 1 votant'));
    await vote(emulator, poll, 1, member).reply();
    await testBot.stop();
    expect(emulator.text(emulator.message(poll.message.id) as StoredMessage)).toContain(
      '👥 2 votants',
    );
  });

  it('shows the last state after a series of votes, with fewer edits than votes', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Livre ?', options: 'A;B' });
    const voters = emulator.createMembers(12);
    for (const [index, voter] of voters.entries()) {
      await vote(emulator, poll, index % 3 === 0 ? 1 : 0, voter).reply();
    }
    await waitForPollMessage(
      emulator,
      poll,
      (shown) =>
        shown.includes('👥 12 votants') && shown.includes('**1\\. A**: `███████░░░` **8** · 67 %'),
    );
    const edits = emulator.requestsTo(
      `/channels/${emulator.defaultChannelId}/messages/${poll.message.id}`,
    );
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.length).toBeLessThan(voters.length);
  });
});
