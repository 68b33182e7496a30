import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store, StoreOptions } from './store';

/** The store `DATABASE_URL` names: `sqlite://…` (default) or `postgres://…` / `postgresql://…`. */
export function openStore(options: StoreOptions): Promise<Store> {
  return /^postgres(ql)?:\/\//.test(options.url)
    ? openPostgresStore(options)
    : openSqliteStore(options);
}
