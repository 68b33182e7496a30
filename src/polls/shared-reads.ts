import { setImmediate } from 'node:timers/promises';

/**
 * Reads of one key shared by concurrent callers: 500 members voting at once on a poll need its
 * record 1,000 times (before and after writing their vote), and a handful of queries serve them
 * all. Nothing is kept once a read has finished, so no caller sees a value older than the reads
 * that were in flight when it asked.
 */
export class SharedReads<T> {
  /** Started reads, by key. */
  private readonly running = new Map<string, Promise<T>>();
  /** Reads that start on the next turn of the event loop, by key. */
  private readonly queued = new Map<string, Promise<T>>();

  /** A value at least as recent as the reads in flight: joins one if there is, else starts one. */
  recent(key: string, read: () => Promise<T>): Promise<T> {
    return this.queued.get(key) ?? this.running.get(key) ?? this.start(key, read);
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

  private start(key: string, read: () => Promise<T>): Promise<T> {
    const reading = read();
    this.running.set(key, reading);
    const forget = () => {
      if (this.running.get(key) === reading) this.running.delete(key);
    };
    reading.then(forget, forget);
    return reading;
  }
}
