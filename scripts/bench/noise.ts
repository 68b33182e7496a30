import { readFile } from 'node:fs/promises';
import { sleep } from './time';

/**
 * Other processes on the machine (a test run, a linter) steal CPU from a burst and make its figure
 * meaningless. Each measurement is therefore taken again, up to `MAX_ATTEMPTS` times, when the
 * rest of the machine used more than `MAX_FOREIGN_CORES` of a core while it ran; what is left
 * noisy after that is counted and reported.
 */
const MAX_ATTEMPTS = 4;
const MAX_FOREIGN_CORES = 0.25;

export const noise = { measurements: 0, retried: 0, stillNoisy: 0 };

/** Busy CPU time of the whole machine so far, in ms (`/proc/stat`, in 10 ms ticks). */
async function machineBusyMs(): Promise<number> {
  const [line = ''] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) * 10;
}

/** CPU time of this process's children that have exited (and were waited for), in ms. */
export async function exitedChildrenCpuMs(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime, the 16th and 17th fields, in ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Runs `work`, again if the machine was busy with other things meanwhile. `ourCpuMs` is the CPU
 * time used so far by the processes under measurement (this process, hosting the emulators, is
 * counted apart).
 */
export async function quietly<T>(
  ourCpuMs: () => Promise<number>,
  work: () => Promise<T>,
): Promise<T> {
  noise.measurements += 1;
  for (let attempt = 1; ; attempt++) {
    const [busy, own, ours, started] = [
      await machineBusyMs(),
      ownCpuMs(),
      await ourCpuMs(),
      performance.now(),
    ];
    const value = await work();
    const elapsed = performance.now() - started;
    const foreign =
      (await machineBusyMs()) - busy - (ownCpuMs() - own) - ((await ourCpuMs()) - ours);
    // Ticks of 10 ms: a short burst needs some slack before it is called noisy.
    if (foreign <= MAX_FOREIGN_CORES * elapsed + 20) return value;
    if (attempt === MAX_ATTEMPTS) {
      noise.stillNoisy += 1;
      return value;
    }
    noise.retried += 1;
    await sleep(1000);
  }
}
