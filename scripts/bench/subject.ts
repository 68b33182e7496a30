import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** A process under measurement: Tribune (`src/main.ts`) or the floor (`scripts/bench/floor.ts`). */
export interface Subject {
  readonly name: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to its "ready" log line. */
  readonly startMs: number;
  /** Resident memory in MiB, read from /proc. */
  rssMiB(): Promise<number>;
  stop(): Promise<void>;
}

export async function startSubject(
  name: string,
  entry: string,
  env: Readonly<Record<string, string>>,
): Promise<Subject> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const startMs = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      if (/"msg":"(tribune|floor) is ready"/.test(buffered)) {
        buffered = '';
        resolve(performance.now() - spawnedAt);
      } else {
        buffered = buffered.slice(-2000);
      }
    });
    void exited.then(() => reject(new Error(`${name} exited before ready:\n${stderr}`)));
  });
  return {
    name,
    child,
    startMs,
    async rssMiB() {
      const status = await readFile(`/proc/${String(child.pid)}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kib / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
