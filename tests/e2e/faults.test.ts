import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { spawnBot } from '../support/bot-process';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';

const section = { name: 'section', options: { section: '2' } } as const;

describe('gateway faults', () => {
  it.each([1006, 4000])(
    'resumes after the gateway drops with %i mid-burst, and answers what comes after',
    async (code) => {
      const { emulator, logs } = await startTestBot();
      const before = Array.from({ length: 20 }, () => emulator.slashCommand(section));
      await emulator.closeGateway(code);
      await Promise.all(before.map((handle) => handle.reply()));
      await emulator.waitForSessions(1);
      const after = await Promise.all(
        Array.from({ length: 20 }, () => emulator.slashCommand(section).reply()),
      );
      expect(after.every((reply) => reply.embeds[0]?.title?.startsWith('§2'))).toBe(true);
      expect(emulator.gatewayStats.resumes).toBeGreaterThanOrEqual(1);
      expect(logs.filter((line) => line.level === 60)).toEqual([]);
    },
  );
});

describe('REST faults', () => {
  it('waits out a 429 with retry_after and retries', async () => {
    const { emulator } = await startTestBot();
    const fault = emulator.injectFault({
      route: /callback/,
      status: 429,
      times: 1,
      retryAfter: 0.3,
    });
    const handle = emulator.slashCommand(section);
    const reply = await handle.reply();
    expect(fault.hits).toBe(1);
    expect(reply.embeds[0]?.title).toMatch(/^§2/);
  });

  it('retries 500s, and when a reply finally cannot be sent, logs it and keeps running', async () => {
    const { emulator, logs } = await startTestBot();
    const transient = emulator.injectFault({ route: /callback/, status: 500, times: 2 });
    await emulator.slashCommand(section).reply();
    expect(transient.hits).toBe(2);

    const persistent = emulator.injectFault({ route: /callback/, status: 500, times: 100 });
    emulator.slashCommand(section);
    await until(() => logs.find((line) => line.msg === 'could not tell the user about a failure'));
    expect(logs.some((line) => line.msg === 'interaction handler failed')).toBe(true);
    persistent.cancel();
    const reply = await emulator.slashCommand(section).reply();
    expect(reply.embeds[0]?.title).toMatch(/^§2/);
  });
});

describe('process faults', () => {
  it('refuses to start on a broken content file, naming the file and line', async () => {
    const contentDir = await tempDir();
    await writeFile(join(contentDir, 'broken.md'), '---\nid: x\n---\n\n## S\n\nP.\n');
    const emulator = await startEmulator();
    try {
      const bot = spawnBot({
        emulator,
        databasePath: join(await tempDir(), 'tribune.sqlite'),
        env: { CONTENT_DIR: contentDir },
      });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr.join('')).toMatch(/broken\.md:1: front matter lacks "title"/);
    } finally {
      await emulator.close();
    }
  });

  it('refuses to start on a bad configuration, listing every bad key', async () => {
    const bot = spawnBot({
      databasePath: join(await tempDir(), 'tribune.sqlite'),
      env: { DEFAULT_TIMEZONE: 'Mars/Olympus', DEFAULT_LOCALE: 'de' },
    });
    expect(await bot.exited).toBe(1);
    const message = bot.stderr.join('');
    expect(message).toContain('DISCORD_TOKEN: missing');
    expect(message).toContain('DEFAULT_TIMEZONE: must be an IANA time zone');
    expect(message).toContain('DEFAULT_LOCALE: must be one of fr, en');
  });

  it('on SIGTERM under load, answers what it took, stops cleanly and exits 0', async () => {
    const emulator = await startEmulator();
    try {
      const { deployCommands } = await import('../../src/discord/deploy-commands');
      const { loadConfig } = await import('../../src/config/config');
      const { commands } = await import('../../commands');
      await deployCommands(
        loadConfig({
          DISCORD_TOKEN: emulator.token,
          DISCORD_API_URL: emulator.apiUrl,
          DISCORD_GUILD_ID: emulator.guildId,
        }),
        commands,
      );
      const bot = spawnBot({ emulator, databasePath: join(await tempDir(), 'tribune.sqlite') });
      await bot.ready();
      const handles = Array.from({ length: 100 }, () => emulator.slashCommand(section));
      await handles[0]?.callback;
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      const answered = await Promise.all(
        handles.map((handle) =>
          Promise.race([
            handle.callback.then(() => true),
            new Promise<false>((resolve) => setTimeout(() => resolve(false), 200)),
          ]),
        ),
      );
      // Every interaction the bot received before the signal was answered (with the quote, or a
      // "restarting" note); none was left to time out on the user's screen after it took it.
      const messages = bot.logs().map((line) => line.msg);
      expect(messages).toContain('stopping');
      expect(messages.at(-1)).toBe('stopped');
      expect(answered.filter(Boolean).length).toBeGreaterThan(0);
      emulator.assertNoViolations();
    } finally {
      await emulator.close();
    }
  });
});

describe('secrets', () => {
  it('never writes the bot token or an interaction token in the logs, even on errors', async () => {
    const { emulator, rawLogs, config } = await startTestBot();
    const handles = [
      emulator.slashCommand(section),
      emulator.slashCommand({ name: 'search', options: { query: 'IA' } }),
    ];
    await Promise.all(handles.map((handle) => handle.reply()));
    emulator.injectFault({ route: /callback/, status: 500, times: 100 });
    const failing = emulator.slashCommand(section);
    handles.push(failing);
    await until(() => rawLogs.find((line) => line.includes('could not tell the user')));
    const all = rawLogs.join('\n');
    expect(all).toContain('interactions/'); // the failing request URL is logged…
    expect(all).not.toContain(config.DISCORD_TOKEN); // …but never a secret.
    for (const handle of handles) expect(all).not.toContain(handle.token);
  });
});
