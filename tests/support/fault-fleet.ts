import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { commands } from '../../commands';
import { loadConfig } from '../../src/config/config';
import { deployCommands } from '../../src/discord/deploy-commands';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type InteractionHandle,
  type StoredMessage,
} from '../../scripts/emulator';
import { spawnBot, type BotProcess } from './bot-process';
import { createPoll, type CreatedPoll, vote } from './polls';
import { tempDir } from './temp-dir';

/**
 * For fault tests with bots in their own processes (`npm start`): one emulator with Tribune's
 * commands registered (as `npm run deploy` does), one SQLite file, and as many bot processes on
 * them as a test starts. When the test finishes, every process still running is killed and the
 * emulator must have seen no request that Discord would refuse.
 */
export interface Fleet {
  readonly emulator: Emulator;
  /** The SQLite file, or PostgreSQL's URL when the fleet was started on one. */
  readonly databasePath: string;
  /** Starts one more bot process on the emulator and the store, and waits until it is ready. */
  readonly spawn: (env?: Readonly<Record<string, string>>) => Promise<BotProcess>;
}

export interface FleetOptions {
  /** A PostgreSQL URL every process shares; default: a new SQLite file. */
  readonly storeUrl?: string;
  /** Several servers: commands are then registered globally (`npm run deploy` without a server). */
  readonly emulatorOptions?: EmulatorOptions;
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const emulator = await startEmulator(options.emulatorOptions);
  // Registered first, so it runs after `spawnBot`'s own clean-up has killed its process.
  onTestFinished(async () => {
    try {
      emulator.assertNoViolations();
    } finally {
      await emulator.close();
    }
  });
  await deployCommands(
    loadConfig({
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      ...(options.emulatorOptions?.guilds === undefined && { DISCORD_GUILD_ID: emulator.guildId }),
    }),
    commands,
  );
  const databasePath = options.storeUrl ?? join(await tempDir(), 'tribune.sqlite');
  const storeEnv = options.storeUrl === undefined ? {} : { DATABASE_URL: options.storeUrl };
  return {
    emulator,
    databasePath,
    spawn: async (env) => {
      const bot = spawnBot({
        emulator,
        ...(options.storeUrl === undefined && { databasePath }),
        env: { ...storeEnv, ...env },
      });
      await bot.ready();
      return bot;
    },
  };
}

/** One member's click on an option, as sent. */
export interface Click {
  readonly memberId: string;
  readonly option: number;
  readonly handle: InteractionHandle<StoredMessage>;
}

/** A click by each member, on option `index % options`, all sent at once. */
export function voteBurst(
  emulator: Emulator,
  poll: CreatedPoll,
  memberCount: number,
  options: number,
  guildId?: string,
): Click[] {
  const members = emulator.createMembers(memberCount, guildId === undefined ? {} : { guildId });
  return members.map((member, index) => ({
    memberId: member.id,
    option: index % options,
    handle: vote(emulator, poll, index % options, member),
  }));
}

const CONFIRMATION = /^(Votre vote :|Your vote:) /;

/**
 * Whether the member was told their vote counts: the answer they see (a type-4 reply, or the
 * deferred answer edited in) says "Your vote: …". Read from the emulator, i.e. what Discord
 * received, not from the bot's logs.
 */
export function isConfirmed(click: Click): boolean {
  const answer = click.handle.original();
  return answer !== undefined && CONFIRMATION.test(answer.content);
}

export function confirmed(clicks: readonly Click[]): Click[] {
  return clicks.filter(isConfirmed);
}

/** What `/poll results` shows: voters, and the count of each option, read from its embed. */
export async function shownResults(
  emulator: Emulator,
  pollId: string,
  where: { guildId?: string; channelId?: string } = {},
): Promise<{ voters: number; counts: number[] }> {
  const reply = await emulator
    .slashCommand({ name: 'poll', subcommand: 'results', options: { poll: pollId }, ...where })
    .reply(10_000);
  const [embed] = reply.embeds;
  const voters = /👥 (\d+) votants?/.exec(embed?.description ?? '')?.[1];
  if (embed === undefined || voters === undefined) {
    throw new Error(`not poll results: ${emulator.text(reply)}`);
  }
  return {
    voters: Number(voters),
    counts: (embed.fields ?? []).map((field) => Number(/\*\*(\d+)\*\*/.exec(field.value)?.[1])),
  };
}

/** How many stored votes chose each option (single choice: one option per voter). */
export function countsOf(votes: ReadonlyMap<string, readonly number[]>, options: number): number[] {
  const counts = Array.from({ length: options }, () => 0);
  for (const choices of votes.values()) {
    for (const choice of choices) counts[choice] = (counts[choice] ?? 0) + 1;
  }
  return counts;
}

/** `/poll create` with `count` options named 1…count. */
export function createNumberedPoll(
  emulator: Emulator,
  question: string,
  count: number,
  where: { guildId?: string; channelId?: string } = {},
): Promise<CreatedPoll> {
  return createPoll(
    emulator,
    {
      question,
      options: Array.from({ length: count }, (_, index) => `Option ${index + 1}`).join(';'),
    },
    where,
  );
}
