import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { createPoll, storedVotes, vote } from '../support/polls';
import { holdWriteLock } from '../support/write-lock';

const { reader } = DEFAULT_IDS;

describe('votes are confirmed only once stored', () => {
  it('defers before Discord’s 3 s when the store is slow, then confirms', async () => {
    const { emulator, storeUrl } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Lent ?', options: 'a;b' });
    const lock = await holdWriteLock(storeUrl);
    const click = vote(emulator, poll, 1, reader);
    const callback = await click.callback;
    // Deferred (ephemeral): the emulator fails the test had it come after Discord's 3 s.
    expect(callback.type).toBe(5);
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map());
    await lock.release();
    const reply = await click.reply(10_000);
    expect(reply.ephemeral).toBe(true);
    expect(emulator.text(reply)).toContain('Votre vote : 2. b');
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map([[reader, [1]]]));
  });

  it('says the vote could not be recorded when the write fails, and records the retry', async () => {
    const { emulator, storeUrl, logs } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Panne ?', options: 'a;b' });
    const lock = await holdWriteLock(storeUrl);
    const failed = await vote(emulator, poll, 0, reader).reply(10_000);
    expect(failed.ephemeral).toBe(true);
    expect(emulator.text(failed)).toContain(
      'Votre vote n’a pas pu être enregistré. Réessayez dans un instant.',
    );
    expect(logs.some((line) => line.msg === 'could not store a vote')).toBe(true);
    await lock.release();
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map());

    const retried = await vote(emulator, poll, 0, reader).reply();
    expect(emulator.text(retried)).toContain('Votre vote : 1. a');
    expect(await storedVotes(storeUrl, poll.pollId)).toEqual(new Map([[reader, [0]]]));
  });
});
