import { describe, expect, it } from 'vitest';
import { SharedReads } from '../../src/polls/shared-reads';

/** A store of one value whose reads are counted and answered when the test says so. */
function slowStore(initial: string) {
  let value = initial;
  const pending: (() => void)[] = [];
  let reads = 0;
  return {
    set(next: string) {
      value = next;
    },
    get reads() {
      return reads;
    },
    read(): Promise<string> {
      reads += 1;
      // The value is taken when the read starts, as a query sees the table when it runs.
      const seen = value;
      return new Promise((resolve) => pending.push(() => resolve(seen)));
    },
    answerAll() {
      for (const answer of pending.splice(0)) answer();
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedReads', () => {
  it('recent: concurrent callers share the read in flight, then nothing is kept', async () => {
    const store = slowStore('open');
    const reads = new SharedReads<string>();
    const first = reads.recent('poll', () => store.read());
    const second = reads.recent('poll', () => store.read());
    expect(store.reads).toBe(1);
    store.answerAll();
    expect(await Promise.all([first, second])).toEqual(['open', 'open']);
    store.set('closed');
    const third = reads.recent('poll', () => store.read());
    store.answerAll();
    expect(await third).toBe('closed');
    expect(store.reads).toBe(2);
  });

  it('after: never answers with a read that started before the call', async () => {
    const store = slowStore('open');
    const reads = new SharedReads<string>();
    const early = reads.recent('poll', () => store.read());
    // Written while that read is in flight: the caller must see its own write.
    store.set('closed');
    const late = reads.after('poll', () => store.read());
    store.answerAll();
    expect(await early).toBe('open');
    await turn();
    store.answerAll();
    expect(await late).toBe('closed');
  });

  it('after: callers until the next turn of the event loop share one read', async () => {
    const store = slowStore('v1');
    const reads = new SharedReads<string>();
    const batch = Array.from({ length: 100 }, () => reads.after('poll', () => store.read()));
    await turn();
    expect(store.reads).toBe(1);
    store.answerAll();
    expect(new Set(await Promise.all(batch))).toEqual(new Set(['v1']));
    // A later caller gets a read of its own.
    store.set('v2');
    const later = reads.after('poll', () => store.read());
    await turn();
    store.answerAll();
    expect(await later).toBe('v2');
    expect(store.reads).toBe(2);
  });

  it('recent with maxAgeMs: a finished read answers until it is that old, then a new one starts', async () => {
    const store = slowStore('open');
    let now = 0;
    const reads = new SharedReads<string>({ maxAgeMs: 1000, now: () => now });
    const first = reads.recent('poll', () => store.read());
    store.answerAll();
    expect(await first).toBe('open');
    store.set('closed');
    now = 1000;
    expect(await reads.recent('poll', () => store.read())).toBe('open');
    expect(store.reads).toBe(1);
    now = 1001;
    const fresh = reads.recent('poll', () => store.read());
    store.answerAll();
    expect(await fresh).toBe('closed');
    expect(store.reads).toBe(2);
  });

  it('recent keeps only the values `keep` accepts, and after refreshes what recent answers', async () => {
    const store = slowStore('absent');
    const reads = new SharedReads<string>({
      maxAgeMs: 60_000,
      keep: (value) => value !== 'absent',
    });
    const missing = reads.recent('poll', () => store.read());
    store.answerAll();
    expect(await missing).toBe('absent');
    // Not kept: the poll may be stored a moment later.
    store.set('open');
    const found = reads.recent('poll', () => store.read());
    store.answerAll();
    expect(await found).toBe('open');
    store.set('closed');
    const checked = reads.after('poll', () => store.read());
    await turn();
    store.answerAll();
    expect(await checked).toBe('closed');
    expect(await reads.recent('poll', () => store.read())).toBe('closed');
    expect(store.reads).toBe(3);
  });

  it('keys are independent, and a failed read fails only the callers that shared it', async () => {
    const reads = new SharedReads<string>({ maxAgeMs: 60_000 });
    let fail = true;
    const read = (key: string) => () =>
      fail ? Promise.reject(new Error(`no ${key}`)) : Promise.resolve(key);
    const [a, b] = [reads.recent('a', read('a')), reads.recent('b', read('b'))];
    await expect(a).rejects.toThrow('no a');
    await expect(b).rejects.toThrow('no b');
    fail = false;
    expect(await reads.recent('a', read('a'))).toBe('a');
  });
});
