import { describe, expect, it, onTestFinished } from 'vitest';
import { startTestBot } from '../support/bot-harness';
import {
  confirmed,
  countsOf,
  createNumberedPoll,
  shownResults,
  voteBurst,
} from '../support/fault-fleet';
import { storedVotes, vote } from '../support/polls';
import { startEmbeddedPostgres } from '../support/postgres';

const OPTIONS = 3;

describe('PostgreSQL goes away in the middle of a burst of votes', () => {
  it('members hear "could not record", nothing confirmed is lost, and the bot reconnects by itself', async () => {
    const server = await startEmbeddedPostgres();
    onTestFinished(() => server.destroy());
    const testBot = await startTestBot({ storeUrl: server.url });
    const { emulator } = testBot;
    const poll = await createNumberedPoll(emulator, 'Et si la base tombe ?', OPTIONS);

    const firstWave = voteBurst(emulator, poll, 100, OPTIONS);
    await emulator.waitFor(() => confirmed(firstWave).length >= 10, 10_000, '10 confirmed votes');
    await server.stop();
    // Votes of one instant share a statement, so the first wave may well be all written by now:
    // the burst goes on, and its second wave finds the server gone.
    const clicks = [...firstWave, ...voteBurst(emulator, poll, 20, OPTIONS)];
    const answers = await Promise.all(clicks.map((click) => click.handle.reply(20_000)));
    // Each member was told one of two things: counted, or not recorded (try again).
    for (const answer of answers) {
      expect(answer.content).toMatch(
        /^(Votre vote : |Votre vote n’a pas pu être enregistré\. Réessayez dans un instant\.)/,
      );
    }
    const counted = confirmed(clicks);
    const refused = clicks.length - counted.length;
    expect(refused).toBeGreaterThan(0);

    await server.start();
    // Every confirmed vote is stored; nothing else is.
    const stored = await storedVotes(server.url, poll.pollId);
    for (const click of counted) expect(stored.get(click.memberId)).toEqual([click.option]);
    expect(stored.size).toBe(counted.length);

    // Back without a restart: those who were refused vote again, and everything adds up.
    const again = clicks
      .filter((click) => !stored.has(click.memberId))
      .map((click) => vote(emulator, poll, click.option, click.memberId));
    const retried = await Promise.all(again.map((handle) => handle.reply(20_000)));
    expect(retried.every((answer) => answer.content.startsWith('Votre vote : '))).toBe(true);
    const final = await storedVotes(server.url, poll.pollId);
    expect(final.size).toBe(120);
    expect(await shownResults(emulator, poll.pollId)).toEqual({
      voters: 120,
      counts: countsOf(final, OPTIONS),
    });
    const logs = testBot.logs.map((line) => JSON.stringify(line)).join('\n');
    expect(logs).toContain('PostgreSQL connection lost');
    expect(logs).not.toContain('tribune-test-password');
  }, 90_000);
});
