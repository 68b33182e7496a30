import { build } from 'esbuild';

/**
 * `npm run build` (run by `npm start` first): bundles the bot into `dist/main.js` with esbuild,
 * dependencies left in node_modules. Running plain JavaScript rather than TypeScript through a
 * loader starts faster and keeps ~30 MiB of transform caches and source maps out of memory.
 * Nothing is minified: stack traces in the logs stay readable.
 */
export async function buildEntry(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
}

export const BOT_BUNDLE = 'dist/main.js';

if (process.argv[1]?.endsWith('build.ts')) {
  await buildEntry('app/main.ts', BOT_BUNDLE);
}
