import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type Emulator } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { control, createPoll, parseCsv, vote, waitForPollMessage } from '../support/polls';

const { reader, member, moderator, owner, readerRole } = DEFAULT_IDS;

function pollCommand(
  emulator: Emulator,
  subcommand: 'results' | 'export' | 'close',
  pollId: string,
  user: string,
) {
  return emulator.slashCommand({ name: 'poll', subcommand, options: { poll: pollId }, user });
}

describe('results and export', () => {
  it('hides results until close, except from the creator; voters still counted', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(
      emulator,
      { question: 'Secret ?', options: 'a;b', results: 'hidden' },
      { user: reader },
    );
    expect(emulator.text(poll.message)).toContain('Résultats cachés jusqu’à la clôture');
    await vote(emulator, poll, 1, member).reply();
    await vote(emulator, poll, 1, moderator).reply();
    const shown = await waitForPollMessage(emulator, poll, (text) => text.includes('👥 2 votants'));
    expect(emulator.text(shown)).not.toContain('**2**');

    const hidden =
      /^\(only you can see this\)\nLes résultats de ce sondage sont cachés jusqu’à sa clôture, <t:\d+:R>\.$/;
    expect(emulator.text(await control(emulator, poll, 'poll-results', member).reply())).toMatch(
      hidden,
    );
    expect(
      emulator.text(await pollCommand(emulator, 'results', poll.pollId, member).reply()),
    ).toMatch(hidden);
    // Not even to moderators' exports, until it closes.
    expect(
      emulator.text(await pollCommand(emulator, 'export', poll.pollId, moderator).reply()),
    ).toMatch(hidden);
    const forCreator = await pollCommand(emulator, 'results', poll.pollId, reader).reply();
    expect(forCreator.ephemeral).toBe(true);
    expect(emulator.text(forCreator)).toContain('**2\\. b**: `██████████` **2** · 100 %');

    await pollCommand(emulator, 'close', poll.pollId, reader).reply();
    const after = await pollCommand(emulator, 'results', poll.pollId, member).reply();
    expect(emulator.text(after)).toContain('🏆 Gagnant : 2. b');
  });

  it('exports a CSV with counts, then voter ids per option, to the creator', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(
      emulator,
      {
        question: 'Quels thèmes ?',
        options: 'Travail;"Écologie", politique;=SOMME(A1)',
        max_choices: 3,
      },
      { user: member },
    );
    await vote(emulator, poll, 0, reader).reply();
    await vote(emulator, poll, 1, reader).reply();
    await vote(emulator, poll, 1, owner).reply();
    const reply = await pollCommand(emulator, 'export', poll.pollId, member).reply();
    expect(reply.ephemeral).toBe(true);
    expect(emulator.text(reply)).toContain('Export du sondage « Quels thèmes ? » (👥 2 votants).');
    const [first, second] = [reader, owner].sort();
    expect(parseCsv(reply)).toEqual([
      ['numéro', 'option', 'votes', 'pourcentage des votants'],
      ['1', 'Travail', '1', '50'],
      ['2', '"Écologie", politique', '2', '100'],
      ['3', "'=SOMME(A1)", '0', '0'],
      [],
      ['numéro', 'option', 'identifiant du votant'],
      ['1', 'Travail', reader],
      ['2', '"Écologie", politique', first],
      ['2', '"Écologie", politique', second],
    ]);
  });

  it('never pings: mentions in the question and options stay text', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(emulator, {
      question: `@everyone @here <@${member}> <@&${readerRole}> on vote ?`,
      options: `<@${moderator}>;@everyone;<@&${readerRole}>`,
      role: readerRole,
    });
    expect(emulator.text(poll.message)).toContain(`@everyone @here <@${member}>`);
    await vote(emulator, poll, 0, reader).reply();
    await control(emulator, poll, 'poll-results', reader).reply();
    await control(emulator, poll, 'poll-close', reader).reply();
    await emulator.waitFor(
      () =>
        emulator
          .channelMessages(emulator.defaultChannelId)
          .some((message) => emulator.text(message).includes('Résultats finaux')),
      5000,
      'the final results',
    );
    expect(emulator.pings()).toEqual([]);
  });
});
