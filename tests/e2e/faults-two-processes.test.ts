import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../scripts/emulator';
import {
  confirmed,
  countsOf,
  createNumberedPoll,
  shownResults,
  startFleet,
  voteBurst,
} from '../support/fault-fleet';
import { pollIdOf, storedVotes } from '../support/polls';
import { rawRows } from '../support/store-rows';
import { until } from '../support/until';

const OPTIONS = 3;

/** Poll messages the bot posted in the default channel. */
function pollMessages(emulator: Emulator) {
  return emulator
    .channelMessages(emulator.defaultChannelId)
    .filter((message) => message.source === 'channel' && message.components.length > 0);
}

/**
 * Two bot processes on one SQLite file, as during a rolling restart or by mistake. Discord (and
 * the emulator) delivers every interaction to every connected session and keeps only the first
 * answer; each interaction must still be handled by exactly one of them.
 */
describe('two bot processes on the same SQLite file', () => {
  it('handle each interaction once: one poll per create, every vote counted once, one answer each', async () => {
    const { emulator, databasePath, spawn } = await startFleet();
    const processes = [await spawn(), await spawn()];
    await emulator.waitForSessions(2);

    // A burst of /poll create (by ten members: one may create only a few at once): one poll
    // each, not one per process.
    const creates = emulator.createMembers(10).map((creator, index) =>
      emulator.slashCommand({
        name: 'poll',
        subcommand: 'create',
        options: { question: `Question ${index + 1} ?`, options: 'a;b;c' },
        user: creator,
      }),
    );
    const created = await Promise.all(creates.map((handle) => handle.reply(10_000)));
    const answers = created.map((reply) => reply.content);
    expect(answers.filter((answer) => !answer.startsWith('Sondage publié'))).toEqual([]);
    expect(pollMessages(emulator)).toHaveLength(10);
    const storedPolls = (await rawRows(databasePath)).filter((row) =>
      row.key.startsWith('tribune:poll:'),
    );
    expect(storedPolls).toHaveLength(10);

    // A burst of votes, with autocomplete and results asked in the middle of it.
    const poll = await createNumberedPoll(emulator, 'Deux processus ?', OPTIONS);
    const clicks = voteBurst(emulator, poll, 500, OPTIONS);
    const others = [
      ...Array.from({ length: 20 }, () =>
        emulator.autocomplete({
          name: 'poll',
          subcommand: 'results',
          focused: 'poll',
          options: { poll: 'Deux' },
        }),
      ),
      ...Array.from({ length: 20 }, () =>
        emulator.slashCommand({ name: 'section', options: { section: '2' } }),
      ),
    ];
    await Promise.all(clicks.map((click) => click.handle.reply(20_000)));
    await Promise.all(others.map((handle) => handle.reply(10_000)));
    expect(confirmed(clicks)).toHaveLength(500);

    const stored = await storedVotes(databasePath, poll.pollId);
    expect(stored.size).toBe(500);
    for (const click of clicks) expect(stored.get(click.memberId)).toEqual([click.option]);
    expect(await shownResults(emulator, poll.pollId)).toEqual({
      voters: 500,
      counts: countsOf(stored, OPTIONS),
    });
    expect(pollIdOf(pollMessages(emulator).at(-1) ?? poll.message)).toBe(poll.pollId);

    // One answer per interaction: no process ever tried to answer one the other had answered.
    const refused = emulator
      .requestsTo(/\/callback$/)
      .filter((request) => request.status !== 204 && request.status !== 200);
    expect(refused).toEqual([]);
    // Each interaction was dropped by exactly one of the two (the loser may log it after the
    // winner's answer), and both did some of the work.
    const dropped = () =>
      processes.map(
        (bot) =>
          bot.logs().filter((line) => line.msg === 'interaction claimed by another process').length,
      );
    const total = () => dropped().reduce((sum, count) => sum + count, 0);
    const answered = emulator.requestsTo(/\/callback$/).length;
    await until(() => total() >= answered);
    expect(total()).toBe(answered);
    expect(Math.min(...dropped())).toBeGreaterThan(0);
    // Neither failed a write (SQLITE_BUSY) or anything else.
    for (const bot of processes) {
      expect(bot.logs().filter((line) => Number(line.level) >= 50)).toEqual([]);
      expect(bot.stdout.join('')).not.toContain('SQLITE_BUSY');
    }
  }, 60_000);
});
