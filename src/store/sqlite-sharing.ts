import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Filesystems that live on another machine (Linux's `statfs` magic numbers): SQLite's locks do
 * not hold across machines on them, so two processes writing one file there can corrupt it.
 */
const NETWORK_FILESYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x01021997, '9P'],
  [0x00c36400, 'Ceph'],
  [0x5346414f, 'AFS'],
  [0x73757245, 'Coda'],
  [0x47504653, 'GPFS'],
  [0x0bd00bd0, 'Lustre'],
]);

/** The network filesystem a path is on, if it is on one (undefined elsewhere, or off Linux). */
export async function networkFilesystemOf(path: string): Promise<string | undefined> {
  try {
    return NETWORK_FILESYSTEMS.get((await statfs(dirname(resolve(path)))).type);
  } catch {
    return undefined;
  }
}

/**
 * What to say about a SQLite store, if anything: an error when a fleet of processes (this one
 * runs only some shards) would share a file on a network filesystem, a warning when one process
 * uses a file there, nothing on a local disk.
 */
export function sqliteSharingProblem(
  path: string,
  filesystem: string | undefined,
  sharedWithOtherProcesses: boolean,
): { readonly level: 'error' | 'warn'; readonly message: string } | undefined {
  if (filesystem === undefined) return undefined;
  if (sharedWithOtherProcesses) {
    return {
      level: 'error',
      message: `DATABASE_URL: the SQLite file ${path} is on a network filesystem (${filesystem}), and this process runs only some of the shards: processes on several machines cannot share a SQLite file. Use PostgreSQL (DATABASE_URL=postgres://…) for a fleet, or run every shard in one process (leave SHARD_IDS unset).`,
    };
  }
  return {
    level: 'warn',
    message: `the SQLite file ${path} is on a network filesystem (${filesystem}): keep it to one process on one machine, or use PostgreSQL`,
  };
}
