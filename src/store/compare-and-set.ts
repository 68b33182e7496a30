/** One backend's statements for a compare-and-set, on values in Keyv's serialised form. */
export interface CompareAndSetStatements {
  readonly read: (key: string) => Promise<string | undefined>;
  /** Writes `next` only if the value is still `expected`; true when it did. */
  readonly replace: (key: string, expected: string, next: string) => Promise<boolean>;
  /** Writes `next` only if the key is still absent; true when it did. */
  readonly insert: (key: string, next: string) => Promise<boolean>;
  readonly serialize: (value: unknown) => Promise<string>;
  readonly deserialize: <T>(raw: string) => Promise<T>;
}

const MAX_UPDATE_ATTEMPTS = 50;

/**
 * The store's `update`, on any backend: reads, applies `change`, writes only if nobody wrote in
 * between, and tries again (after a short random pause, so two writers don't collide again) when
 * somebody did. Serialised per key within this process, so only other processes can conflict.
 */
export class CompareAndSet {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly statements: CompareAndSetStatements) {}

  update<T>(
    key: string,
    change: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    const next = (this.inFlight.get(key) ?? Promise.resolve()).then(() =>
      this.attempt(key, change),
    );
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(key, settled);
    void settled.then(() => {
      if (this.inFlight.get(key) === settled) this.inFlight.delete(key);
    });
    return next;
  }

  private async attempt<T>(
    key: string,
    change: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    const { read, replace, insert, serialize, deserialize } = this.statements;
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const raw = await read(key);
      const current = raw === undefined ? undefined : await deserialize<T>(raw);
      const next = change(current);
      if (next === undefined) return current;
      const serialized = await serialize(next);
      const written =
        raw === undefined ? await insert(key, serialized) : await replace(key, raw, serialized);
      if (written) return next;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
    }
    throw new Error(`update of "${key}" kept conflicting`);
  }
}
