import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openSqliteStore as openStore } from '../../src/store/sqlite-store';
import type { Store, StoreSettings } from '../../src/store/store';
import { CONFIG } from './config';
import type { Figure } from './figures';
import { median } from './stats';

/** A vote record, as a vote writes it. */
const VOTE = { choices: [2], lastClick: { option: 2, at: 1_760_000_000_000 } };
const CHANGED = { choices: [3], lastClick: { option: 3, at: 1_760_000_001_000 } };

type Mode =
  | 'set, one after the other'
  | 'set, all at once'
  | 'first vote (insert-if-absent, reading the poll), all at once'
  | 'changed vote (compare-and-set), all at once';

interface Workload {
  /** Untimed: what the store holds before. */
  readonly setup?: (store: Store, keys: readonly string[]) => Promise<unknown>;
  readonly run: (store: Store, keys: readonly string[]) => Promise<unknown>;
}

const MODES: Record<Mode, Workload> = {
  'set, one after the other': {
    async run(store, keys) {
      for (const key of keys) await store.set(key, VOTE);
    },
  },
  'set, all at once': {
    run: (store, keys) => Promise.all(keys.map((key) => store.set(key, VOTE))),
  },
  // What a member's first vote does: one statement, which also reads the poll's record.
  'first vote (insert-if-absent, reading the poll), all at once': {
    setup: (store) =>
      store.set('poll:bench', { question: 'Quel livre ?', options: ['Un', 'Deux'] }),
    run: (store, keys) =>
      Promise.all(keys.map((key) => store.setIfAbsentWatching(key, VOTE, 'poll:bench'))),
  },
  // What a changed vote does: compare-and-set on the member's own key (a read, then a write).
  'changed vote (compare-and-set), all at once': {
    setup: (store, keys) => Promise.all(keys.map((key) => store.set(key, VOTE))),
    run: (store, keys) => Promise.all(keys.map((key) => store.update(key, () => CHANGED))),
  },
};

/** Writes per second of `mode` on a fresh store file opened with `openStore`'s own settings. */
async function writeRate(
  mode: Mode,
  round: number,
): Promise<{ rate: number; settings: StoreSettings }> {
  const folder = await mkdtemp(join(tmpdir(), 'tribune-bench-store-'));
  const store = await openStore({
    url: `sqlite://${join(folder, 'tribune.sqlite')}`,
    logger: pino({ level: 'silent' }),
  });
  try {
    const keys = Array.from(
      { length: CONFIG.storageWrites },
      (_, index) => `vote:bench${String(round)}:${String(index).padStart(6, '0')}`,
    );
    const settings = await store.settings();
    await MODES[mode].setup?.(store, keys);
    const started = performance.now();
    await MODES[mode].run(store, keys);
    return { rate: (keys.length * 1000) / (performance.now() - started), settings };
  } finally {
    await store.close();
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The storage limit: the raw write rate of Tribune's Keyv SQLite store (WAL, synchronous=NORMAL)
 * in this process, with no bot and no Discord around; and the settings it ran with.
 */
export async function storageLimit(): Promise<{ figures: Figure[]; settings: StoreSettings }> {
  const figures: Figure[] = [];
  let settings: StoreSettings | undefined;
  for (const mode of Object.keys(MODES) as Mode[]) {
    const rates: number[] = [];
    for (let round = 0; round < CONFIG.rounds; round++) {
      const measured = await writeRate(mode, round);
      rates.push(measured.rate);
      settings = measured.settings;
    }
    figures.push({
      name: `storage limit: ${mode} (no bot)`,
      unit: '/s',
      tribune: median(rates),
      floor: null,
    });
  }
  if (settings === undefined) throw new Error('no storage round ran');
  return { figures, settings };
}

/** The settings in one line, for the table's footnote. */
export function describeSettings(settings: StoreSettings): string {
  if (settings.backend === 'postgres') {
    return `PostgreSQL ${settings.serverVersion}, pool of ${settings.poolSize} connections, statement_timeout=${settings.statementTimeoutMs} ms, TLS ${settings.tls ? 'on' : 'off'}, keys COLLATE "${settings.keyCollation}", ${settings.isolation}, Keyv throwOnErrors`;
  }
  return `SQLite journal_mode=${settings.journalMode}, synchronous=${settings.synchronous.toUpperCase()}, busy_timeout=${settings.busyTimeoutMs} ms per attempt (locks waited out up to ${settings.lockWaitMs.toLocaleString('en')} ms in all), secure_delete=${settings.secureDelete ? 'ON' : 'OFF'}, Keyv throwOnErrors`;
}
