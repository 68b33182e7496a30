import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build` (run once by `npm ci`, through `prepare`): bundles each entry point into
 * `dist/`, dependencies left in node_modules, so that `npm start`, `npm run deploy`, `npm run migrate`, the demo, the
 * backup and the content check run plain `node`, with no TypeScript tooling installed and nothing written at start.
 * Plain JavaScript also starts faster than TypeScript through a loader and keeps ~30 MiB of
 * transform caches and source maps out of memory. Nothing is minified: stack traces stay readable.
 *
 * package.json runs this file through esbuild itself (`dist/build.mjs`), since a production
 * install has esbuild but no TypeScript loader.
 */
export const BUNDLES = {
  'dist/main.js': 'app/main.ts',
  'dist/deploy.js': 'app/deploy.ts',
  'dist/migrate.js': 'app/migrate.ts',
  'dist/demo.js': 'scripts/demo.ts',
  'dist/backup.js': 'scripts/backup.ts',
  'dist/content-check.js': 'scripts/content-check.ts',
} as const;

export const BOT_BUNDLE = 'dist/main.js';

const SPEC = 'discord-api-spec/zod';
/** The declarations of the schemas the emulator imports from `discord-api-spec/zod`. */
const SPEC_DECLARATIONS = 'scripts/emulator/discord-api-spec-zod.d.ts';

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
    plugins: [specOrStandIn()],
  });
}

/** Every bundle of `BUNDLES`, at once. */
export async function buildAll(): Promise<void> {
  await Promise.all(Object.entries(BUNDLES).map(([outfile, entry]) => buildEntry(entry, outfile)));
}

/**
 * The demo's emulator checks the bot's requests against Discord's published schemas, from the
 * development dependency `discord-api-spec`. A production install (`npm ci --omit=dev`) lacks it:
 * there, each schema is built as one that accepts anything, so the demo still runs (the
 * emulator's own checks of Discord's limits stay, and the demo says that the schema checks are off).
 */
function specOrStandIn(): Plugin {
  return {
    name: 'discord-api-spec-or-stand-in',
    setup(esbuild) {
      if (existsSync('node_modules/discord-api-spec/package.json')) return;
      esbuild.onResolve({ filter: /^discord-api-spec\/zod$/ }, () => ({
        path: SPEC,
        namespace: 'spec-stand-in',
      }));
      esbuild.onLoad({ filter: /.*/, namespace: 'spec-stand-in' }, () => {
        const names = [...readFileSync(SPEC_DECLARATIONS, 'utf8').matchAll(/export const (\w+)/g)];
        return {
          contents: [
            "import { unknown } from 'zod/mini';",
            'const anything = unknown();',
            ...names.map(([, name = '']) => `export const ${name} = anything;`),
          ].join('\n'),
          resolveDir: process.cwd(),
          loader: 'js',
        };
      });
    },
  };
}

// Run as a program (not imported by the tests or the bench): build everything.
if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === realpathSync(process.argv[1])
) {
  await buildAll();
}
