import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { commands } from '../../commands';
import { createBot, type Bot, type BotOptions } from '../../app/bot';
import { loadConfig, type Config } from '../../src/config/config';
import { deployCommands } from '../../src/discord/deploy-commands';
import { createLogger } from '../../src/log/logger';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../scripts/emulator';
import { tempDir } from './temp-dir';

export interface TestBot {
  readonly emulator: Emulator;
  readonly bot: Bot;
  readonly config: Config;
  readonly databasePath: string;
  /** Every log line the bot wrote, as parsed JSON. */
  readonly logs: Record<string, unknown>[];
  /** Every log line exactly as written (to search for secrets). */
  readonly rawLogs: string[];
  /** Stops this bot, then starts a new one on the same store, content and emulator. */
  restart(options?: BotInstanceOptions): Promise<TestBot>;
  /** Starts a second bot beside this one, on the same store and emulator (two processes). */
  startAnother(options?: BotInstanceOptions): Promise<TestBot>;
  stop(): Promise<void>;
}

export interface BotInstanceOptions {
  /** Extra environment, as the bot would read it (CONTENT_DIR, POLL_SECRET…). */
  readonly env?: Readonly<Record<string, string>>;
  readonly clock?: BotOptions['clock'];
}

export interface TestBotOptions extends BotInstanceOptions {
  readonly emulatorOptions?: EmulatorOptions;
  /** SQLite file; default: a new file in a temporary folder. */
  readonly databasePath?: string;
}

/**
 * Starts the real bot (real discord.js client, real SQLite file) against a fresh local Discord
 * emulator, after registering its commands the way `npm run deploy` does. When the test finishes,
 * every bot is stopped and the emulator must have seen no request that Discord would refuse.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const emulator = await startEmulator(options.emulatorOptions);
  const databasePath = options.databasePath ?? join(await tempDir(), 'tribune.sqlite');
  const running = new Set<TestBot>();
  onTestFinished(async () => {
    try {
      for (const testBot of running) await testBot.stop();
      emulator.assertNoViolations();
    } finally {
      await emulator.close();
    }
  });

  const launch = async (instance: BotInstanceOptions, deploy: boolean): Promise<TestBot> => {
    const config = loadConfig({
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      DISCORD_GUILD_ID: emulator.guildId,
      DATABASE_URL: `sqlite://${databasePath}`,
      LOG_LEVEL: 'debug',
      ...options.env,
      ...instance.env,
    });
    if (deploy) await deployCommands(config, commands);
    const rawLogs: string[] = [];
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: config.LOG_LEVEL,
      secrets: [config.DISCORD_TOKEN],
      write: (line) => {
        rawLogs.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    });
    const clock = instance.clock ?? options.clock;
    const bot = await createBot({ config, logger, ...(clock !== undefined && { clock }) });
    await bot.start();
    let stopped: Promise<void> | undefined;
    const testBot: TestBot = {
      emulator,
      bot,
      config,
      databasePath,
      logs,
      rawLogs,
      stop() {
        stopped ??= bot.stop().finally(() => running.delete(testBot));
        return stopped;
      },
      async restart(next = instance) {
        await testBot.stop();
        return launch(next, false);
      },
      startAnother: (next = instance) => launch(next, false),
    };
    running.add(testBot);
    return testBot;
  };

  return launch(options, true);
}
