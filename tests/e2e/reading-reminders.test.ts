// Session reminders: posted once in the week's thread, that long before the session, pinging the
// plan's role only; once across restarts and two processes; skipped when stale past the grace.
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import type { SessionSettings, Weekday } from '../../src/reading/core/plan';
import { isoWeekday, localDateTime } from '../../src/time/zoned-time';
import { DEFAULT_IDS, type Emulator, type StoredMessage } from '../../scripts/emulator';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { manualClock, pause, planSecondsAhead, reading, waitForPrompts } from '../support/reading';
import { until } from '../support/until';

const opEd = (await loadLibrary('content')).defaultText;
const CLUB = DEFAULT_IDS.clubChannel;
const READER_ROLE = DEFAULT_IDS.readerRole;

/**
 * A plan whose prompt is `promptIn` seconds from now and whose session starts `sessionIn` seconds
 * from now, with a reminder `remindS` seconds before it (seconds only tests can set); resolves
 * with the reminder's time.
 */
async function planWithReminder(
  testBot: TestBot,
  timing: { promptIn: number; sessionIn: number; remindS: number },
): Promise<number> {
  // On a whole second, as meeting times are.
  const sessionAt = Math.floor(Date.now() / 1000 + timing.sessionIn) * 1000;
  const meeting = localDateTime(new Date(sessionAt), 'Europe/Paris');
  const sessions: SessionSettings = {
    meeting: {
      weekday: isoWeekday(meeting) as Weekday,
      time: { hour: meeting.hour, minute: meeting.minute, second: meeting.second },
    },
    durationMs: 3_600_000,
    remindMs: timing.remindS * 1000,
  };
  await planSecondsAhead(testBot, timing.promptIn, { sessions });
  return sessionAt - timing.remindS * 1000;
}

/** The week's thread (opened by its prompt). */
async function weekThread(emulator: Emulator): Promise<string> {
  await waitForPrompts(emulator, 1);
  const [thread] = await emulator.waitFor(() => {
    const found = emulator.threads(CLUB);
    return found.length > 0 && found;
  });
  if (!thread) throw new Error('no thread');
  return thread.id;
}

/** The bot's messages in a thread (the prompt's own message is in the channel). */
function reminders(emulator: Emulator, threadId: string): StoredMessage[] {
  return emulator.channelMessages(threadId).filter((message) => message.source === 'channel');
}

function waitForReminder(emulator: Emulator, threadId: string): Promise<StoredMessage> {
  return emulator.waitFor(
    () => reminders(emulator, threadId)[0],
    10_000,
    `a reminder in ${threadId}`,
  );
}

describe('session reminders (real time, real node-cron)', () => {
  it('posts the reminder in the week’s thread at its time, pinging the plan’s role only', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const remindAt = await planWithReminder(testBot, {
      promptIn: 2,
      sessionIn: 7,
      remindS: 3,
    });
    const threadId = await weekThread(emulator);
    const reminder = await waitForReminder(emulator, threadId);
    // Timers wake on time; the post takes a moment.
    expect(reminder.createdAt).toBeGreaterThanOrEqual(remindAt - 50);
    expect(reminder.createdAt).toBeLessThan(remindAt + 1500);
    const seconds = Math.floor((remindAt + 3000) / 1000);
    expect(reminder.content).toBe(
      `<@&${READER_ROLE}> ⏰ Rappel : la discussion sur « ${opEd.sections[0]?.title ?? ''} » commence <t:${seconds}:F> (<t:${seconds}:R>).`,
    );
    expect(reminder.pings).toEqual({ users: [], roles: [READER_ROLE], everyone: false });
    // Recorded once Discord has answered.
    const sent = await emulator.waitFor(() =>
      emulator
        .requestsTo('POST /channels/:channelId/messages')
        .find((request) => request.path === `/channels/${threadId}/messages`),
    );
    expect((sent.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
      roles: [READER_ROLE],
    });

    // Restarted on the same store: nothing more.
    const again = await testBot.restart();
    await until(() => again.logs.some((line) => line.msg === 'tribune is ready'));
    await pause(1500);
    expect(reminders(emulator, threadId)).toHaveLength(1);
  });

  it('goes out once when the bot restarts between the prompt and the reminder', async () => {
    const first = await startTestBot();
    const { emulator } = first;
    await planWithReminder(first, { promptIn: 2, sessionIn: 9, remindS: 4 });
    const threadId = await weekThread(emulator);
    await until(() => first.logs.some((line) => line.msg === 'reading prompt posted'));
    const second = await first.restart();
    await waitForReminder(emulator, threadId);
    await until(() => second.logs.some((line) => line.msg === 'reading reminder posted'));
    await second.restart();
    await pause(1500);
    expect(reminders(emulator, threadId)).toHaveLength(1);
  });

  it('two processes at the reminder’s time post it once', async () => {
    const first = await startTestBot();
    const { emulator } = first;
    await planWithReminder(first, { promptIn: 2, sessionIn: 8, remindS: 3 });
    // The second process finds the reminder in the index when it starts: both arm it.
    const second = await first.startAnother();
    await emulator.waitForSessions(2);
    const threadId = await weekThread(emulator);
    await waitForReminder(emulator, threadId);
    await pause(1500);
    expect(reminders(emulator, threadId)).toHaveLength(1);
    expect(emulator.pings().filter((ping) => ping.channelId === threadId)).toHaveLength(1);
    // Both did try: one posted, the other found the reminder claimed.
    const outcomes = [first, second].map(
      (bot) =>
        bot.logs.find(
          (line) =>
            line.msg === 'reading reminder posted' ||
            line.msg === 'reading reminder claimed elsewhere',
        )?.msg,
    );
    expect(outcomes.sort()).toEqual([
      'reading reminder claimed elsewhere',
      'reading reminder posted',
    ]);
  });
});

describe('session reminders missed while the bot was down', () => {
  /**
   * Tuesday 31 March 2026, 10:00 in Paris; sessions on Thursdays at 19:00, the reminder a day
   * before (Wednesday 1 April, 17:00 UTC), 1 h of grace.
   */
  const TUESDAY_MORNING = '2026-03-31T08:00:00.000Z';
  const START = {
    channel: CLUB,
    weekday: 'mardi',
    time: '18:30',
    role: READER_ROLE,
    meeting: 'jeudi 19:00',
    remind: '1j',
  };
  const env = { READING_GRACE_HOURS: '1' };

  /** The plan started and its week posted on Tuesday, then the bot down until `backAt`. */
  async function downUntil(backAt: string) {
    const clock = manualClock(TUESDAY_MORNING);
    const first = await startTestBot({ clock, env });
    const { emulator } = first;
    await reading(emulator, 'start', START).reply();
    await reading(emulator, 'next').reply();
    const threadId = await weekThread(emulator);
    await first.stop();
    clock.set(backAt);
    const back = await first.restart({ clock, env });
    return { emulator, back, threadId };
  }

  it('posts it on start within the grace', async () => {
    const { emulator, threadId } = await downUntil('2026-04-01T17:30:00.000Z');
    const reminder = await waitForReminder(emulator, threadId);
    const session = Date.parse('2026-04-02T17:00:00.000Z') / 1000;
    expect(reminder.content).toContain(`commence <t:${session}:F>`);
  });

  it('skips it past the grace rather than post a stale reminder', async () => {
    const { emulator, back, threadId } = await downUntil('2026-04-01T18:30:00.000Z');
    const skipped = await until(() =>
      back.logs.find((line) => line.msg === 'reading reminder skipped'),
    );
    expect(skipped).toMatchObject({ reason: 'too-late', week: '2026-03-31' });
    await pause(300);
    expect(reminders(emulator, threadId)).toEqual([]);
  });
});
