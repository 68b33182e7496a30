import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log/logger';
import { createRedactor } from '../../src/log/redact';

const TOKEN = 'MTAxMDEwMTAxMDEwMTAxMDEw.GhIjKl.abcdefghijklmnopqrstuvwxyz012345';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN })).toMatchObject({
      DISCORD_TOKEN: TOKEN,
      DATABASE_URL: 'sqlite://data/tribune.sqlite',
      CONTENT_DIR: 'content',
      DEFAULT_LOCALE: 'fr',
      DEFAULT_TIMEZONE: 'Europe/Paris',
      LOG_LEVEL: 'info',
      READING_GRACE_HOURS: 12,
    });
  });

  it('treats empty values as unset', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: '' }).DISCORD_GUILD_ID,
    ).toBeUndefined();
  });

  it('lists every bad key at once, with how to fix it', () => {
    try {
      loadConfig({
        DISCORD_GUILD_ID: 'mon-serveur',
        DISCORD_API_URL: 'pas une url',
        DEFAULT_LOCALE: 'de',
        DEFAULT_TIMEZONE: 'Europe/Lutece',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const key of [
        'DISCORD_TOKEN: missing',
        'DISCORD_GUILD_ID',
        'DISCORD_API_URL',
        'DEFAULT_LOCALE',
        'DEFAULT_TIMEZONE: must be an IANA time zone',
        'LOG_LEVEL',
        'DATABASE_URL',
      ]) {
        expect(problems).toContain(key);
      }
      expect((error as Error).message).toContain('.env.example');
    }
  });
});

describe('createRedactor', () => {
  const redact = createRedactor([TOKEN]);

  it('removes the bot token wherever it appears', () => {
    expect(redact(`{"msg":"login with ${TOKEN}"}`)).toBe('{"msg":"login with [redacted]"}');
  });

  it('removes interaction and webhook tokens from request URLs', () => {
    expect(
      redact(
        'POST /api/v10/interactions/123456789/aW50ZXJhY3Rpb246MTIz%3Aabc/callback and ' +
          'PATCH https://discord.com/api/v10/webhooks/42/aW50ZXJhY3Rpb24.xyz/messages/@original',
      ),
    ).toBe(
      'POST /api/v10/interactions/123456789/[redacted]/callback and ' +
        'PATCH https://discord.com/api/v10/webhooks/42/[redacted]/messages/@original',
    );
  });
});

describe('createLogger', () => {
  it('logs a refused request’s route and status, but not its body (members’ words)', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      secrets: [TOKEN],
      write: (line) => lines.push(line),
    });
    const error = Object.assign(new Error('Invalid Form Body'), {
      status: 400,
      url: 'https://discord.com/api/v10/channels/1/messages',
      requestBody: { json: { content: 'Mon vote secret' }, files: [] },
    });
    logger.error({ err: error }, 'could not send');
    const [line] = lines;
    expect(line).toContain('Invalid Form Body');
    expect(line).toContain('"status":400');
    expect(line).not.toContain('Mon vote secret');
    expect(line).not.toContain('requestBody');
  });
});
