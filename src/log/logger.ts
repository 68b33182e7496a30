import { pino, stdSerializers, type Logger, type LevelWithSilent } from 'pino';
import { prettyLine } from './pretty';
import { createRedactor } from './redact';

export type { Logger };

/**
 * Structured JSON logs. Every line passes through the redactor on its way out (before any
 * pretty-printing), so no code path (an error stack, a discord.js request URL) can print the token.
 */
export function createLogger(options: {
  level: LevelWithSilent;
  secrets: readonly string[];
  /** JSON lines (default), or `pretty` text for a person reading them (see `prettyLine`). */
  format?: 'json' | 'pretty';
  write?: (line: string) => void;
}): Logger {
  const redact = createRedactor(options.secrets);
  const out = options.write ?? ((line: string) => process.stdout.write(line));
  const write = options.format === 'pretty' ? (line: string) => out(prettyLine(line)) : out;
  return pino(
    {
      level: options.level,
      base: { app: 'tribune' },
      redact: { paths: ['token', '*.token', 'headers.authorization'], censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    { write: (line: string) => write(redact(line)) },
  );
}

/**
 * discord.js errors carry the refused request's body (`requestBody`): members' messages, a CSV of
 * voter ids. The logs keep the error, the route and the status, never what members wrote.
 */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { requestBody: _requestBody, ...rest } = stdSerializers.err(error) as Record<
    string,
    unknown
  >;
  return rest;
}
