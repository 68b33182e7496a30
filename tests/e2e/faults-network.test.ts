import { describe, expect, it, onTestFinished } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot-harness';
import {
  confirmed,
  countsOf,
  createNumberedPoll,
  shownResults,
  voteBurst,
  type Click,
} from '../support/fault-fleet';
import { control, storedVotes, vote, waitForPollMessage } from '../support/polls';
import { until } from '../support/until';

const OPTIONS = 4;

/** Fails the test if anything in this process leaves a promise rejection unhandled. */
function captureUnhandledRejections(): unknown[] {
  const rejections: unknown[] = [];
  const listener = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', listener);
  onTestFinished(() => {
    process.off('unhandledRejection', listener);
    expect(rejections).toEqual([]);
  });
  return rejections;
}

/** Every confirmed click is stored as clicked; every stored vote is a click; results agree. */
async function expectConsistent(testBot: TestBot, pollId: string, clicks: readonly Click[]) {
  const stored = await storedVotes(testBot.storeUrl, pollId);
  const optionOf = new Map(clicks.map((click) => [click.memberId, click.option]));
  for (const click of confirmed(clicks)) {
    expect(stored.get(click.memberId), `vote of ${click.memberId}`).toEqual([click.option]);
  }
  for (const [voter, choices] of stored) expect(choices).toEqual([optionOf.get(voter)]);
  expect(await shownResults(testBot.emulator, pollId)).toEqual({
    voters: stored.size,
    counts: countsOf(stored, OPTIONS),
  });
  return stored;
}

const errors = (testBot: TestBot) => testBot.logs.filter((line) => Number(line.level) >= 50);

describe('the gateway drops in the middle of a burst of votes', () => {
  it.each([1006, 4000])(
    'after a %i close it resumes: votes sent before, during and after are all answered and stored',
    async (code) => {
      captureUnhandledRejections();
      const testBot = await startTestBot();
      const { emulator } = testBot;
      const poll = await createNumberedPoll(emulator, 'Coupure ?', OPTIONS);
      const before = voteBurst(emulator, poll, 200, OPTIONS);
      await emulator.closeGateway(code);
      // Sent while the bot is disconnected: Discord keeps them for the session, replayed on resume.
      const during = voteBurst(emulator, poll, 50, OPTIONS);
      await emulator.waitForSessions(1);
      const after = voteBurst(emulator, poll, 100, OPTIONS);
      const clicks = [...before, ...during, ...after];
      await Promise.all(clicks.map((click) => click.handle.reply(10_000)));

      expect(confirmed(clicks)).toHaveLength(clicks.length);
      expect((await expectConsistent(testBot, poll.pollId, clicks)).size).toBe(clicks.length);
      expect(emulator.gatewayStats.resumes).toBeGreaterThanOrEqual(1);
      // A replayed event is never handled twice.
      expect(
        testBot.logs.some((line) => line.msg === 'interaction claimed by another process'),
      ).toBe(false);
      expect(errors(testBot)).toEqual([]);
    },
  );

  it('after a 4009 close (session timed out) it identifies anew and answers what comes after', async () => {
    captureUnhandledRejections();
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const poll = await createNumberedPoll(emulator, 'Nouvelle session ?', OPTIONS);
    const identifies = emulator.gatewayStats.identifies;
    const before = voteBurst(emulator, poll, 200, OPTIONS);
    await emulator.closeGateway(4009);
    // discord.js waits out its identify throttle (about 5 s) before it identifies again.
    await emulator.waitForSessions(1, 15_000);
    expect(emulator.gatewayStats.identifies).toBe(identifies + 1);
    const after = voteBurst(emulator, poll, 100, OPTIONS);
    await Promise.all(after.map((click) => click.handle.reply(10_000)));

    // What was sent before the drop and never delivered is lost, as on Discord (the member sees
    // "the interaction failed" and clicks again); what was confirmed is stored.
    expect(confirmed(after)).toHaveLength(100);
    await expectConsistent(testBot, poll.pollId, [...before, ...after]);
    expect(errors(testBot)).toEqual([]);
  }, 30_000);
});

describe('Discord answers REST calls with 429 and 500 during votes', () => {
  it('waits out 429s (retry_after) on the answers to a burst of votes: every vote confirmed and stored', async () => {
    captureUnhandledRejections();
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const poll = await createNumberedPoll(emulator, 'Trop vite ?', OPTIONS);
    const fault = emulator.injectFault({
      route: /\/callback$/,
      status: 429,
      times: 30,
      retryAfter: 0.3,
    });
    const clicks = voteBurst(emulator, poll, 100, OPTIONS);
    await Promise.all(clicks.map((click) => click.handle.reply(10_000)));

    expect(fault.hits).toBe(30);
    expect(confirmed(clicks)).toHaveLength(100);
    expect((await expectConsistent(testBot, poll.pollId, clicks)).size).toBe(100);
    // Each 429 is logged (they count towards Discord's invalid-request ban), by route only.
    const logged = testBot.logs.filter((line) => line.msg === 'Discord answered 429');
    expect(logged.map((line) => line.route)).toEqual(
      Array.from({ length: 30 }, () => '/interactions/:id/:token/callback'),
    );
    expect(errors(testBot)).toEqual([]);
  });

  it('retries 500s on the answer to a vote; when it finally cannot answer, logs it and the vote stays whole', async () => {
    captureUnhandledRejections();
    const testBot = await startTestBot();
    const { emulator, logs } = testBot;
    const poll = await createNumberedPoll(emulator, 'Panne de Discord ?', OPTIONS);

    // Two 500s, then the answer goes through: discord.js retries.
    const transient = emulator.injectFault({ route: /\/callback$/, status: 500, times: 2 });
    const retried = vote(emulator, poll, 1, 'first-voter');
    expect(emulator.text(await retried.reply())).toContain('Votre vote : 2. Option 2');
    expect(transient.hits).toBe(2);

    // Every answer to this click fails: the vote was stored before the answer was tried.
    const click = vote(emulator, poll, 2, 'unlucky-voter');
    const persistent = emulator.injectFault({
      route: new RegExp(`/interactions/${click.id}/`),
      status: 500,
      times: 1000,
    });
    await until(() => logs.find((line) => line.msg === 'could not tell the user about a failure'));
    expect(persistent.hits).toBeGreaterThanOrEqual(2);
    expect(click.original()).toBeUndefined();
    const failure = logs.find((line) => line.msg === 'interaction handler failed');
    expect(failure?.interactionId).toBe(click.id);

    // Stored or not, never half: here stored, whole, counted in the results and on the poll
    // message, and shown to the member when they ask.
    const stored = await storedVotes(testBot.storeUrl, poll.pollId);
    expect(stored.get('unlucky-voter')).toEqual([2]);
    expect(await shownResults(emulator, poll.pollId)).toEqual({
      voters: 2,
      counts: [0, 1, 1, 0],
    });
    await waitForPollMessage(emulator, poll, (text) => text.includes('👥 2 votants'));
    const mine = await control(emulator, poll, 'poll-mine', 'unlucky-voter').reply();
    expect(mine.content).toContain('Votre vote : 3. Option 3');
    // And it keeps serving.
    expect(emulator.text(await vote(emulator, poll, 0, 'next-voter').reply())).toContain(
      'Votre vote : 1. Option 1',
    );
  });
});

describe('Discord answers REST calls with 429 and 500 during poll message edits', () => {
  it('waits out a 429 on an edit: the poll message ends on the last state', async () => {
    captureUnhandledRejections();
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const poll = await createNumberedPoll(emulator, 'Édition lente ?', OPTIONS);
    const fault = emulator.injectFault({
      method: 'PATCH',
      route: `/channels/${emulator.defaultChannelId}/messages/${poll.message.id}`,
      status: 429,
      times: 2,
      retryAfter: 0.3,
    });
    const clicks = voteBurst(emulator, poll, 30, OPTIONS);
    await Promise.all(clicks.map((click) => click.handle.reply()));
    await waitForPollMessage(emulator, poll, (text) => text.includes('👥 30 votants'));
    expect(fault.hits).toBe(2);
    expect(testBot.logs.filter((line) => line.msg === 'Discord answered 429')).toHaveLength(2);
    expect(errors(testBot)).toEqual([]);
  });

  it('when the edit showing the last vote fails for good (500s beyond the retries), shows it once Discord is back', async () => {
    captureUnhandledRejections();
    const testBot = await startTestBot();
    const { emulator, logs } = testBot;
    const poll = await createNumberedPoll(emulator, 'Édition en panne ?', OPTIONS);
    const route = `/channels/${emulator.defaultChannelId}/messages/${poll.message.id}`;
    const fault = emulator.injectFault({ method: 'PATCH', route, status: 500, times: 1000 });
    const clicks = voteBurst(emulator, poll, 30, OPTIONS);
    await Promise.all(clicks.map((click) => click.handle.reply()));
    // The votes are confirmed: editing the poll message is not part of a vote.
    expect(confirmed(clicks)).toHaveLength(30);
    // Wait until the edit that would show all 30 votes has failed, retries included.
    await emulator.waitForRequest(
      route,
      (request) => request.status === 500 && JSON.stringify(request.body).includes('👥 30 votants'),
      10_000,
    );
    const failures = () => logs.filter((line) => line.msg === 'could not update a poll message');
    const failedBefore = failures().length;
    await until(() => failures().length > failedBefore, 10_000);
    fault.cancel();
    // No vote comes after the outage, yet the message catches up on its own.
    await waitForPollMessage(emulator, poll, (text) => text.includes('👥 30 votants'), 15_000);
    expect(errors(testBot)).toEqual([]);
  }, 30_000);
});
