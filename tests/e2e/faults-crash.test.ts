import { describe, expect, it } from 'vitest';
import {
  confirmed,
  countsOf,
  createNumberedPoll,
  shownResults,
  startFleet,
  voteBurst,
} from '../support/fault-fleet';
import { storedVotes, vote } from '../support/polls';
import { until } from '../support/until';

const OPTIONS = 4;

describe('a bot process killed in the middle of a burst of votes', () => {
  it('kill -9 during 1,000 votes: every confirmed vote survives the restart, none counts twice', async () => {
    const { emulator, databasePath, spawn } = await startFleet();
    const first = await spawn();
    const poll = await createNumberedPoll(emulator, 'Et si ça plante ?', OPTIONS);
    const clicks = voteBurst(emulator, poll, 1000, OPTIONS);
    const optionOf = new Map(clicks.map((click) => [click.memberId, click.option]));

    // Killed once a few members were told their vote counts: in the middle of the burst, while
    // votes are being written or answered (where exactly varies from run to run; either way,
    // what was confirmed must be stored).
    await emulator.waitFor(() => confirmed(clicks).length >= 20, 20_000, '20 confirmed votes');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    // A new process on the same file. The old one's clicks are never delivered to it (it has a
    // session of its own), so what the members saw confirmed is final once it is ready.
    await spawn();
    const confirmedBeforeKill = confirmed(clicks);
    expect(confirmedBeforeKill.length).toBeGreaterThanOrEqual(20);
    expect(confirmedBeforeKill.length).toBeLessThan(1000);

    const stored = await storedVotes(databasePath, poll.pollId);
    for (const click of confirmedBeforeKill) {
      expect(stored.get(click.memberId), `vote of ${click.memberId}`).toEqual([click.option]);
    }
    // Nothing else: each record is one member who clicked, with the one option they clicked.
    for (const [voter, choices] of stored) expect(choices).toEqual([optionOf.get(voter)]);
    // The results count each record once: as many voters as records, per option too.
    expect(await shownResults(emulator, poll.pollId)).toEqual({
      voters: stored.size,
      counts: countsOf(stored, OPTIONS),
    });

    // Those whose vote was lost (never confirmed) vote again: all 1,000, each once.
    const again = clicks
      .filter((click) => !stored.has(click.memberId))
      .map((click) => vote(emulator, poll, click.option, click.memberId));
    await Promise.all(again.map((handle) => handle.reply(20_000)));
    const final = await storedVotes(databasePath, poll.pollId);
    expect(final.size).toBe(1000);
    expect(await shownResults(emulator, poll.pollId)).toEqual({
      voters: 1000,
      counts: [250, 250, 250, 250],
    });
  }, 60_000);
});

describe('a bot process asked to stop (SIGTERM) in the middle of a burst of votes', () => {
  it('finishes what it took, stops in order, exits 0, and every confirmed vote is stored', async () => {
    const { emulator, databasePath, spawn } = await startFleet();
    const bot = await spawn();
    const poll = await createNumberedPoll(emulator, 'On redémarre ?', OPTIONS);
    const clicks = voteBurst(emulator, poll, 400, OPTIONS);
    await emulator.waitFor(() => confirmed(clicks).length >= 20, 20_000, '20 confirmed votes');
    bot.child.kill('SIGTERM');
    // Clicks that come once it is stopping are not taken: answered "restarting" while the
    // client is still connected, never stored.
    await until(() => bot.logs().some((line) => line.msg === 'stopping'));
    const late = voteBurst(emulator, poll, 50, OPTIONS);
    expect(await bot.exited).toBe(0);

    // Every click it received got its answer before the exit: the vote, or "restarting" for
    // those that came after the signal; none was left half-answered ("thinking…" forever).
    const answers = clicks.flatMap((click) => click.handle.original() ?? []);
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer.content).toMatch(/^(Votre vote : |Tribune redémarre\.)/);
    }
    const stored = await storedVotes(databasePath, poll.pollId);
    for (const click of confirmed(clicks)) {
      expect(stored.get(click.memberId), `vote of ${click.memberId}`).toEqual([click.option]);
    }
    for (const click of late) {
      expect(stored.has(click.memberId)).toBe(false);
      const answer = click.handle.original();
      if (answer !== undefined) expect(answer.content).toMatch(/^Tribune redémarre\./);
    }

    const logs = bot.logs();
    const messages = logs.map((line) => line.msg);
    const order = [
      'shutting down',
      'stopping',
      'interactions drained',
      'background work stopped',
      'discord client destroyed',
      'store closed',
      'stopped',
    ];
    const steps = messages.filter(
      (message, index) => order.includes(message as string) && message !== messages[index - 1],
    );
    expect(steps).toEqual(order);
    // Cron and timers stop before the client goes: each feature's background work, in turn.
    expect(
      logs.filter((line) => line.msg === 'background work stopped').map((line) => line.lifecycle),
    ).toEqual(expect.arrayContaining(['polls', 'readings']));
    expect(logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(bot.stderr.join('')).toBe('');
  }, 30_000);
});
