import { pino, type Logger, type LevelWithSilent } from 'pino';
import { createRedactor } from './redact';

export type { Logger };

/**
 * Structured JSON logs. Every line passes through the redactor on its way out, so no code path
 * (an error stack, a discord.js request URL) can print the token.
 */
export function createLogger(options: {
  level: LevelWithSilent;
  secrets: readonly string[];
  write?: (line: string) => void;
}): Logger {
  const redact = createRedactor(options.secrets);
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  return pino(
    {
      level: options.level,
      base: { app: 'tribune' },
      redact: { paths: ['token', '*.token', 'headers.authorization'], censor: '[redacted]' },
    },
    { write: (line: string) => write(redact(line)) },
  );
}
