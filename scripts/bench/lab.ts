import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config';
import { commands } from '../../commands';
import { deployCommands } from '../../src/discord/deploy-commands';
import { startEmulator, type Emulator, type GuildFixture } from '../emulator';
import { BOT_BUNDLE, buildEntry } from '../build';
import { startSubject, type Subject } from './subject';

export type Who = 'tribune' | 'floor';
export const BOTH: readonly Who[] = ['tribune', 'floor'];

/** One subject on its own local Discord emulator, with its own SQLite file in a temp folder. */
export interface Lab {
  readonly who: Who;
  readonly emulator: Emulator;
  readonly subject: Subject;
  readonly folder: string;
  /** The SQLite file, or the PostgreSQL URL the lab was given. */
  readonly databasePath: string;
  /** The subject's environment, for more processes of the same fleet. */
  readonly env: Readonly<Record<string, string>>;
}

export interface LabOptions {
  /** Fills the SQLite file before the bot starts (Tribune only). */
  readonly seed?: (databasePath: string) => Promise<void>;
  /**
   * The emulator's servers (default: one). Commands are then registered globally, as
   * `npm run deploy` does for a fleet, rather than in the one server.
   */
  readonly guilds?: GuildFixture[];
  /** A PostgreSQL database instead of a new SQLite file. */
  readonly databaseUrl?: string;
  /** More settings (`SHARD_COUNT`, `SHARD_IDS`…). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Both run as plain JavaScript bundles, Tribune exactly as `npm start` runs it. */
const ENTRIES: Record<Who, { source: string; bundle: string }> = {
  tribune: { source: 'app/main.ts', bundle: BOT_BUNDLE },
  floor: { source: 'scripts/bench/floor.ts', bundle: 'dist/bench-floor.js' },
};

/** Starts Tribune on a copy of a seeded SQLite file (with its WAL), left as it is for the next. */
export function seededFrom(pristine: string): LabOptions {
  return {
    async seed(databasePath) {
      for (const suffix of ['', '-wal', '-shm']) {
        if (!existsSync(pristine + suffix)) continue;
        await copyFile(pristine + suffix, databasePath + suffix);
        // On disk before the bot starts, as a bot's own file is: else its first commit (SQLite
        // syncs the database before starting a new WAL) pays for flushing the fresh copy, some
        // 20 ms for 16 MB, and a command sent at ready measures the copy.
        const copy = await open(databasePath + suffix, 'r+');
        await copy.sync().finally(() => copy.close());
      }
    },
  };
}

/** Builds both bundles from the current sources; once, before any lab starts. */
export async function buildSubjects(): Promise<void> {
  for (const { source, bundle } of Object.values(ENTRIES)) await buildEntry(source, bundle);
}

export async function startLab(who: Who, options: LabOptions = {}): Promise<Lab> {
  const emulator = await startEmulator(
    options.guilds === undefined ? {} : { guilds: options.guilds },
  );
  const folder = await mkdtemp(join(tmpdir(), `tribune-bench-${who}-`));
  const databasePath = options.databaseUrl ?? join(folder, 'tribune.sqlite');
  try {
    const env = {
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      ...(options.guilds === undefined && { DISCORD_GUILD_ID: emulator.guildId }),
      DATABASE_URL: options.databaseUrl ?? `sqlite://${databasePath}`,
      // Production's default level: the bot pays for its logs as it would on a server.
      LOG_LEVEL: 'info',
      ...options.env,
    };
    await deployCommands(loadConfig(env), commands);
    if (who === 'tribune') await options.seed?.(databasePath);
    const subject = await startSubject(who, ENTRIES[who].bundle, env);
    return { who, emulator, subject, folder, databasePath, env };
  } catch (error) {
    await emulator.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Warnings and errors the subjects logged, over the whole run: each is a finding to read. */
export const problems: { who: Who; line: string }[] = [];

/** Stops the subject (cleanly: exit code 0), then the emulator; `keep` leaves the folder. */
export async function stopLab(lab: Lab, options: { keep?: boolean } = {}): Promise<void> {
  try {
    await lab.subject.stop().finally(() => {
      problems.push(...lab.subject.problems.map((line) => ({ who: lab.who, line })));
    });
    lab.emulator.assertNoViolations();
  } finally {
    await lab.emulator.close();
    if (options.keep !== true) await removeLab(lab);
  }
}

export function removeLab(lab: Lab): Promise<void> {
  return rm(lab.folder, { recursive: true, force: true });
}

/** Runs `work` with a Tribune lab and a floor lab, and always stops both. */
export async function withLabs<T>(
  work: (labs: Record<Who, Lab>) => Promise<T>,
  options: { keepTribune?: boolean } = {},
): Promise<T> {
  const labs = { tribune: await startLab('tribune'), floor: await startLab('floor') };
  try {
    return await work(labs);
  } finally {
    await Promise.all([
      stopLab(labs.tribune, { keep: options.keepTribune === true }),
      stopLab(labs.floor),
    ]);
  }
}

/** Alternates who goes first from one round to the next, so neither always runs on a warmer machine. */
export function orderOf(round: number): readonly Who[] {
  return round % 2 === 0 ? ['floor', 'tribune'] : ['tribune', 'floor'];
}
