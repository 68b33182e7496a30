import { rawRows } from './polls';

/** Keys that say nothing about anyone: one claim per interaction, so two processes never both answer. */
const BOOKKEEPING = 'tribune:interaction:';

/**
 * The rows of the store's SQLite file that hold data (polls, votes, plans…), without the
 * per-interaction claims: what "changed nothing" compares, since every interaction is claimed.
 */
export async function dataRows(databasePath: string): Promise<{ key: string; value: string }[]> {
  return (await rawRows(databasePath)).filter((row) => !row.key.startsWith(BOOKKEEPING));
}

/** The rows whose key or value mentions any of `ids` (a server's, its polls', its plans'). */
export async function rowsMentioning(
  databasePath: string,
  ids: readonly string[],
): Promise<{ key: string; value: string }[]> {
  return (await dataRows(databasePath)).filter((row) =>
    ids.some((id) => row.key.includes(id) || row.value.includes(id)),
  );
}
