import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Store } from '../../src/store/store';
import { hostileString } from '../support/hostile-strings';
import { usePostgres } from '../support/postgres';
import { openStoreAt } from '../support/store-backends';
import { tempDir } from '../support/temp-dir';

const postgres = usePostgres();

/** Another connection that has written `raw` (Keyv's serialised form) to `key` and not committed. */
type HoldWrite = (url: string, key: string, raw: string) => Promise<{ commit(): Promise<void> }>;

interface Backend {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty store location. */
  readonly newUrl: () => Promise<string>;
  readonly holdWrite: HoldWrite;
}

const BACKENDS: readonly Backend[] = [
  {
    name: 'sqlite',
    newUrl: async () => `sqlite://${join(await tempDir(), 'tribune.sqlite')}`,
    holdWrite: holdSqliteWrite,
  },
  { name: 'postgres', newUrl: () => postgres.databaseUrl(), holdWrite: holdPostgresWrite },
];

/** Opens a store closed when the test finishes (closing it earlier is fine). */
async function open(url: string): Promise<Store> {
  const store = await openStoreAt(url);
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= store.close());
  onTestFinished(close);
  return { ...store, close };
}

/** The order both backends list keys in: their UTF-8 bytes, not JavaScript's UTF-16 order. */
const byteWise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** What both backends list under `prefix`: the byte-wise range [prefix, prefix + '\uffff'). */
const listedUnder = (prefix: string) => (key: string) =>
  byteWise(key, prefix) >= 0 && byteWise(key, `${prefix}\uffff`) < 0;

describe.each(BACKENDS)('the Store contract on $name', ({ name, newUrl, holdWrite }) => {
  it('gets, sets, overwrites and deletes values of every JSON shape', async () => {
    const store = await open(await newUrl());
    const values = [
      { question: 'Quoi ?', options: ['Un', 'Deux'], nested: { deep: [1, null, true] } },
      'plain',
      ':starts with a colon',
      '',
      0,
      -1.5,
      false,
      [],
    ];
    for (const [index, value] of values.entries()) await store.set(`value:${index}`, value);
    for (const [index, value] of values.entries()) {
      expect(await store.get(`value:${index}`)).toEqual(value);
    }
    expect(await store.get('value:missing')).toBeUndefined();
    await store.set('value:0', { changed: true });
    expect(await store.get('value:0')).toEqual({ changed: true });
    expect(await store.delete('value:0')).toBe(true);
    expect(await store.delete('value:0')).toBe(false);
    expect(await store.get('value:0')).toBeUndefined();
  });

  it('getMany answers in the order asked, undefined for the missing', async () => {
    const store = await open(await newUrl());
    await store.set('a', 1);
    await store.set('c', { three: 3 });
    expect(await store.getMany(['c', 'b', 'a', 'c'])).toEqual([
      { three: 3 },
      undefined,
      1,
      { three: 3 },
    ]);
    expect(await store.getMany([])).toEqual([]);
  });

  it('keeps any string value intact: NUL, lone surrogates, right-to-left marks, emoji', async () => {
    const store = await open(await newUrl());
    await fc.assert(
      fc.asyncProperty(hostileString(200), async (value) => {
        await store.set('hostile', value);
        expect(await store.get('hostile')).toBe(value);
      }),
      { numRuns: 60 },
    );
    const edges = ['\u0000', '\ud800', 'a\udfffb', '\uffff', '\u{10ffff}'];
    await store.set('edges', edges);
    expect(await store.get('edges')).toEqual(edges);
  });

  it('stores keys of up to 247 characters (255 with the namespace), accented or not', async () => {
    const store = await open(await newUrl());
    const long = 'é'.repeat(240) + '😀'.repeat(3) + 'x';
    expect(long.length).toBe(247);
    await store.set(long, 1);
    expect(await store.get(long)).toBe(1);
    expect(await store.keys('é')).toEqual([long]);
  });

  it('holds large values: a 1 MB string through set, setIfAbsent, update and entries', async () => {
    const store = await open(await newUrl());
    const large = 'Lecture « à voix haute » — ✊🏽 '.repeat(35_000).slice(0, 1_000_000);
    expect(large.length).toBe(1_000_000);
    await store.set('big:set', large);
    expect(await store.get('big:set')).toBe(large);
    expect(await store.setIfAbsent('big:claim', large)).toBe(true);
    expect(await store.update<string>('big:set', (current) => `${current ?? ''}!`)).toBe(
      `${large}!`,
    );
    expect(await store.entries('big:')).toEqual([
      ['big:claim', large],
      ['big:set', `${large}!`],
    ]);
  });

  it('setIfAbsent stores only when absent, and never overwrites', async () => {
    const store = await open(await newUrl());
    expect(await store.setIfAbsent('claim:1', { by: 'first' })).toBe(true);
    expect(await store.setIfAbsent('claim:1', { by: 'second' })).toBe(false);
    expect(await store.get('claim:1')).toEqual({ by: 'first' });
  });

  it('setManyIfAbsent stores the absent keys in one go and says which', async () => {
    const store = await open(await newUrl());
    await store.set('claim:b', 'taken');
    const stored = await store.setManyIfAbsent(
      ['claim:a', 'claim:b', 'claim:c', 'claim:a'],
      'mine',
    );
    expect(stored).toEqual(new Set(['claim:a', 'claim:c']));
    expect(await store.getMany(['claim:a', 'claim:b', 'claim:c'])).toEqual([
      'mine',
      'taken',
      'mine',
    ]);
    expect(await store.setManyIfAbsent([], 'mine')).toEqual(new Set());
    expect(await store.setManyIfAbsent(['claim:a', 'claim:c'], 'again')).toEqual(new Set());
  });

  it('setIfAbsentWatching stores only if absent, and reads the watched key as of the write', async () => {
    const url = await newUrl();
    const [first, second] = [await open(url), await open(url)];
    await first.set('poll:p', { closed: false });
    expect(await first.setIfAbsentWatching('vote:p:1', { choices: [0] }, 'poll:p')).toEqual({
      stored: true,
      watched: { closed: false },
    });
    expect(await second.setIfAbsentWatching('vote:p:1', { choices: [1] }, 'poll:p')).toEqual({
      stored: false,
    });
    await second.set('poll:p', { closed: true });
    expect(await first.setIfAbsentWatching('vote:p:2', { choices: [1] }, 'poll:p')).toEqual({
      stored: true,
      watched: { closed: true },
    });
    expect(await first.setIfAbsentWatching('vote:q:1', ':colon', 'poll:q')).toEqual({
      stored: true,
      watched: undefined,
    });
    expect(await second.get('vote:q:1')).toBe(':colon');
    expect(await second.get('vote:p:1')).toEqual({ choices: [0] });
  });

  it('setIfAbsentWatching called together: each call its own outcome, a key asked twice stored once, every watched key its own value', async () => {
    const url = await newUrl();
    const [store, other] = [await open(url), await open(url)];
    await store.set('poll:p', { closed: false });
    await store.set('vote:p:taken', { choices: [2] });
    // More calls than one statement takes, on two polls, one absent, with repeated keys.
    const calls = [
      ...Array.from({ length: 600 }, (_, index) => ({ key: `vote:p:${index}`, watched: 'poll:p' })),
      { key: 'vote:p:7', watched: 'poll:p' },
      { key: 'vote:p:taken', watched: 'poll:p' },
      { key: 'vote:q:1', watched: 'poll:q' },
      { key: 'vote:q:1', watched: 'poll:q' },
    ];
    const outcomes = await Promise.all(
      calls.map(({ key, watched }, index) =>
        store.setIfAbsentWatching(key, { choices: [index % 3] }, watched),
      ),
    );
    const expected = [
      ...Array.from({ length: 600 }, () => ({ stored: true, watched: { closed: false } })),
      { stored: false },
      { stored: false },
      { stored: true, watched: undefined },
      { stored: false },
    ];
    expect(outcomes).toEqual(expected);
    expect(await other.keys('vote:p:')).toHaveLength(601);
    expect(await other.get('vote:p:7')).toEqual({ choices: [7 % 3] });
    expect(await other.get('vote:p:taken')).toEqual({ choices: [2] });
    expect(await other.get('vote:q:1')).toEqual({ choices: [602 % 3] });
  });

  it('setIfAbsentWatching waits for a write of the watched key in progress, and sees it', async () => {
    const url = await newUrl();
    const store = await open(url);
    await store.set('poll:p', { closed: false });
    // Another connection is closing the poll: written, not yet committed.
    const closing = await holdWrite(
      url,
      'tribune:poll:p',
      JSON.stringify({ value: { closed: true } }),
    );
    let settled = false;
    const vote = store.setIfAbsentWatching('vote:p:1', { choices: [0] }, 'poll:p').finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Answering now, with the poll as it was before, would confirm a vote the close then misses.
    expect(settled).toBe(false);
    await closing.commit();
    expect(await vote).toEqual({ stored: true, watched: { closed: true } });
  });

  it('update reads, changes and writes atomically; undefined leaves the value alone', async () => {
    const store = await open(await newUrl());
    expect(await store.update<number>('count', (current) => (current ?? 10) + 1)).toBe(11);
    expect(await store.update<number>('count', (current) => (current ?? 0) + 1)).toBe(12);
    expect(await store.update<number>('count', () => undefined)).toBe(12);
    expect(await store.update<number>('absent', () => undefined)).toBeUndefined();
    expect(await store.get('absent')).toBeUndefined();
    await expect(
      store.update('count', () => {
        throw new Error('refused by the change');
      }),
    ).rejects.toThrow('refused by the change');
    // A failed update doesn't block the next ones on the key.
    expect(await store.update<number>('count', (current) => (current ?? 0) + 1)).toBe(13);
  });

  it('lists entries and keys by prefix in byte-wise order: accents, emoji, \\uffff', async () => {
    const store = await open(await newUrl());
    const suffixes = [
      'a',
      'B',
      'b',
      'Z',
      'z',
      'é',
      'e',
      'émile',
      'Émile',
      'e\u0301',
      'ä',
      'æ',
      '中',
      'ﬃ',
      'a😀',
      'a\uffff',
      'a\uffffb',
      'a\ud7ff',
      'a\ue000',
      ' ',
      '~',
      '\u007f',
      'a b',
      'ab',
      'a:b',
      'a%',
      'a_',
      '0',
      '9',
    ];
    for (const [index, suffix] of suffixes.entries()) await store.set(`order:${suffix}`, index);
    await store.set('order', 'no colon: not under "order:"');
    await store.set('orders:1', 'a neighbour');
    const expected = suffixes.map((suffix) => `order:${suffix}`).sort(byteWise);
    // Not JavaScript's order: there, the emoji's surrogates come before \uffff.
    expect(expected).not.toEqual([...expected].sort());
    expect(await store.keys('order:')).toEqual(expected);
    expect(await store.entries('order:')).toEqual(
      expected.map((key) => [key, suffixes.indexOf(key.slice('order:'.length))]),
    );
    // Under "order:a", "order:a\uffff…" and "order:a😀" lie past the range's end (next test).
    expect(await store.keys('order:a')).toEqual(expected.filter(listedUnder('order:a')));
    expect(expected.filter(listedUnder('order:a'))).toEqual(
      ['', ' b', '%', ':b', '_', 'b', '\ud7ff', '\ue000'].map((rest) => `order:a${rest}`),
    );
    expect(await store.keys('order:é')).toEqual(['order:é', 'order:émile']);
    expect(await store.keys('order:a\uffff')).toEqual(['order:a\uffff', 'order:a\uffffb']);
    expect(await store.keys('nothing:')).toEqual([]);
    expect(await store.entries('nothing:')).toEqual([]);
  });

  it('prefix listing is the range [prefix, prefix + "\\uffff"): a character above U+FFFF right after the prefix falls outside, on both', async () => {
    // A known limit shared by both backends: Tribune's prefixes are always followed by ASCII ids.
    const store = await open(await newUrl());
    await store.set('tag:😀', 1);
    await store.set('tag:\uffff', 2);
    await store.set('tag:a', 3);
    expect(await store.keys('tag:')).toEqual(['tag:a']);
    expect(await store.keys('tag:😀')).toEqual(['tag:😀']);
    expect(await store.deletePrefix('tag:')).toBe(1);
    expect(await store.getMany(['tag:😀', 'tag:\uffff'])).toEqual([1, 2]);
  });

  it('deletePrefix deletes exactly the prefix: "_" and "%" are no wildcards, neighbours stay', async () => {
    const store = await open(await newUrl());
    const keys = [
      'vote:a_b:1',
      'vote:a_b:2',
      'vote:aXb:1',
      'vote:a_c:1',
      'vote:a_b',
      'vote:a_b;',
      'vote:a%:1',
      'vote:a%b:1',
      'vote:abc%:1',
      'vote:A%:1',
    ];
    for (const key of keys) await store.set(key, key);
    expect(await store.deletePrefix('vote:a_b:')).toBe(2);
    expect(await store.deletePrefix('vote:a%')).toBe(2);
    expect(await store.deletePrefix('vote:nothing')).toBe(0);
    expect(await store.keys('vote:')).toEqual(
      ['vote:A%:1', 'vote:aXb:1', 'vote:a_b', 'vote:a_b;', 'vote:a_c:1', 'vote:abc%:1'].sort(
        byteWise,
      ),
    );
  });

  it('deleteRange deletes from `from` (included) to `to` (excluded)', async () => {
    const store = await open(await newUrl());
    for (let index = 1; index <= 10; index++) {
      await store.set(`claim:${String(index).padStart(4, '0')}`, index);
    }
    await store.set('claims', 'neighbour');
    expect(await store.deleteRange('claim:0003', 'claim:0007')).toBe(4);
    expect(await store.deleteRange('claim:0003', 'claim:0007')).toBe(0);
    expect(await store.entries('claim:')).toEqual(
      [1, 2, 7, 8, 9, 10].map((index) => [`claim:${String(index).padStart(4, '0')}`, index]),
    );
    expect(await store.get('claims')).toBe('neighbour');
  });

  it('keysBetween lists from `from` (included) to `to` (excluded), in order, values unread', async () => {
    const store = await open(await newUrl());
    for (const at of [5, 10, 15, 20])
      await store.set(`due:${String(at).padStart(4, '0')}:p${at}`, at);
    await store.set('dues', 'neighbour');
    expect(await store.keysBetween('due:', 'due:0015')).toEqual(['due:0005:p5', 'due:0010:p10']);
    expect(await store.keysBetween('due:0010', 'due:\uffff')).toEqual([
      'due:0010:p10',
      'due:0015:p15',
      'due:0020:p20',
    ]);
    expect(await store.keysBetween('due:0021', 'due:9999')).toEqual([]);
  });

  it('two connections: of 50 concurrent claims of one key, exactly one wins', async () => {
    const url = await newUrl();
    const [first, second] = [await open(url), await open(url)];
    const claims = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 ? first : second).setIfAbsent('claim:week-1', { by: index }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await first.get('claim:week-1')).toEqual({ by: claims.indexOf(true) });
  });

  it('two connections: 100 concurrent increments with update lose none', async () => {
    const url = await newUrl();
    const [first, second] = [await open(url), await open(url)];
    await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        (index % 2 ? first : second).update<number>('counter', (count) => (count ?? 0) + 1),
      ),
    );
    expect(await second.get('counter')).toBe(100);
  });

  it('two processes: claims and compare-and-set increments race, each claim won once, no increment lost', async () => {
    const url = await newUrl();
    const store = await open(url);
    const claims = 300;
    const increments = 60;
    const child = await raceChild(url, claims, increments);
    child.go();
    const [won] = await Promise.all([
      Promise.all(
        Array.from({ length: claims }, (_, index) =>
          store.setIfAbsent(`claim:${index}`, 'parent').then((stored) => (stored ? index : -1)),
        ),
      ),
      Promise.all(
        Array.from({ length: increments }, () =>
          store.update<number>('counter', (count) => (count ?? 0) + 1),
        ),
      ),
    ]);
    const parentWon = won.filter((index) => index >= 0);
    const childWon = (await child.result).won;
    expect([...parentWon, ...childWon].sort((a, b) => a - b)).toEqual(
      Array.from({ length: claims }, (_, index) => index),
    );
    const stored = await store.getMany(
      Array.from({ length: claims }, (_, index) => `claim:${index}`),
    );
    for (const index of childWon) expect(stored[index]).toBe('child');
    for (const index of parentWon) expect(stored[index]).toBe('parent');
    expect(await store.get('counter')).toBe(2 * increments);
  });

  it(`reports its settings as the ${name} backend`, async () => {
    const store = await open(await newUrl());
    expect((await store.settings()).backend).toBe(name);
  });

  it('close ends the store: writes and reads fail afterwards instead of pretending', async () => {
    const url = await newUrl();
    const store = await open(url);
    await store.set('kept', 1);
    await store.close();
    await expect(store.set('k', 1)).rejects.toThrow();
    await expect(store.get('kept')).rejects.toThrow();
    const again = await open(url);
    expect(await again.get('kept')).toBe(1);
    expect(await again.get('k')).toBeUndefined();
  });
});

/** The other process of a race: opened and ready; `go()` starts it. */
async function raceChild(url: string, claims: number, increments: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tests/support/store-race-child.ts',
      url,
      'child',
      String(claims),
      String(increments),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`race child exited with ${String(code)}: ${stderr}`));
    });
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await Promise.race([
      lines.next(),
      exited.then(() => ({ done: true as const, value: '' })),
    ]);
    if (line.done === true) throw new Error(`race child said nothing: ${stderr}`);
    return line.value;
  };
  expect(await nextLine()).toBe('ready');
  return {
    go: () => child.stdin.write('go\n'),
    result: nextLine().then(async (line) => {
      await exited;
      return JSON.parse(line) as { won: number[] };
    }),
  };
}

async function holdSqliteWrite(url: string, key: string, raw: string) {
  const db = new sqlite3.Database(url.replace(/^sqlite:\/\//, ''));
  const run = (sql: string, ...parameters: unknown[]) =>
    new Promise<void>((resolve, reject) => {
      db.run(sql, parameters, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  await run('BEGIN IMMEDIATE');
  await run('UPDATE keyv SET value = ? WHERE key = ?', raw, key);
  return {
    async commit() {
      await run('COMMIT');
      await new Promise<void>((resolve) => {
        db.close(() => {
          resolve();
        });
      });
    },
  };
}

async function holdPostgresWrite(url: string, key: string, raw: string) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  onTestFinished(() => client.end());
  await client.query('BEGIN');
  await client.query('UPDATE keyv SET value = $1 WHERE key = $2', [raw, key]);
  return {
    async commit() {
      await client.query('COMMIT');
    },
  };
}
