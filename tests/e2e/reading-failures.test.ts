import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { pause, planSecondsAhead, prompts, reading, waitForPrompts } from '../support/reading';
import { until } from '../support/until';

const postedOrMissed = (logs: Record<string, unknown>[]) =>
  logs.some(
    (line) => line.msg === 'reading prompt posted' || line.msg === 'reading prompt not posted',
  );

describe('a plan whose channel goes away or whose rights are lost', () => {
  it('a deleted channel pauses the plan, status says why, and nothing more is tried', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const doomed = emulator.createChannel({ name: 'éphémère' });
    const plan = await planSecondsAhead(testBot, 2, { channelId: doomed.id });
    emulator.deleteChannel(doomed.id);

    await until(() => postedOrMissed(testBot.logs), 6000);
    const stored = await testBot.bot.services.readings.get(plan.id);
    expect(stored?.state).toBe('paused');
    expect(stored?.pauseReason).toBe('channel-deleted');
    const status = await reading(emulator, 'status').reply();
    expect(emulator.text(status)).toContain('⏸ En pause : le salon a été supprimé');
    expect(emulator.text(status)).toContain('Non publiée');

    // Paused: no retries, no spam, no crash; resuming into a missing channel is refused.
    const before = emulator.requests.length;
    await pause(1200);
    expect(emulator.requestsTo(new RegExp(`/channels/${doomed.id}`))).toHaveLength(1);
    expect(emulator.requests.length).toBe(before);
    const resume = await emulator
      .slashCommand({
        name: 'reading',
        subcommand: 'resume',
        user: DEFAULT_IDS.moderator,
        options: {},
      })
      .reply();
    expect(resume.content).toBe(`Le salon <#${doomed.id}> n’existe plus.`);
  });

  it('a lost permission pauses the plan before sending anything, with the reason', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const muted = emulator.createChannel({ name: 'muet', botCanSend: false });
    // As if the rights were removed after `/reading start` checked them.
    const plan = await planSecondsAhead(testBot, 2, { channelId: muted.id });
    await until(() => postedOrMissed(testBot.logs), 6000);
    const stored = await testBot.bot.services.readings.get(plan.id);
    expect(stored?.state).toBe('paused');
    expect(stored?.pauseReason).toBe('missing-permission');
    expect(emulator.requestsTo('POST /channels/:channelId/messages')).toEqual([]);
    const status = await reading(emulator, 'status', {}, { locale: 'en-US' }).reply();
    expect(emulator.text(status)).toContain('⏸ Paused: Tribune lost the permissions it needs');
    // Still unfixed: resuming says what is missing.
    const resume = await reading(emulator, 'resume', { channel: muted.id }).reply();
    expect(resume.content).toContain('il lui manque « Envoyer des messages »');
    expect((await testBot.bot.services.readings.get(plan.id))?.state).toBe('paused');
  });

  it('a post that keeps failing is retried with backoff, then reported; the plan goes on', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const fault = emulator.injectFault({
      method: 'POST',
      route: '/channels/:channelId/messages',
      status: 500,
      times: 1000,
    });
    const plan = await planSecondsAhead(testBot, 1);
    await until(() => postedOrMissed(testBot.logs), 20_000);
    fault.cancel();
    const retries = testBot.logs.filter((line) => line.msg === 'reading prompt failed, retrying');
    expect(retries).toHaveLength(2);
    const stored = await testBot.bot.services.readings.get(plan.id);
    expect(stored?.state).toBe('active');
    expect(stored?.nextSection).toBe(1);
    const status = await reading(emulator, 'status').reply();
    expect(emulator.text(status)).toContain('l’envoi a échoué après plusieurs essais (HTTP 500');
    // The next prompt is the same section, and it goes out once Discord is back.
    await reading(emulator, 'next').reply();
    const [prompt] = await waitForPrompts(emulator, 1);
    expect(prompt?.embeds[0]?.title).toContain('Semaine 1');
  }, 30_000);

  it('a transient failure is retried and the prompt goes out once', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    // More failures than discord.js retries on its own, fewer than Tribune's attempts.
    emulator.injectFault({
      method: 'POST',
      route: '/channels/:channelId/messages',
      status: 503,
      times: 5,
    });
    await planSecondsAhead(testBot, 1);
    await waitForPrompts(emulator, 1, 15_000);
    await until(() => postedOrMissed(testBot.logs), 5000);
    await pause(500);
    expect(prompts(emulator)).toHaveLength(1);
    expect(emulator.threads(DEFAULT_IDS.clubChannel)).toHaveLength(1);
  }, 30_000);
});
