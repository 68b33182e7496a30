import { isIP } from 'node:net';
import { DiscordAPIError } from 'discord.js';
import { ConfigError, DEFAULT_DATABASE_URL } from './config/config';
import { sqliteFile } from './config/project-paths';
import { ContentError } from './content/content-error';
import { createRedactor } from './log/redact';
import { describeStoreConnectionError } from './store/postgres-store';

/** A problem the host fixes, whose message says what and how (a script's own checks). */
export class HostError extends Error {
  override name = 'HostError';
}

/** discord.js's default `rest.api`. */
const DISCORD_API = 'https://discord.com/api';

/**
 * What to tell a person when start-up fails, from the environment the process read (paths
 * already resolved). A cause they can fix (configuration, content, token, network, database) is
 * one line that says what to do, naming the path or host, never a secret. Anything else is a bug:
 * its stack.
 */
export function describeStartupError(error: unknown, environment: NodeJS.ProcessEnv = {}): string {
  return (
    knownCause(error, environment) ??
    (error instanceof Error ? (error.stack ?? error.message) : String(error))
  );
}

/**
 * The whole text for standard error, e.g. `Tribune could not start: …`, with every secret of the
 * environment (token, database password, poll secret) taken out.
 */
export function startupFailureText(
  what: string,
  error: unknown,
  environment: NodeJS.ProcessEnv,
): string {
  const redact = createRedactor(secretsIn(environment));
  return redact(`${what}: ${describeStartupError(error, environment)}\n`);
}

/** The values that must never be printed: the bot token, the poll secret, the database password. */
export function secretsIn(environment: NodeJS.ProcessEnv): string[] {
  const secrets = [environment.DISCORD_TOKEN, environment.POLL_SECRET];
  try {
    const password = new URL(environment.DATABASE_URL ?? '').password;
    secrets.push(password, decodeURIComponent(password));
  } catch {
    // Not a URL: no password in it.
  }
  return secrets.filter((secret): secret is string => secret !== undefined && secret !== '');
}

function knownCause(error: unknown, environment: NodeJS.ProcessEnv): string | undefined {
  if (error instanceof ConfigError || error instanceof HostError) return error.message;
  if (error instanceof ContentError) return contentCause(error);
  const databaseUrl = environment.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  return (
    discordCause(error, environment) ??
    postgresCause(error, databaseUrl) ??
    sqliteCause(error, databaseUrl) ??
    networkCause(error) ??
    fileCause(error)
  );
}

/** Node's system error fields (fs, dns, net). */
interface SystemError {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
}

/** The error and, for a host with several addresses (localhost), each attempt's. */
function systemErrors(error: unknown): SystemError[] {
  const nested: unknown[] = error instanceof AggregateError ? error.errors : [];
  return [error, ...nested].filter(
    (candidate): candidate is SystemError => typeof candidate === 'object' && candidate !== null,
  );
}

const FILE_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the disk',
};

const NETWORK_REASONS: Record<string, string> = {
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

function contentCause(error: ContentError): string {
  if (error.line > 0) return `${error.message} (fix the file; \`npm run content:check\` checks it)`;
  const code = /\b(E[A-Z]+)\b/.exec(error.reason)?.[1];
  const why = (code && FILE_REASONS[code]) ?? error.reason;
  return `cannot read the content folder ${error.file} (${why}). Set CONTENT_DIR to the folder of the texts (a relative path starts from Tribune's folder; default: content).`;
}

function discordCause(error: unknown, environment: NodeJS.ProcessEnv): string | undefined {
  const fixToken =
    'copy it again from the Discord developer portal (your application → Bot → Reset Token) into DISCORD_TOKEN';
  if ((error as { code?: unknown } | null)?.code === 'TokenInvalid') {
    return `Discord refused the bot token: ${fixToken}.`;
  }
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return `Discord refused the bot token: ${fixToken}.`;
    // Unknown Guild, Missing Access: a wrong server id, or a bot not invited there.
    if ((error.code === 10004 || error.code === 50001) && environment.DISCORD_GUILD_ID) {
      return `Discord refused access to server ${environment.DISCORD_GUILD_ID} (${error.message}): check DISCORD_GUILD_ID, and that the bot was invited there with the applications.commands scope (the invite URL in README.md).`;
    }
    return undefined;
  }
  const api = apiTarget(environment.DISCORD_API_URL);
  if (api === undefined) return undefined;
  // discord.js gives up on a request after 15 s (3 tries): what a lookup that never answers gives.
  const timedOut = error instanceof Error && error.name === 'AbortError';
  const failed = systemErrors(error).find(
    (candidate) => networkReason(candidate) !== undefined && aimsAt(candidate, api),
  );
  if (failed === undefined && !timedOut) return undefined;
  const reason = failed === undefined ? 'no answer in time' : networkReason(failed);
  const why = `${api.host}:${api.port} (${reason ?? ''})`;
  return environment.DISCORD_API_URL === undefined
    ? `cannot reach Discord at ${why}. Check this machine's network connection and DNS: Tribune needs outgoing HTTPS to discord.com and gateway.discord.gg.`
    : `cannot reach the Discord API at ${why}. Check DISCORD_API_URL, and this machine's network connection and DNS.`;
}

function apiTarget(url: string | undefined): { host: string; port: number } | undefined {
  try {
    const parsed = new URL(url ?? DISCORD_API);
    const port =
      parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
    return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return undefined;
  }
}

/** Whether a failed lookup or connection was one to `target` (a lookup names its host). */
function aimsAt(error: SystemError, target: { host: string; port: number } | undefined): boolean {
  if (target === undefined) return false;
  if (typeof error.hostname === 'string') return error.hostname === target.host;
  if (error.port !== target.port) return false;
  return isIP(target.host) === 0 || error.address === target.host;
}

function networkReason(error: SystemError): string | undefined {
  return typeof error.code === 'string' ? NETWORK_REASONS[error.code] : undefined;
}

function postgresCause(error: unknown, databaseUrl: string): string | undefined {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return undefined;
  // The store's own check of the URL's settings (`?pool=…`): already a sentence about the URL.
  if (error instanceof Error && error.message.startsWith('PostgreSQL URL:')) {
    return `${error.message}. Fix DATABASE_URL.`;
  }
  const line = describeStoreConnectionError(databaseUrl, error);
  if (line === undefined) return undefined;
  const hint = /authentication failed/.test(line)
    ? 'check the user and password in DATABASE_URL'
    : /does not exist/.test(line)
      ? 'create it (for example `createdb -O <user> <database>`) or fix its name in DATABASE_URL'
      : /TLS/.test(line)
        ? 'add ?sslmode=disable to DATABASE_URL for a server without TLS, or enable TLS on the server'
        : 'check that PostgreSQL is running there and that DATABASE_URL names the right host and port';
  return `${line}: ${hint}.`;
}

const SQLITE_PROBLEMS: Record<string, string> = {
  SQLITE_CANTOPEN:
    'cannot open it (SQLITE_CANTOPEN). DATABASE_URL must name a file, not a folder, in a folder that the user running Tribune can write to',
  SQLITE_READONLY:
    'it is read-only (SQLITE_READONLY). Let the user running Tribune write to the file and to its folder (SQLite writes -wal and -shm files beside it)',
  SQLITE_NOTADB:
    'it is not a SQLite database (SQLITE_NOTADB). Point DATABASE_URL to Tribune’s database, or to a file that does not exist yet',
  SQLITE_CORRUPT:
    'it is damaged (SQLITE_CORRUPT). Restore it from a backup (see “Back up” in README.md)',
  SQLITE_FULL: 'the disk is full (SQLITE_FULL). Free some space',
  SQLITE_IOERR:
    'the disk refused a read or a write (SQLITE_IOERR). Check the disk and its free space',
};

function sqliteCause(error: unknown, databaseUrl: string): string | undefined {
  const file = sqliteFile(databaseUrl);
  if (file === undefined) return undefined;
  const [first] = systemErrors(error);
  const code = typeof first?.code === 'string' ? first.code : '';
  const sqlite = SQLITE_PROBLEMS[code];
  if (sqlite !== undefined) return `SQLite database ${file}: ${sqlite}.`;
  // The folder is created at start when missing.
  if (first?.syscall === 'mkdir' && typeof first.path === 'string' && file.startsWith(first.path)) {
    return `cannot create the database folder ${first.path} (${FILE_REASONS[code] ?? code}). Create it and let the user running Tribune write there, or set DATABASE_URL to another place.`;
  }
  return undefined;
}

function networkCause(error: unknown): string | undefined {
  const failed = systemErrors(error).find((candidate) => networkReason(candidate) !== undefined);
  if (failed === undefined) return undefined;
  const where =
    typeof failed.hostname === 'string'
      ? failed.hostname
      : typeof failed.address === 'string'
        ? `${failed.address}:${String(failed.port)}`
        : 'a server';
  return `cannot reach ${where} (${networkReason(failed) ?? ''}). Check this machine's network connection and DNS.`;
}

function fileCause(error: unknown): string | undefined {
  const [first] = systemErrors(error);
  if (typeof first?.code !== 'string' || typeof first.path !== 'string') return undefined;
  const reason = FILE_REASONS[first.code];
  if (reason === undefined) return undefined;
  return `cannot ${first.syscall === 'open' || first.syscall === 'read' || first.syscall === 'scandir' ? 'read' : 'use'} ${first.path} (${reason}). Give the user running Tribune access to it, or fix the path in the configuration.`;
}
