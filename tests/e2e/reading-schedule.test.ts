import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { until } from '../support/until';
import { pause, planSecondsAhead, prompts, reading, waitForPrompts } from '../support/reading';

const opEd = (await loadLibrary('content')).defaultText;

describe('reading plans fire on schedule (real node-cron, real SQLite)', () => {
  it('posts the prompt at its time with a discussion thread, pinging the role and nobody else', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const plan = await planSecondsAhead(testBot, 2);

    const [prompt] = await waitForPrompts(emulator, 1);
    const [embed] = prompt?.embeds ?? [];
    expect(embed?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
    expect(embed?.description).toContain(opEd.sections[0]?.paragraphs[0]?.slice(0, 60));
    expect(embed?.fields?.[0]?.value).toBe(opEd.sections[0]?.questions[0]?.fr);
    expect(embed?.footer?.text).toContain('Le Mouton Numérique');
    expect(prompt?.content).toBe(`<@&${DEFAULT_IDS.readerRole}>`);

    const threads = await emulator.waitFor(() => {
      const found = emulator.threads(DEFAULT_IDS.clubChannel);
      return found.length > 0 && found;
    });
    expect(threads.map((thread) => thread.name)).toEqual([
      `Semaine 1 — ${opEd.sections[0]?.title ?? ''}`,
    ]);
    expect(prompt?.threadId).toBe(threads[0]?.id);

    expect(emulator.pings()).toEqual([
      expect.objectContaining({
        messageId: prompt?.id,
        pings: { users: [], roles: [DEFAULT_IDS.readerRole], everyone: false },
      }),
    ]);
    const body = emulator.requestsTo('POST /channels/:channelId/messages')[0]?.body as {
      allowed_mentions: unknown;
    };
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [DEFAULT_IDS.readerRole] });

    // The plan moved on: section 2 next week, and nothing else is posted.
    await pause(1500);
    expect(prompts(emulator)).toHaveLength(1);
    const stored = await testBot.bot.services.readings.get(plan.id);
    expect(stored?.nextSection).toBe(2);
    expect(stored?.posts.map((post) => post.late)).toEqual([false]);
    const next = testBot.bot.services.readings.nextOccurrence(stored ?? plan);
    expect((next?.at.getTime() ?? 0) - Date.now()).toBeGreaterThan(6 * 86_400_000);
  });

  it('with READING_GRACE_HOURS=0, posts the prompt at its time (the grace is for missed ones)', async () => {
    const testBot = await startTestBot({ env: { READING_GRACE_HOURS: '0' } });
    const { emulator } = testBot;
    const plan = await planSecondsAhead(testBot, 2);
    await waitForPrompts(emulator, 1);
    // The prompt is out; its outcome is recorded right after.
    await pause(500);
    const stored = await testBot.bot.services.readings.get(plan.id);
    expect(stored?.posts.map((post) => post.late)).toEqual([false]);
    expect(stored?.misses).toEqual([]);
    expect(testBot.logs.some((line) => line.msg === 'reading prompt too late, skipped')).toBe(
      false,
    );
  });

  it('a plan without a role pings nobody; without thread opens none', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    await planSecondsAhead(testBot, 2, { roleId: undefined, thread: false });
    const [prompt] = await waitForPrompts(emulator, 1);
    expect(prompt?.content).toBe('');
    await pause(300);
    expect(emulator.pings()).toEqual([]);
    expect(emulator.threads()).toEqual([]);
  });

  it('a paused or stopped plan posts nothing at its time', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const other = emulator.createChannel({ name: 'club-2' });
    const paused = await planSecondsAhead(testBot, 2);
    const stopped = await planSecondsAhead(testBot, 2, { channelId: other.id });
    await reading(emulator, 'pause', { channel: DEFAULT_IDS.clubChannel }).reply();
    await reading(emulator, 'stop', { channel: other.id }).reply();
    await pause(3500);
    expect(prompts(emulator)).toEqual([]);
    expect(prompts(emulator, other.id)).toEqual([]);
    expect((await testBot.bot.services.readings.get(paused.id))?.state).toBe('paused');
    expect(await testBot.bot.services.readings.get(stopped.id)).toBeUndefined();
  });

  it('keeps the plan across restarts: re-armed from the store, progress kept', async () => {
    const first = await startTestBot();
    const { emulator } = first;
    // Created, then the bot restarts before the time: the new process fires it.
    const plan = await planSecondsAhead(first, 3);
    const second = await first.restart();
    const [week1] = await waitForPrompts(emulator, 1);
    expect(week1?.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
    await until(() => second.logs.some((line) => line.msg === 'reading prompt posted'));

    // Restarted again between occurrences: the plan and its progress are still there.
    const third = await second.restart();
    const status = await reading(emulator, 'status').reply();
    expect(emulator.text(status)).toContain('Progression : section 2 sur 3');
    expect(emulator.text(status)).toContain('Dernière publication');
    await reading(emulator, 'next').reply();
    const [, week2] = await waitForPrompts(emulator, 2);
    expect(week2?.embeds[0]?.title).toBe(`Semaine 2 — ${opEd.sections[1]?.title ?? ''}`);
    expect((await third.bot.services.readings.get(plan.id))?.nextSection).toBe(3);
  });

  it('two bot processes on the same store post each occurrence once', async () => {
    const first = await startTestBot();
    const { emulator } = first;
    const plan = await planSecondsAhead(first, 4);
    // The second process arms the plan from the store when it starts: both fire at that second.
    const second = await first.startAnother();
    await emulator.waitForSessions(2);

    await waitForPrompts(emulator, 1);
    await pause(2000);
    expect(prompts(emulator)).toHaveLength(1);
    expect(emulator.threads(DEFAULT_IDS.clubChannel)).toHaveLength(1);
    expect(emulator.pings()).toHaveLength(1);
    // Both processes did fire: one posted, the other found the occurrence claimed.
    const outcomes = [first, second].map(
      (bot) =>
        bot.logs.find(
          (line) =>
            line.msg === 'reading prompt posted' || line.msg === 'occurrence claimed elsewhere',
        )?.msg,
    );
    expect(outcomes.sort()).toEqual(['occurrence claimed elsewhere', 'reading prompt posted']);
    const stored = await first.bot.services.readings.get(plan.id);
    expect(stored?.posts).toHaveLength(1);
    expect(stored?.nextSection).toBe(2);
  });
});
