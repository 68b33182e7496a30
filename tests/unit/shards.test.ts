import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../../src/config/config';
import { loadConfig } from '../../src/config/config';
import { ownsGuild, parseShardIds, shardOf } from '../../src/shards/shards';
import { networkFilesystemOf, sqliteSharingProblem } from '../../src/store/sqlite-sharing';

const TOKEN = 'a-bot-token-of-at-least-twenty-characters';

describe('shards', () => {
  it('routes a server as Discord does: (guild_id >> 22) % shard_count', () => {
    // 2^22 × 5 + anything below 2^22 → 5 before the modulo.
    const guild = String((5n << 22n) + 12345n);
    expect(shardOf(guild, 1)).toBe(0);
    expect(shardOf(guild, 2)).toBe(1);
    expect(shardOf(guild, 3)).toBe(2);
    expect(ownsGuild({ count: 2, ids: [1] }, guild)).toBe(true);
    expect(ownsGuild({ count: 2, ids: [0] }, guild)).toBe(false);
  });

  it.each([
    ['0', [0]],
    ['0,2', [0, 2]],
    ['0-3', [0, 1, 2, 3]],
    [' 4, 0-1 ,1', [0, 1, 4]],
  ])('reads SHARD_IDS %j', (text, ids) => {
    expect(parseShardIds(text)).toEqual(ids);
  });

  it.each(['', 'a', '1-', '3-1', '-1', '0,,1', '0-99999'])('refuses SHARD_IDS %j', (text) => {
    expect(parseShardIds(text)).toBeUndefined();
  });

  it('configures shards: a count or auto, and ids within the count', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN })).toMatchObject({ SHARD_COUNT: 1 });
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: 'auto' })).toMatchObject({
      SHARD_COUNT: 'auto',
    });
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '4', SHARD_IDS: '1,3' })).toMatchObject({
      SHARD_COUNT: 4,
      SHARD_IDS: [1, 3],
    });
    const problems = (environment: Record<string, string>) => {
      try {
        loadConfig({ DISCORD_TOKEN: TOKEN, ...environment });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ SHARD_COUNT: '2', SHARD_IDS: '2' })).toEqual([
      'SHARD_IDS: must be shards of SHARD_COUNT=2: 0 to 1',
    ]);
    expect(problems({ SHARD_COUNT: 'many' })[0]).toMatch(/^SHARD_COUNT: must be a number/);
    expect(problems({ SHARD_IDS: 'first' })[0]).toMatch(/^SHARD_IDS: must list the shards/);
  });
});

describe('a SQLite store and a fleet', () => {
  it('refuses a network filesystem when other processes run the other shards; warns for one process', () => {
    expect(sqliteSharingProblem('/srv/tribune.sqlite', undefined, true)).toBeUndefined();
    expect(sqliteSharingProblem('/mnt/nas/tribune.sqlite', 'NFS', true)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('Use PostgreSQL') as unknown,
    });
    expect(sqliteSharingProblem('/mnt/nas/tribune.sqlite', 'NFS', false)?.level).toBe('warn');
  });

  it('sees no network filesystem under a temporary folder', async () => {
    expect(await networkFilesystemOf(join(tmpdir(), 'tribune.sqlite'))).toBeUndefined();
  });
});
