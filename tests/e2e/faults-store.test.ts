import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import {
  type Click,
  confirmed,
  countsOf,
  createNumberedPoll,
  shownResults,
  startFleet,
  voteBurst,
} from '../support/fault-fleet';
import { control, parseCsv, storedVotes, vote, waitForPollMessage } from '../support/polls';
import { rawRows } from '../support/store-rows';
import { holdWriteLock } from '../support/write-lock';

const OPTIONS = 4;

/**
 * The SQLite file is made unwritable for the bot by holding its write lock from another connection
 * (`BEGIN EXCLUSIVE`) for longer than the bot's busy timeout, as a backup or maintenance script,
 * a migration, or a stuck second process would.
 *
 * Why this and not a read-only file: the tests run as root, and root writes through `chmod`
 * (files and folders alike); `chattr +i` and read-only mounts need capabilities and filesystems
 * that CI containers lack. A held lock is portable and is what an unwritable store looks like to
 * SQLite from inside the bot: every write fails with SQLITE_BUSY once the busy timeout has passed,
 * while reads go on (WAL mode). `tests/e2e/poll-durability.test.ts` covers one vote in-process;
 * this covers a burst, a bot in its own process, and what keeps working meanwhile. It found that,
 * with SQLite waiting out the lock itself, the burst's writes waited one busy timeout after
 * another, every read queued behind them, and libuv's threads ran out, so that even `/section`
 * went unanswered; the store now waits in JavaScript (`src/store/busy-retry.ts`).
 */
describe('the SQLite file becomes unwritable', () => {
  it('votes get "could not record, try again", never a confirmation; the bot keeps serving and recovers', async () => {
    const { emulator, databasePath, spawn } = await startFleet();
    const bot = await spawn();
    const poll = await createNumberedPoll(emulator, 'Disque bloqué ?', OPTIONS);
    const lock = await holdWriteLock(databasePath);

    const clicks = voteBurst(emulator, poll, 30, OPTIONS);
    const creation = emulator.slashCommand({
      name: 'poll',
      subcommand: 'create',
      options: { question: 'Pendant la panne ?', options: 'a;b' },
    });
    // Meanwhile, what needs no write still works: a quote, and reading one's (absent) vote.
    const section = await emulator
      .slashCommand({ name: 'section', options: { section: '2' } })
      .reply();
    expect(section.embeds[0]?.title).toMatch(/^§2/);
    const first = clicks[0];
    if (first === undefined) throw new Error('no click');
    const mine = await control(emulator, poll, 'poll-mine', first.memberId).reply(10_000);
    expect(mine.content).toContain('Vous n’avez pas de vote dans ce sondage.');

    const answers = await Promise.all(clicks.map((click) => click.handle.reply(20_000)));
    for (const answer of answers) {
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toBe(
        'Votre vote n’a pas pu être enregistré. Réessayez dans un instant.',
      );
    }
    expect(confirmed(clicks)).toEqual([]);
    // A poll created meanwhile is not half there: an apology, and its message taken down again.
    const created = await creation.reply(20_000);
    expect(created.content).toBe(
      'Désolé, quelque chose s’est mal passé de notre côté. Réessayez dans un instant.',
    );
    const polls = emulator
      .channelMessages(emulator.defaultChannelId)
      .filter((message) => message.source === 'channel');
    expect(polls.map((message) => message.id)).toEqual([poll.message.id]);
    await lock.release();
    expect(await storedVotes(databasePath, poll.pollId)).toEqual(new Map());
    const storedPolls = (await rawRows(databasePath)).filter((row) =>
      row.key.startsWith('tribune:poll:'),
    );
    expect(storedPolls).toHaveLength(1);

    // Writable again: everyone's retry counts, once.
    const retries = clicks.map((click) => vote(emulator, poll, click.option, click.memberId));
    const retried = await Promise.all(retries.map((handle) => handle.reply()));
    expect(retried.every((answer) => answer.content.startsWith('Votre vote : '))).toBe(true);
    expect((await storedVotes(databasePath, poll.pollId)).size).toBe(30);
    expect((await shownResults(emulator, poll.pollId)).voters).toBe(30);
    await waitForPollMessage(emulator, poll, (text) => text.includes('👥 30 votants'));

    // It never stopped: no crash, no unhandled rejection, a clean stop.
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const logs = bot.logs();
    expect(logs.filter((line) => line.msg === 'could not store a vote')).toHaveLength(30);
    expect(logs.some((line) => line.msg === 'unhandled rejection')).toBe(false);
    expect(bot.stderr.join('')).toBe('');
  }, 90_000);

  it('every vote confirmed while the lock comes and goes is in the results and the export, before and after a restart', async () => {
    const { emulator, databasePath, spawn } = await startFleet();
    const bot = await spawn();
    const poll = await createNumberedPoll(emulator, 'Verrou intermittent ?', OPTIONS);
    // Held for less than the bot's lock wait (5 s): each vote waits, then lands, once.
    const clicks: Click[] = [];
    for (const holdMs of [150, 700, 1500]) {
      const lock = await holdWriteLock(databasePath);
      const burst = voteBurst(emulator, poll, 40, OPTIONS);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      await lock.release();
      await Promise.all(burst.map((click) => click.handle.reply(20_000)));
      clicks.push(...burst);
    }
    const counted = confirmed(clicks);
    expect(counted).toHaveLength(clicks.length);
    const expected = new Map(counted.map((click) => [click.memberId, [click.option]]));

    const everyConfirmedVoteIsThere = async () => {
      expect(await storedVotes(databasePath, poll.pollId)).toEqual(expected);
      expect(await shownResults(emulator, poll.pollId)).toEqual({
        voters: counted.length,
        counts: countsOf(expected, OPTIONS),
      });
      const exported = await emulator
        .slashCommand({
          name: 'poll',
          subcommand: 'export',
          options: { poll: poll.pollId },
          user: DEFAULT_IDS.moderator,
        })
        .reply(10_000);
      const rows = parseCsv(exported);
      const voters = rows.slice(rows.findIndex((row) => row[2] === 'identifiant du votant') + 1);
      expect(new Map(voters.map(([number, , voter]) => [voter, [Number(number) - 1]]))).toEqual(
        expected,
      );
    };
    await everyConfirmedVoteIsThere();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    await spawn();
    await everyConfirmedVoteIsThere();
  }, 90_000);
});
