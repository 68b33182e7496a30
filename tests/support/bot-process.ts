import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { onTestFinished } from 'vitest';
import { BOT_BUNDLE } from '../../scripts/build';
import type { Emulator } from '../../scripts/emulator';

export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote, stdout then stderr, as received. */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Parsed JSON log lines from stdout. */
  logs(): Record<string, unknown>[];
  /** Resolves when the bot has logged that it is ready. */
  ready(timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
}

/**
 * Runs the bot as `npm start` does (`node dist/main.js`, built by the tests' global setup), in
 * its own process, pointed at the
 * emulator through DISCORD_API_URL: for what needs a real process (kill -9, signals, start-up
 * failures). Killed when the test finishes if still running.
 */
export function spawnBot(options: {
  emulator?: Emulator;
  /** The SQLite file (DATABASE_URL); unset: the bot's own default or `env`'s. */
  databasePath?: string;
  env?: Readonly<Record<string, string>>;
  /** Another copy of the bundle (default `dist/main.js` of this checkout). */
  bundle?: string;
  /** Working directory (default: this checkout). */
  cwd?: string;
}): BotProcess {
  const { emulator } = options;
  const child = spawn(process.execPath, [resolve(options.bundle ?? BOT_BUNDLE)], {
    cwd: options.cwd ?? process.cwd(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(emulator && {
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        DISCORD_GUILD_ID: emulator.guildId,
      }),
      ...(options.databasePath !== undefined && {
        DATABASE_URL: `sqlite://${options.databasePath}`,
      }),
      LOG_LEVEL: 'debug',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buffered = '';
  const lineListeners = new Set<(line: string) => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout.push(chunk);
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) for (const listener of lineListeners) listener(line);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });

  const parse = (line: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };

  return {
    child,
    stdout,
    stderr,
    exited,
    logs: () =>
      stdout
        .join('')
        .split('\n')
        .map(parse)
        .filter((line) => line !== undefined),
    ready(timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const isReady = (line: string) => parse(line)?.msg === 'tribune is ready';
        if (stdout.join('').split('\n').some(isReady)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          lineListeners.delete(listener);
          reject(new Error(`bot not ready after ${timeoutMs} ms:\n${stderr.join('')}`));
        }, timeoutMs);
        const listener = (line: string) => {
          if (!isReady(line)) return;
          clearTimeout(timer);
          lineListeners.delete(listener);
          resolve();
        };
        lineListeners.add(listener);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`bot exited (${String(code)}) before ready:\n${stderr.join('')}`));
        });
      });
    },
  };
}
