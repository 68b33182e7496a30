import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { describeStartupError } from '../src/describe-startup-error';
import { copyStore, TargetNotEmptyError } from '../src/store/copy-store';
import { openStore } from '../src/store/open-store';

const USAGE = `Usage: npm run migrate -- --from <store URL> --to <store URL> [--force]
  e.g. --from sqlite://data/tribune.sqlite --to postgres://tribune:secret@db.example:5432/tribune
  --force  also into a store that already holds data (records already there are kept as they are)`;

/**
 * `npm run migrate`: copies a store into another (every poll, vote, reading plan and occurrence;
 * interaction claims are not needed), checks that every record arrived, and says how many. Stop
 * the bot first, or point it at the new store only once this has finished.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  if (values.from === undefined || values.to === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const logger = pino({ level: 'warn' });
  const from = await openStore({ url: values.from, logger });
  try {
    const to = await openStore({ url: values.to, logger });
    try {
      const report = await copyStore(from, to, { force: values.force });
      process.stdout.write(
        `Copied ${report.copied} of ${report.records} records (${report.alreadyThere} already there); every record is in the target.\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof TargetNotEmptyError)) throw error;
      process.stderr.write(
        `The target already holds ${error.records} records: nothing was copied. Add --force to copy into it anyway (records already there are kept).\n`,
      );
      return 1;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Migration failed.\n${describeStartupError(error)}\n`);
    process.exit(1);
  },
);
