import { pino } from 'pino';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store';

/** Either backend, by URL scheme, as the bot chooses it (`sqlite://` or `postgres://`). */
export function openStoreAt(url: string, logger = pino({ level: 'silent' })): Promise<Store> {
  return openStore({ url, logger });
}
