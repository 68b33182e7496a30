import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONTENT_DIR, DEFAULT_DATABASE_URL } from './config';

/**
 * Tribune's own folder: the nearest one above this module that holds a package.json. Found from
 * the module rather than the current directory, so that it is the same from the sources
 * (`src/config/`) and from a bundle (`dist/`), whatever folder a service manager starts it in.
 */
export function projectRoot(from: string = import.meta.url): string {
  let folder = dirname(fileURLToPath(from));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    folder = parent;
  }
  return folder;
}

/**
 * The environment as Tribune reads it: `.env` in the project root first (variables already set in
 * the environment win, as `process.loadEnvFile` does), then relative paths made absolute.
 */
export function readEnvironment(root: string = projectRoot()): NodeJS.ProcessEnv {
  const file = join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
  return withProjectPaths(process.env, root);
}

/**
 * `CONTENT_DIR` and a `sqlite://` `DATABASE_URL` resolved against the project root when relative
 * (their defaults included), so that they name the same files from any working directory.
 * Anything else, a PostgreSQL URL or a value the configuration will refuse, is left as it is.
 */
export function withProjectPaths(
  environment: NodeJS.ProcessEnv,
  root: string = projectRoot(),
): NodeJS.ProcessEnv {
  const set = (value: string | undefined) =>
    value !== undefined && value.trim() !== '' ? value : undefined;
  const contentDir = set(environment.CONTENT_DIR) ?? DEFAULT_CONTENT_DIR;
  const databaseUrl = set(environment.DATABASE_URL) ?? DEFAULT_DATABASE_URL;
  const sqlitePath = sqliteFile(databaseUrl);
  return {
    ...environment,
    CONTENT_DIR: resolve(root, contentDir),
    DATABASE_URL:
      sqlitePath === undefined || sqlitePath === ':memory:' || isAbsolute(sqlitePath)
        ? databaseUrl
        : `sqlite://${resolve(root, sqlitePath)}`,
  };
}

/** The SQLite file a `sqlite://` URL names, or undefined for another store. */
export function sqliteFile(databaseUrl: string): string | undefined {
  return /^sqlite:\/\/(.+)$/.exec(databaseUrl)?.[1];
}
