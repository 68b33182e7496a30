import { describe, expect, it } from 'vitest';
import { describeStartupError, secretsIn } from '../../src/describe-startup-error';

/** A Node system error as fs, dns and net make them. */
const systemError = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

/**
 * The causes end-to-end tests cannot reproduce here (they run as root, with no network): the same
 * error objects Node gives elsewhere. The others are in tests/e2e/host-errors.test.ts.
 */
describe('describeStartupError', () => {
  const sqlite = { DATABASE_URL: 'sqlite:///srv/tribune/data/tribune.sqlite' };

  it('a database folder the user may not create', () => {
    const error = systemError("EACCES: permission denied, mkdir '/srv/tribune/data'", {
      code: 'EACCES',
      syscall: 'mkdir',
      path: '/srv/tribune/data',
    });
    expect(describeStartupError(error, sqlite)).toBe(
      'cannot create the database folder /srv/tribune/data (permission denied). Create it and let the user running Tribune write there, or set DATABASE_URL to another place.',
    );
  });

  it('a read-only database file', () => {
    const error = systemError('SQLITE_READONLY: attempt to write a readonly database', {
      code: 'SQLITE_READONLY',
    });
    expect(describeStartupError(error, sqlite)).toMatch(
      /^SQLite database \/srv\/tribune\/data\/tribune\.sqlite: it is read-only \(SQLITE_READONLY\)/,
    );
  });

  it('no DNS answer for discord.com', () => {
    const error = systemError('getaddrinfo EAI_AGAIN discord.com', {
      code: 'EAI_AGAIN',
      syscall: 'getaddrinfo',
      hostname: 'discord.com',
    });
    expect(describeStartupError(error, sqlite)).toMatch(
      /^cannot reach Discord at discord\.com:443 \(host name lookup failed\)\. Check this machine's network/,
    );
  });

  it('no answer from Discord at all (discord.js gives up on the request)', () => {
    const error = new DOMException('This operation was aborted', 'AbortError');
    expect(describeStartupError(error, sqlite)).toMatch(
      /^cannot reach Discord at discord\.com:443 \(no answer in time\)\. Check this machine's network/,
    );
  });

  it('PostgreSQL on localhost refusing both addresses (an AggregateError)', () => {
    const refused = (address: string) =>
      systemError(`connect ECONNREFUSED ${address}:5432`, {
        code: 'ECONNREFUSED',
        address,
        port: 5432,
      });
    const error = new AggregateError([refused('::1'), refused('127.0.0.1')]);
    expect(
      describeStartupError(error, { DATABASE_URL: 'postgres://tribune:pw@localhost/tribune' }),
    ).toBe(
      'PostgreSQL at localhost:5432, database "tribune": server unreachable (connection refused): check that PostgreSQL is running there and that DATABASE_URL names the right host and port.',
    );
  });

  it('an unreadable text file', () => {
    const error = systemError("EACCES: permission denied, open '/opt/tribune/content/a.md'", {
      code: 'EACCES',
      syscall: 'open',
      path: '/opt/tribune/content/a.md',
    });
    expect(describeStartupError(error, sqlite)).toMatch(
      /^cannot read \/opt\/tribune\/content\/a\.md \(permission denied\)\. Give the user running Tribune access/,
    );
  });

  it('anything else is a bug: its stack', () => {
    const error = new TypeError('x is not a function');
    expect(describeStartupError(error, sqlite)).toBe(error.stack);
  });
});

describe('secretsIn', () => {
  it('lists the token, the poll secret and the database password, raw and decoded', () => {
    expect(
      secretsIn({
        DISCORD_TOKEN: 'token-token-token',
        POLL_SECRET: 'poll-secret-0123456789',
        DATABASE_URL: 'postgres://tribune:p%40ss@db/tribune',
      }),
    ).toEqual(['token-token-token', 'poll-secret-0123456789', 'p%40ss', 'p@ss']);
  });
});
