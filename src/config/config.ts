import { z } from 'zod';
import { LOCALES } from '../i18n/locale';
import { parseShardIds } from '../shards/shards';
import { isValidTimeZone } from '../time/time-zone';

/** Relative to the project root (see `withProjectPaths`). */
export const DEFAULT_DATABASE_URL = 'sqlite://data/tribune.sqlite';
export const DEFAULT_CONTENT_DIR = 'content';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Each key with how to fix it: the start-up error lists every bad key at once. */
const configSchema = z.object({
  DISCORD_TOKEN: z
    .string({
      error: 'missing: the bot token from the Discord developer portal (Bot → Reset Token)',
    })
    .regex(
      /^\S{20,}$/,
      'must be the bot token from the Discord developer portal (Bot → Reset Token)',
    ),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'must be a server id (right-click the server → Copy Server ID)')
    .optional(),
  DISCORD_API_URL: z
    .url({ error: 'must be a URL such as http://127.0.0.1:8787/api (or leave it unset)' })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite|postgres|postgresql):\/\/.+/,
      'must look like sqlite://data/tribune.sqlite or postgres://user:password@host:5432/tribune',
    )
    .default(DEFAULT_DATABASE_URL),
  CONTENT_DIR: z.string().min(1).default(DEFAULT_CONTENT_DIR),
  DEFAULT_LOCALE: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` }).default('fr'),
  DEFAULT_TIMEZONE: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')
    .default('Europe/Paris'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  LOG_FORMAT: z
    .enum(['json', 'pretty'], { error: 'must be json (one JSON object a line) or pretty' })
    .default('json'),
  READING_GRACE_HOURS: z.coerce
    .number({ error: 'must be a number of hours, such as 12' })
    .min(0, 'must be 0 or more hours')
    .max(167, 'must be under a week (167 hours at most)')
    .default(12),
  POLL_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters (for example the output of `openssl rand -hex 32`)')
    .optional(),
  SOURCE_URL: z
    .url({ error: 'must be the URL of this bot’s source code, such as https://…/tribune' })
    .optional(),
  SHARD_COUNT: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(100_000)], {
      error: 'must be a number of shards, such as 2, or auto (what Discord recommends)',
    })
    .default(1),
  SHARD_IDS: z
    .string()
    .transform((text, context) => {
      const ids = parseShardIds(text);
      if (ids === undefined) {
        context.addIssue({
          code: 'custom',
          message: 'must list the shards this process runs, such as 0,2 or 0-3',
        });
        return z.NEVER;
      }
      return ids;
    })
    .optional(),
  POLL_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days, such as 90' })
    .int('must be a whole number of days, such as 90')
    .min(1, 'must be at least 1 day')
    .max(3650, 'must be at most 3650 days')
    .default(90),
});

export type Config = z.infer<typeof configSchema>;

const checkedSchema = configSchema.superRefine((config, context) => {
  const { SHARD_COUNT: count, SHARD_IDS: ids } = config;
  if (typeof count === 'number' && ids?.some((id) => id >= count)) {
    context.addIssue({
      code: 'custom',
      path: ['SHARD_IDS'],
      message: `must be shards of SHARD_COUNT=${count}: 0 to ${count - 1}`,
    });
  }
});

/** Thrown when the environment is not usable; its message lists every bad key and how to fix it. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\nSee .env.example and README.md.`,
    );
    this.name = 'ConfigError';
  }
}

/** Validates the environment once, at start. Empty values count as unset. */
export function loadConfig(environment: NodeJS.ProcessEnv): Config {
  const values = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const result = checkedSchema.safeParse(values);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  );
}
