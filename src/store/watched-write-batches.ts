import type { WatchedWrite } from './store';

/** One insert-if-absent of a batch, its value already serialized. */
export interface BatchedEntry {
  readonly key: string;
  readonly value: string;
}

/**
 * What one statement inserting `entries` if absent did: the keys it stored, and the watched key's
 * raw value as of the write (read only when something was stored; undefined when absent).
 */
export interface BatchOutcome {
  readonly stored: ReadonlySet<string>;
  readonly watched: string | undefined;
}

export interface WatchedWriteBatchesOptions {
  /** Inserts every entry that is absent, and reads `watched`, in one statement. */
  readonly write: (entries: readonly BatchedEntry[], watched: string) => Promise<BatchOutcome>;
  readonly serialize: (value: unknown) => Promise<string>;
  readonly deserialize: (raw: string) => Promise<unknown>;
}

/** Entries written in one statement at most (two SQL parameters each). */
const MAX_BATCH = 250;

/** A call's own outcome, the watched value still raw. */
type RawOutcome = { stored: false } | { stored: true; watched: string | undefined };

interface Pending {
  readonly entry: BatchedEntry;
  settle(outcome: RawOutcome | Error): void;
}

/**
 * `Store.setIfAbsentWatching`, with the calls of one turn of the event loop that watch the same
 * key written in one statement. A burst of votes on one poll (the gateway hands them over
 * together) then costs one statement, not one per vote: each statement costs node-sqlite3 (or a
 * PostgreSQL round trip) far more than the row it writes. Each call still learns whether its own
 * key was stored and the watched value as of that write: the whole batch is one statement, so
 * the watched key cannot change between its rows. Of one key asked twice in a batch, the first
 * call has it.
 */
export function batchedSetIfAbsentWatching(
  options: WatchedWriteBatchesOptions,
): <W>(key: string, value: unknown, watched: string) => Promise<WatchedWrite<W>> {
  const pendingByWatched = new Map<string, Pending[]>();
  let flushScheduled = false;

  function flush(): void {
    flushScheduled = false;
    for (const [watched, pending] of pendingByWatched) {
      pendingByWatched.delete(watched);
      for (let start = 0; start < pending.length; start += MAX_BATCH) {
        writeBatch(watched, pending.slice(start, start + MAX_BATCH));
      }
    }
  }

  function writeBatch(watched: string, batch: readonly Pending[]): void {
    const firstOfKey = new Map<string, Pending>();
    for (const call of batch)
      if (!firstOfKey.has(call.entry.key)) firstOfKey.set(call.entry.key, call);
    const entries = [...firstOfKey.values()].map((call) => call.entry);
    options.write(entries, watched).then(
      (outcome) => {
        for (const call of batch) {
          const stored =
            firstOfKey.get(call.entry.key) === call && outcome.stored.has(call.entry.key);
          call.settle(stored ? { stored, watched: outcome.watched } : { stored: false });
        }
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const call of batch) call.settle(failure);
      },
    );
  }

  return async <W>(key: string, value: unknown, watched: string): Promise<WatchedWrite<W>> => {
    const entry = { key, value: await options.serialize(value) };
    const outcome = await new Promise<RawOutcome>((resolve, reject) => {
      const pending = pendingByWatched.get(watched) ?? [];
      pending.push({
        entry,
        settle: (result) => {
          if (result instanceof Error) reject(result);
          else resolve(result);
        },
      });
      pendingByWatched.set(watched, pending);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    });
    if (!outcome.stored) return { stored: false };
    const current =
      outcome.watched === undefined
        ? undefined
        : ((await options.deserialize(outcome.watched)) as W);
    return { stored: true, watched: current };
  };
}
