import { pino } from 'pino';
import { openPostgresStore } from '../../src/store/postgres-store';
import { openStore, type Store } from '../../src/store/store';

/** Either backend, by URL scheme, as the bot will choose it (`sqlite://` or `postgres://`). */
export function openStoreAt(url: string, logger = pino({ level: 'silent' })): Promise<Store> {
  return url.startsWith('sqlite://')
    ? openStore({ url, logger })
    : openPostgresStore({ url, logger });
}
