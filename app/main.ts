import { existsSync } from 'node:fs';
import { createBot } from './bot';
import { loadConfig } from '../src/config/config';
import { describeStartupError } from '../src/describe-startup-error';
import { createLogger } from '../src/log/logger';
import { createRedactor } from '../src/log/redact';

/** `npm start`: reads `.env` if present, validates the configuration, runs the bot until a signal. */
async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled rejection'),
  );

  const bot = await createBot({ config, logger });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await bot.start();
}

main().catch((error: unknown) => {
  const redact = createRedactor([process.env.DISCORD_TOKEN ?? '']);
  process.stderr.write(redact(`Tribune could not start.\n${describeStartupError(error)}\n`));
  process.exit(1);
});
