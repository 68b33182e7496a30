import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder, removed after the current test. */
export async function tempDir(prefix = 'tribune-'): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  afterEach(async () => {
    await rm(path, { recursive: true, force: true });
  });
  return path;
}
