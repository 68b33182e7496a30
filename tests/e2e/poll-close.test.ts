import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type Emulator, type StoredMessage } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import {
  buttonIds,
  control,
  createPoll,
  storedVotes,
  vote,
  waitForPollMessage,
  type CreatedPoll,
} from '../support/polls';

const { reader, member, moderator } = DEFAULT_IDS;
const DAY = 86_400_000;

/** A clock the test moves by hand: deadlines and retention pass without waiting. */
function manualClock(start = Date.now()) {
  let now = start;
  return {
    clock: { now: () => new Date(now) },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The final results posted in the channel, as a reply to the poll message. */
function finalResults(emulator: Emulator, poll: CreatedPoll): StoredMessage[] {
  return emulator
    .channelMessages(poll.message.channelId)
    .filter((message) => emulator.text(message).includes('📊 Résultats finaux'));
}

function waitForFinalResults(emulator: Emulator, poll: CreatedPoll, timeoutMs = 5000) {
  return emulator.waitFor(
    () => finalResults(emulator, poll)[0],
    timeoutMs,
    'the final results of the poll',
  );
}

function expectClosedMessage(emulator: Emulator, poll: CreatedPoll) {
  const message = emulator.message(poll.message.id);
  expect(message).toBeDefined();
  const text = emulator.text(message as StoredMessage);
  expect(text).toContain('📊 Sondage clos');
  const buttons = (message as StoredMessage).components.flatMap((row) => row.components ?? []);
  expect(buttons.length).toBeGreaterThan(0);
  expect(buttons.every((button) => button.disabled === true)).toBe(true);
  return text;
}

describe('closing a poll', () => {
  it('by its Close button: buttons disabled, final results posted once, with ties named', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(
      emulator,
      { question: 'Quel jour ?', options: 'Lundi;Mardi;Jeudi' },
      { user: reader },
    );
    await vote(emulator, poll, 0, reader).reply();
    await vote(emulator, poll, 2, member).reply();
    const closed = await control(emulator, poll, 'poll-close', reader).reply();
    expect(closed.ephemeral).toBe(true);
    expect(emulator.text(closed)).toContain('Sondage clos. Les résultats sont publiés.');

    const results = await waitForFinalResults(emulator, poll);
    const text = emulator.text(results);
    expect(text).toContain('**1\\. Lundi**: `█████░░░░░` **1** · 50 %');
    expect(text).toContain('**2\\. Mardi**: `░░░░░░░░░░` **0** · 0 %');
    expect(text).toContain('🔒 Clos <t:');
    expect(text).toContain('👥 2 votants');
    expect(text).toContain('⚖️ Égalité : 1. Lundi et 3. Jeudi');
    expect(results.ephemeral).toBe(false);
    expect(expectClosedMessage(emulator, poll)).toContain('⚖️ Égalité : 1. Lundi et 3. Jeudi');
    expect(finalResults(emulator, poll)).toHaveLength(1);
  });

  it('by /poll close from a moderator, the poll picked by autocomplete', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Quel livre ?', options: 'Dune;Solaris' });
    await vote(emulator, poll, 1, member).reply();
    const choices = await emulator
      .autocomplete({
        name: 'poll',
        subcommand: 'close',
        focused: 'poll',
        options: { poll: 'livre' },
        user: moderator,
      })
      .reply();
    expect(choices).toEqual([{ name: '🗳️ Quel livre ?', value: poll.pollId }]);
    const reply = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'close',
        options: { poll: poll.pollId },
        user: moderator,
        locale: 'en-US',
      })
      .reply();
    expect(emulator.text(reply)).toContain('Poll closed. The results are posted.');
    expect(emulator.text(await waitForFinalResults(emulator, poll))).toContain(
      '🏆 Gagnant : 2. Solaris',
    );
    expectClosedMessage(emulator, poll);

    // Closed polls are no longer offered for closing, but still for results.
    const open = await emulator
      .autocomplete({ name: 'poll', subcommand: 'close', focused: 'poll', user: moderator })
      .reply();
    expect(open).toEqual([]);
    const all = await emulator
      .autocomplete({ name: 'poll', subcommand: 'results', focused: 'poll' })
      .reply();
    expect(all).toEqual([{ name: '🔒 Quel livre ?', value: poll.pollId }]);
  });

  it('at its deadline, by itself', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const { pollId, messageId } = await testBot.bot.services.polls.createAndPost(
      {
        guildId: emulator.guildId,
        channelId: emulator.defaultChannelId,
        creatorId: moderator,
        locale: 'fr',
      },
      testBot.bot.services.polls.check(
        {
          question: 'Vite ?',
          options: ['Oui', 'Non'],
          duration: 1500,
        },
        'fr',
      ),
    );
    const poll: CreatedPoll = {
      pollId,
      message: emulator.message(messageId) as StoredMessage,
      reply: emulator.message(messageId) as StoredMessage,
    };
    expect(buttonIds(poll.message)).toContain(`poll:${pollId}:0`);
    await vote(emulator, poll, 0, reader).reply();
    expect(emulator.text(await waitForFinalResults(emulator, poll))).toContain(
      '🏆 Gagnant : 1. Oui',
    );
    expectClosedMessage(emulator, poll);
  });

  it('once, when two processes share the store and both reach the deadline', async () => {
    const first = await startTestBot();
    const { emulator } = first;
    const { pollId, messageId } = await first.bot.services.polls.createAndPost(
      {
        guildId: emulator.guildId,
        channelId: emulator.defaultChannelId,
        creatorId: moderator,
        locale: 'fr',
      },
      first.bot.services.polls.check(
        {
          question: 'Deux processus ?',
          options: ['Oui', 'Non'],
          duration: 1500,
        },
        'fr',
      ),
    );
    // Started after the poll exists: re-arms its deadline from the store.
    const second = await first.startAnother();
    const poll: CreatedPoll = {
      pollId,
      message: emulator.message(messageId) as StoredMessage,
      reply: emulator.message(messageId) as StoredMessage,
    };
    await waitForFinalResults(emulator, poll);
    await Promise.all([first.stop(), second.stop()]);
    expect(finalResults(emulator, poll)).toHaveLength(1);
    expectClosedMessage(emulator, poll);
  });

  it('at once on start when its deadline passed while the bot was stopped', async () => {
    const { clock, advance } = manualClock();
    const testBot = await startTestBot({ clock });
    const { emulator } = testBot;
    const poll = await createPoll(emulator, {
      question: 'Pendant la panne ?',
      options: 'a;b',
      duration: '30m',
    });
    await vote(emulator, poll, 1, reader).reply();
    await testBot.stop();
    advance(31 * 60_000);
    await testBot.restart();
    const results = await waitForFinalResults(emulator, poll);
    expect(emulator.text(results)).toContain('🏆 Gagnant : 2. b');
    expectClosedMessage(emulator, poll);
  });

  it('keeps its buttons working after a restart, and its deadline', async () => {
    const { clock, advance } = manualClock();
    const first = await startTestBot({ clock });
    const { emulator, storeUrl } = first;
    const poll = await createPoll(emulator, {
      question: 'Redémarrage ?',
      options: 'a;b',
      duration: '2h',
    });
    await vote(emulator, poll, 0, reader).reply();
    const second = await first.restart();
    expect(emulator.text(await vote(emulator, poll, 1, member).reply())).toContain(
      'Votre vote : 2. b',
    );
    expect(emulator.text(await control(emulator, poll, 'poll-mine', reader).reply())).toContain(
      'Votre vote : 1. a',
    );
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(
      new Map([
        [reader, [0]],
        [member, [1]],
      ]),
    );
    await waitForPollMessage(emulator, poll, (text) => text.includes('👥 2 votants'));
    // Still open after the restart; closes once the (re-armed) deadline has passed.
    await second.stop();
    advance(2 * 3_600_000);
    await second.restart();
    expect(emulator.text(await waitForFinalResults(emulator, poll))).toContain('⚖️ Égalité');
  });

  it('purges individual votes POLL_RETENTION_DAYS after closing; totals stay', async () => {
    const { clock, advance } = manualClock();
    const testBot = await startTestBot({ clock, env: { POLL_RETENTION_DAYS: '30' } });
    const { emulator, storeUrl } = testBot;
    const poll = await createPoll(emulator, { question: 'Conservation ?', options: 'a;b' });
    await vote(emulator, poll, 0, reader).reply();
    await vote(emulator, poll, 0, member).reply();
    await control(emulator, poll, 'poll-close', moderator).reply();
    await waitForFinalResults(emulator, poll);

    await testBot.stop();
    advance(29 * DAY);
    const within = await testBot.restart();
    expect((await storedVotes(storeUrl, poll.pollId)).size).toBe(2);
    await within.stop();
    advance(2 * DAY);
    await within.restart();
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map());

    const results = await emulator
      .slashCommand({ name: 'poll', subcommand: 'results', options: { poll: poll.pollId } })
      .reply();
    expect(emulator.text(results)).toContain('**1\\. a**: `██████████` **2** · 100 %');
    const exported = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'export',
        options: { poll: poll.pollId },
        user: moderator,
      })
      .reply();
    expect(emulator.text(exported)).toContain('Les votes individuels ont été effacés');
    expect(exported.attachments[0]?.text()).not.toContain(reader);
  });
});
