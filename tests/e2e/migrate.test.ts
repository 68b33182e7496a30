import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { createPoll, vote } from '../support/polls';
import { usePostgres } from '../support/postgres';
import { planSecondsAhead } from '../support/reading';
import { dataRows } from '../support/store-rows';
import { tempDir } from '../support/temp-dir';

const postgres = usePostgres();
const run = promisify(execFile);

/** `npm run migrate -- …`, as a host runs it. */
async function migrate(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'app/migrate.ts', ...args],
      { env: { PATH: process.env.PATH } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** A store's data as key → value, values parsed (the two backends may space JSON differently). */
async function contents(store: string) {
  return new Map(
    (await dataRows(store)).map((row) => [row.key, JSON.parse(row.value) as unknown] as const),
  );
}

describe('npm run migrate', () => {
  it('copies a SQLite store to PostgreSQL, checks it, is safe to run twice, and the bot goes on there', async () => {
    const sqlite = `sqlite://${join(await tempDir(), 'tribune.sqlite')}`;
    const testBot = await startTestBot({ storeUrl: sqlite });
    const { emulator } = testBot;
    const poll = await createPoll(emulator, { question: 'On déménage ?', options: 'Oui;Non' });
    for (const [index, member] of emulator.createMembers(12).entries()) {
      await vote(emulator, poll, index % 2, member).reply();
    }
    await planSecondsAhead(testBot, 3600);
    await testBot.stop();

    const target = await postgres.databaseUrl();
    const first = await migrate('--from', sqlite, '--to', target);
    const records = (await contents(sqlite)).size;
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toBe(
      `Copied ${records} of ${records} records (0 already there); every record is in the target.\n`,
    );
    expect(await contents(target)).toEqual(await contents(sqlite));

    const again = await migrate('--from', sqlite, '--to', target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      `The target already holds ${records} records: nothing was copied.`,
    );
    const forced = await migrate('--from', sqlite, '--to', target, '--force');
    expect(forced.stdout).toContain(`Copied 0 of ${records} records (${records} already there)`);
    expect(await contents(target)).toEqual(await contents(sqlite));

    // The same circle, on PostgreSQL: its poll, its votes and its plan.
    const moved = await startTestBot({ storeUrl: target });
    const results = await moved.emulator
      .slashCommand({ name: 'poll', subcommand: 'results', options: { poll: poll.pollId } })
      .reply();
    expect(moved.emulator.text(results)).toContain('👥 12 votants');
    expect(await moved.bot.services.readings.plansOfGuild(DEFAULT_IDS.guild)).toHaveLength(1);
  }, 60_000);

  it('says how to use it when the stores are missing', async () => {
    const result = await migrate('--from', 'sqlite://x.sqlite');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Usage: npm run migrate -- --from <store URL> --to <store URL>',
    );
  });
});
