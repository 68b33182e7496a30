import { describe, expect, it } from 'vitest';
import { startTestBot } from '../support/bot-harness';
import { createPoll, storedVotes, vote, waitForPollMessage } from '../support/polls';

describe('a burst of votes', () => {
  it('500 members clicking at the same instant give exactly 500 votes, each acknowledged once', async () => {
    const testBot = await startTestBot();
    const { emulator, storeUrl } = testBot;
    const poll = await createPoll(emulator, {
      question: 'Le grand vote',
      options: 'Un;Deux;Trois;Quatre;Cinq',
    });
    const members = emulator.createMembers(500);
    const clicks = members.map((member, index) => vote(emulator, poll, index % 5, member));
    const replies = await Promise.all(clicks.map((click) => click.reply(20_000)));

    replies.forEach((reply, index) => {
      expect(reply.ephemeral).toBe(true);
      expect(emulator.text(reply)).toContain(`Votre vote : ${(index % 5) + 1}.`);
    });
    const votes = await storedVotes(storeUrl, poll.pollId);
    expect(votes.size).toBe(500);
    for (const [index, member] of members.entries()) {
      expect(votes.get(member.id)).toEqual([index % 5]);
    }

    // One answer per click: a reply, or (only when the store was slow) a deferral then one edit.
    // How often the slow path is taken is a speed figure, measured by `npm run bench`.
    const callbacks = await Promise.all(clicks.map((click) => click.callback));
    expect(callbacks.every((callback) => callback.type === 4 || callback.type === 5)).toBe(true);
    const deferred = callbacks.filter((callback) => callback.type === 5).length;
    expect(emulator.requestsTo(/^\/webhooks\//)).toHaveLength(deferred);

    const results = await emulator
      .slashCommand({ name: 'poll', subcommand: 'results', options: { poll: poll.pollId } })
      .reply();
    expect(emulator.text(results)).toContain('👥 500 votants');
    expect(emulator.text(results)).toContain('**1\\. Un**: `██░░░░░░░░` **100** · 20 %');
    expect(emulator.text(results)).toContain('⚖️ Égalité pour l’instant : 1. Un, 2. Deux');

    // The poll message ends on the last state, with a handful of coalesced edits.
    await waitForPollMessage(emulator, poll, (text) => text.includes('👥 500 votants'), 10_000);
    const edits = emulator
      .requestsTo(`/channels/${emulator.defaultChannelId}/messages/${poll.message.id}`)
      .filter((request) => request.method === 'PATCH');
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.length).toBeLessThan(50);
  });
});
