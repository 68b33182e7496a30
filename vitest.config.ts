import { defineConfig } from 'vitest/config';

const timeouts = { testTimeout: 30_000, hookTimeout: 30_000 };

/** The feature tests that store things, run a second time with their bots on PostgreSQL. */
const ON_BOTH_STORES = [
  'tests/e2e/poll-*.test.ts',
  'tests/e2e/privacy.test.ts',
  'tests/e2e/proposals.test.ts',
  'tests/e2e/reading-*.test.ts',
  'tests/e2e/texts-*.test.ts',
];
/** Those that take SQLite's write lock themselves (PostgreSQL's faults have their own tests). */
const SQLITE_ONLY = ['tests/e2e/poll-durability.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'sqlite',
          include: ['tests/**/*.test.ts'],
          globalSetup: ['tests/support/build-bundle.ts'],
          ...timeouts,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ON_BOTH_STORES,
          exclude: SQLITE_ONLY,
          env: { TRIBUNE_TEST_STORE: 'postgres' },
          setupFiles: ['tests/support/postgres-project-setup.ts'],
          ...timeouts,
        },
      },
    ],
  },
});
