import { createBot } from './bot';
import { loadConfig } from '../src/config/config';
import { readEnvironment } from '../src/config/project-paths';
import { secretsIn, startupFailureText } from '../src/describe-startup-error';
import { createLogger } from '../src/log/logger';

/**
 * `npm start`: reads `.env` from Tribune's folder if present, validates the configuration, runs the
 * bot until a signal. Relative paths start from Tribune's folder, not the current directory.
 */
async function main(environment: NodeJS.ProcessEnv) {
  const config = loadConfig(environment);
  const logger = createLogger({
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    secrets: secretsIn(environment),
  });
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

let environment: NodeJS.ProcessEnv = process.env;
try {
  environment = readEnvironment();
  await main(environment);
} catch (error) {
  process.stderr.write(startupFailureText('Tribune could not start', error, environment));
  process.exit(1);
}
