import { join } from 'node:path';
import { freshPostgresDatabase } from './postgres';
import { tempDir } from './temp-dir';

/**
 * Which store the bots of end-to-end tests run on: SQLite by default, PostgreSQL in the
 * `postgres` test project (`vitest.config.ts`), which runs the feature tests a second time.
 */
export const TEST_STORE = process.env.TRIBUNE_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** A new, empty store for one test, removed when it finishes. */
export async function testStoreUrl(): Promise<string> {
  return TEST_STORE === 'postgres'
    ? freshPostgresDatabase()
    : `sqlite://${join(await tempDir(), 'tribune.sqlite')}`;
}
