import { BOT_BUNDLE, buildEntry } from '../../scripts/build';

/**
 * Vitest global setup: tests that run the bot in its own process (`spawnBot`) run it exactly as
 * `npm start` does, from a fresh `dist/main.js`.
 */
export default async function setup(): Promise<void> {
  await buildEntry('app/main.ts', BOT_BUNDLE);
}
