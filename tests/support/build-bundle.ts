import { buildAll } from '../../scripts/build';

/**
 * Vitest global setup: tests that run the bot or a script in its own process (`spawnBot`,
 * `runBundle`) run it exactly as `npm start` and the other npm scripts do, from fresh bundles in
 * `dist/`.
 */
export default async function setup(): Promise<void> {
  await buildAll();
}
