import { setImmediate } from 'node:timers/promises';

export interface SharedReadsOptions<T> {
  /** How long a finished read may still answer `recent` (0: only reads in flight are shared). */
  readonly maxAgeMs?: number;
  /** Which finished values may answer later callers (e.g. not "absent": it may appear soon). */
  readonly keep?: (value: T) => boolean;
  readonly now?: () => number;
}

interface Read<T> {
  readonly value: Promise<T>;
  readonly startedAt: number;
  settled: boolean;
}

/** Keys with a finished read kept; beyond that, expired ones are dropped. */
const MAX_KEYS = 1000;

/**
 * Reads of one key shared by concurrent callers: 500 members voting at once on a poll need its
 * record 1,000 times (before and after writing their vote), and a handful of queries serve them
 * all. `recent` accepts a value read up to `maxAgeMs` ago; `after` only one read after the call.
 */
export class SharedReads<T> {
  private readonly reads = new Map<string, Read<T>>();
  /** Reads that start on the next turn of the event loop, by key. */
  private readonly queued = new Map<string, Promise<T>>();
  private readonly maxAgeMs: number;
  private readonly keep: (value: T) => boolean;
  private readonly now: () => number;

  constructor(options: SharedReadsOptions<T> = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 0;
    this.keep = options.keep ?? (() => true);
    this.now = options.now ?? (() => performance.now());
  }

  /** A value read at most `maxAgeMs` ago, or being read: joins such a read, else starts one. */
  recent(key: string, read: () => Promise<T>): Promise<T> {
    const queued = this.queued.get(key);
    if (queued !== undefined) return queued;
    const latest = this.reads.get(key);
    if (latest !== undefined && (!latest.settled || this.fresh(latest))) return latest.value;
    return this.start(key, read);
  }

  /**
   * A value read after this call: joins the read that starts on the next turn of the event loop,
   * with every caller until then. For reads that must see what the caller has just written.
   */
  after(key: string, read: () => Promise<T>): Promise<T> {
    const queued = this.queued.get(key);
    if (queued !== undefined) return queued;
    const next = setImmediate().then(() => {
      this.queued.delete(key);
      return this.start(key, read);
    });
    this.queued.set(key, next);
    return next;
  }

  private fresh(read: Read<T>): boolean {
    return this.now() - read.startedAt <= this.maxAgeMs;
  }

  private start(key: string, read: () => Promise<T>): Promise<T> {
    if (this.reads.size >= MAX_KEYS) {
      for (const [other, entry] of this.reads) {
        if (entry.settled && !this.fresh(entry)) this.reads.delete(other);
      }
    }
    const entry: Read<T> = { value: read(), startedAt: this.now(), settled: false };
    this.reads.set(key, entry);
    const forget = () => {
      if (this.reads.get(key) === entry) this.reads.delete(key);
    };
    entry.value.then((value) => {
      entry.settled = true;
      if (this.maxAgeMs === 0 || !this.keep(value)) forget();
    }, forget);
    return entry.value;
  }
}
