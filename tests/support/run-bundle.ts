import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface BundleRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one of the bundles in `dist/` (built by the tests' global setup) the way its npm script
 * does, `node dist/<name>.js`, with only PATH and HOME from the test's environment plus `env`,
 * and waits for it to exit: for start-up failures and the hosting scripts.
 */
export function runBundle(
  bundle: string,
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly args?: readonly string[];
    /** Working directory (default: this checkout); relative paths must not depend on it. */
    readonly cwd?: string;
    readonly input?: string;
    readonly timeoutMs?: number;
  } = {},
): Promise<BundleRun> {
  const child = spawn(process.execPath, [resolve(bundle), ...(options.args ?? [])], {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${bundle} did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': by then the pipes have given all the output.
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
