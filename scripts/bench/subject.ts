import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { CONFIG } from './config';

/** A process under measurement: Tribune (`dist/main.js`) or the floor (`dist/bench-floor.js`). */
export interface Subject {
  readonly name: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to its "ready" log line. */
  readonly startMs: number;
  /** Log lines at warn level or above (pino levels 40+), and anything on stderr. */
  readonly problems: string[];
  /** Resident memory in MiB, read from /proc. */
  rssMiB(): Promise<number>;
  /** CPU time (user + system) used so far, in ms, read from /proc. */
  cpuMs(): Promise<number>;
  /** SIGTERM, then waits for the exit; rejects if the exit code is not 0. */
  stop(): Promise<void>;
}

const READY = /"msg":"(tribune|floor) is ready"/;
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in ms, read from /proc; with
 * `waitedChildren`, that of its children that exited and were waited for too.
 */
export async function processCpuMs(pid: string, waitedChildren = false): Promise<number> {
  // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th,
  // cutime and cstime the 16th and 17th.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  const children = waitedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
  return ((own + children) * 1000) / TICKS_PER_SECOND;
}

export async function startSubject(
  name: string,
  entry: string,
  env: Readonly<Record<string, string>>,
): Promise<Subject> {
  const spawnedAt = performance.now();
  // Exactly how `npm start` runs the bot: plain node on the built bundle (profiled on demand).
  const profile =
    CONFIG.cpuProfileDir === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${CONFIG.cpuProfileDir}`];
  const child = spawn(process.execPath, [...profile, entry], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const problems: string[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let ready = false;
  const startMs = await new Promise<number>((resolve, reject) => {
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!ready && READY.test(line)) {
          ready = true;
          resolve(performance.now() - spawnedAt);
        }
        const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
        if (level >= 40) problems.push(line);
      }
    });
    void exited.then(() => {
      reject(new Error(`${name} exited before ready:\n${stderr}`));
    });
  });
  const pid = String(child.pid);
  return {
    name,
    child,
    startMs,
    problems,
    async rssMiB() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    cpuMs: () => processCpuMs(pid),
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (stderr.trim() !== '') problems.push(stderr.trim());
      if (code !== 0) throw new Error(`${name} exited with code ${String(code)}:\n${stderr}`);
    },
  };
}
