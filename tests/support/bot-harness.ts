import { onTestFinished } from 'vitest';
import { commands } from '../../commands';
import { createBot, type Bot, type BotOptions } from '../../app/bot';
import { loadConfig, type Config } from '../../src/config/config';
import { deployCommands } from '../../src/discord/deploy-commands';
import { createLogger } from '../../src/log/logger';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../scripts/emulator';
import { testStoreUrl } from './test-store';

export interface TestBot {
  readonly emulator: Emulator;
  readonly bot: Bot;
  readonly config: Config;
  /** The store's URL (`sqlite://…`, or `postgres://…` in the `postgres` test project). */
  readonly storeUrl: string;
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
  /** The store; default: a new one (see `testStoreUrl`). */
  readonly storeUrl?: string;
}

/**
 * Starts the real bot (real discord.js client, a real store: a SQLite file, or PostgreSQL in the
 * `postgres` test project) against a fresh local Discord
 * emulator, after registering its commands the way `npm run deploy` does. When the test finishes,
 * every bot is stopped and the emulator must have seen no request that Discord would refuse.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  // First, so that it is removed last, once the bots are stopped (clean-ups run in reverse).
  const storeUrl = options.storeUrl ?? (await testStoreUrl());
  const emulator = await startEmulator(options.emulatorOptions);
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
      DATABASE_URL: storeUrl,
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
      storeUrl,
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
