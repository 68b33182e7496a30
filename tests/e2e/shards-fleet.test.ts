import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDS,
  SHARD_ONE_IDS,
  twoShardGuilds,
  type Emulator,
  type GuildFixture,
} from '../../scripts/emulator';
import type { BotProcess } from '../support/bot-process';
import {
  confirmed,
  countsOf,
  createNumberedPoll,
  shownResults,
  startFleet,
  voteBurst,
  type Click,
} from '../support/fault-fleet';
import { storedVotes } from '../support/polls';
import { usePostgres } from '../support/postgres';
import { prompts } from '../support/reading';

const OPTIONS = 3;
const VOTES_PER_SERVER = 200;

/** Each server of the fleet, one per shard of two; polls go in another channel than prompts. */
const SERVERS = [
  {
    shard: 0,
    guildId: DEFAULT_IDS.guild,
    channelId: DEFAULT_IDS.clubChannel,
    pollChannelId: DEFAULT_IDS.generalChannel,
    organiser: DEFAULT_IDS.moderator,
  },
  {
    shard: 1,
    guildId: SHARD_ONE_IDS.guild,
    channelId: SHARD_ONE_IDS.channel,
    pollChannelId: '1300000000000008302',
    organiser: SHARD_ONE_IDS.owner,
  },
] as const;
type Server = (typeof SERVERS)[number];

/** `twoShardGuilds()`, with a channel for polls in the second server. */
function guilds(): GuildFixture[] {
  const [first, second] = twoShardGuilds();
  if (first === undefined || second === undefined) throw new Error('two guilds expected');
  const pollChannel = { id: SERVERS[1].pollChannelId, name: 'sondages', type: 0, position: 2 };
  return [first, { ...second, channels: [...(second.channels ?? []), pollChannel] }];
}

const postgres = usePostgres();

/** The English weekday and the UTC "HH:MM" of the first minute at least `marginMs` away. */
function nextMinute(marginMs: number): { weekday: string; time: string; at: number } {
  const at = Math.ceil((Date.now() + marginMs) / 60_000) * 60_000;
  const date = new Date(at);
  const weekday = date.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
  const time = date.toISOString().slice(11, 16);
  return { weekday, time, at };
}

async function sectionAnswers(emulator: Emulator, server: Server): Promise<string> {
  const reply = await emulator
    .slashCommand({
      name: 'section',
      options: { section: '2' },
      guildId: server.guildId,
      channelId: server.channelId,
    })
    .reply(10_000);
  return emulator.text(reply);
}

function postedBy(bot: BotProcess): unknown[] {
  return bot
    .logs()
    .filter((line) => line.msg === 'reading prompt posted')
    .map((line) => line.planId);
}

async function expectEveryConfirmedVoteStored(
  storeUrl: string,
  pollId: string,
  clicks: readonly Click[],
): Promise<Map<string, number[]>> {
  const stored = await storedVotes(storeUrl, pollId);
  for (const click of confirmed(clicks)) expect(stored.get(click.memberId)).toEqual([click.option]);
  return stored;
}

/**
 * A fleet as the README describes it: `SHARD_COUNT=2`, one process per shard (`SHARD_IDS=0`,
 * `SHARD_IDS=1`), one PostgreSQL, a server on each shard. Discord delivers a server's interactions
 * to its shard's sessions only; background work (prompts) is done by the process owning the server.
 */
describe('two processes, one shard each, on one PostgreSQL', () => {
  it('answer in both servers, count every vote once, post each prompt once by its owner, survive kill -9', async () => {
    const storeUrl = await postgres.databaseUrl();
    const { emulator, spawn } = await startFleet({
      storeUrl,
      emulatorOptions: { guilds: guilds() },
    });
    const shardProcess = (ids: string) => spawn({ SHARD_COUNT: '2', SHARD_IDS: ids });
    const shardZero = await shardProcess('0');
    const shardOne = await shardProcess('1');
    await emulator.waitForSessions(2);

    for (const server of SERVERS) {
      expect(await sectionAnswers(emulator, server)).toContain('§2');
    }

    // A plan in each server, due at the next minute (organisers type minutes, not seconds).
    const due = nextMinute(8_000);
    for (const server of SERVERS) {
      const answer = await emulator
        .slashCommand({
          name: 'reading',
          subcommand: 'start',
          options: {
            channel: server.channelId,
            weekday: due.weekday,
            time: due.time,
            timezone: 'UTC',
            thread: false,
          },
          guildId: server.guildId,
          channelId: server.channelId,
          user: server.organiser,
        })
        .reply(10_000);
      expect(answer.content).toMatch(/^Plan de lecture créé/);
    }

    // A poll per server, and a burst of votes in both at once while the prompts come due.
    const servers = await Promise.all(
      SERVERS.map(async (server) => {
        const poll = await createNumberedPoll(emulator, `Serveur ${server.shard} ?`, OPTIONS, {
          guildId: server.guildId,
          channelId: server.pollChannelId,
        });
        return { server, poll };
      }),
    );
    const bursts = servers.map(({ server, poll }) => ({
      server,
      poll,
      clicks: voteBurst(emulator, poll, VOTES_PER_SERVER, OPTIONS, server.guildId),
    }));
    await Promise.all(
      bursts.flatMap(({ clicks }) => clicks.map((click) => click.handle.reply(20_000))),
    );
    for (const { server, poll, clicks } of bursts) {
      expect(confirmed(clicks)).toHaveLength(VOTES_PER_SERVER);
      const stored = await expectEveryConfirmedVoteStored(storeUrl, poll.pollId, clicks);
      expect(stored.size).toBe(VOTES_PER_SERVER);
      const where = { guildId: server.guildId, channelId: server.pollChannelId };
      expect(await shownResults(emulator, poll.pollId, where)).toEqual({
        voters: VOTES_PER_SERVER,
        counts: countsOf(stored, OPTIONS),
      });
    }

    // Each prompt once, in its server, by the process of its shard.
    await emulator.waitFor(
      () => SERVERS.every((server) => prompts(emulator, server.channelId).length >= 1),
      Math.max(0, due.at - Date.now()) + 15_000,
      'a prompt in each server',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const server of SERVERS) expect(prompts(emulator, server.channelId)).toHaveLength(1);
    expect(postedBy(shardZero)).toHaveLength(1);
    expect(postedBy(shardOne)).toHaveLength(1);
    expect(postedBy(shardZero)).not.toEqual(postedBy(shardOne));

    // A rolling restart of shard 0: a new process joins, the old one is killed (-9) mid-burst.
    // Every vote a member was told about is stored.
    const newShardZero = await shardProcess('0');
    await emulator.waitForSessions(3);
    const [firstServer] = servers;
    if (firstServer === undefined) throw new Error('no server');
    const { server: first, poll: firstPoll } = firstServer;
    const late = voteBurst(emulator, firstPoll, VOTES_PER_SERVER, OPTIONS, first.guildId);
    await emulator.waitFor(() => confirmed(late).length >= 20, 20_000, '20 confirmed votes');
    shardZero.child.kill('SIGKILL');
    await shardZero.exited;
    await Promise.allSettled(late.map((click) => click.handle.reply(20_000)));
    const afterKill = await expectEveryConfirmedVoteStored(storeUrl, firstPoll.pollId, late);
    expect(afterKill.size).toBeGreaterThanOrEqual(VOTES_PER_SERVER + confirmed(late).length);
    // Those the killed process had taken go unanswered (members click again); from now on the
    // new process answers every one.
    const after = voteBurst(emulator, firstPoll, 50, OPTIONS, first.guildId);
    await Promise.all(after.map((click) => click.handle.reply(20_000)));
    expect(confirmed(after)).toHaveLength(50);
    await expectEveryConfirmedVoteStored(storeUrl, firstPoll.pollId, after);
    for (const bot of [shardOne, newShardZero]) {
      expect(bot.logs().filter((line) => Number(line.level) >= 50)).toEqual([]);
    }
  }, 150_000);

  it('one process running both shards answers in both servers', async () => {
    const storeUrl = await postgres.databaseUrl();
    const { emulator, spawn } = await startFleet({
      storeUrl,
      emulatorOptions: { guilds: guilds() },
    });
    await spawn({ SHARD_COUNT: '2' });
    await emulator.waitForSessions(2);
    for (const server of SERVERS) {
      expect(await sectionAnswers(emulator, server)).toContain('§2');
    }
  }, 60_000);
});
