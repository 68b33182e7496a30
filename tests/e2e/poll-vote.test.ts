import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../emulator';
import { startTestBot } from '../support/bot-harness';
import { createPoll, storedVotes, vote, waitForPollMessage } from '../support/polls';

const { reader } = DEFAULT_IDS;

describe('/poll create and voting', () => {
  it('posts a poll with a button per option and records a vote, acknowledged ephemerally', async () => {
    const { emulator, databasePath } = await startTestBot();
    const poll = await createPoll(emulator, {
      question: 'Que lit-on ensuite ?',
      options: 'Dune ; Solaris | Fondation',
    });
    expect(emulator.text(poll.reply)).toContain('Sondage publié');
    const text = emulator.text(poll.message);
    expect(text).toContain('Que lit-on ensuite ?');
    expect(text).toContain('[1. Dune]');
    expect(text).toContain('[3. Fondation]');
    expect(text).toContain('[Mon vote] [Résultats] [Clore]');
    expect(text).toMatch(/Clôture <t:\d+:R> · 👥 0 votant/);

    const answer = await vote(emulator, poll, 1, reader).reply();
    expect(answer.ephemeral).toBe(true);
    expect(emulator.text(answer)).toContain('Votre vote : 2. Solaris');
    expect(await storedVotes(databasePath, poll.pollId)).toEqual(new Map([[reader, [1]]]));
    await waitForPollMessage(emulator, poll, (shown) => shown.includes('👥 1 votant'));
  });
});
