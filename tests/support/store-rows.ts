import pg from 'pg';
import sqlite3 from 'sqlite3';

export interface Row {
  readonly key: string;
  readonly value: string;
}

/**
 * Every row of a store, read with a connection of its own, in key order: `store` is the store's
 * URL (`sqlite://…` or `postgres://…`) or a SQLite file's path.
 */
export async function rawRows(store: string): Promise<Row[]> {
  if (/^postgres(ql)?:\/\//.test(store)) {
    const client = new pg.Client({ connectionString: store });
    await client.connect();
    try {
      return (await client.query<Row>('SELECT key, value FROM keyv ORDER BY key COLLATE "C"')).rows;
    } finally {
      await client.end();
    }
  }
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(store.replace(/^sqlite:\/\//, ''), sqlite3.OPEN_READONLY);
    db.all('SELECT key, value FROM keyv ORDER BY key', (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as Row[]);
    });
  });
}

/** Keys that say nothing about anyone: one claim per interaction, so two processes never both answer. */
const BOOKKEEPING = 'tribune:interaction:';

/**
 * The rows of the store that hold data (polls, votes, plans…), without the per-interaction
 * claims: what "changed nothing" compares, since every interaction is claimed.
 */
export async function dataRows(store: string): Promise<Row[]> {
  return (await rawRows(store)).filter((row) => !row.key.startsWith(BOOKKEEPING));
}

/** The rows whose key or value mentions any of `ids` (a server's, its polls', its plans'). */
export async function rowsMentioning(store: string, ids: readonly string[]): Promise<Row[]> {
  return (await dataRows(store)).filter((row) =>
    ids.some((id) => row.key.includes(id) || row.value.includes(id)),
  );
}
