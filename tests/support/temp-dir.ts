import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh temporary folder, removed when the current test finishes. */
export async function tempDir(prefix = 'tribune-'): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(async () => {
    await rm(path, { recursive: true, force: true });
  });
  return path;
}
