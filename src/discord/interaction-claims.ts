import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';

const PREFIX = 'interaction:';
const HOUR_MS = 3_600_000;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** How long a claim may wait for the store before the interaction is handled anyway. */
export const CLAIM_WAIT_MS = 1000;
/** How often claims older than the previous hour are deleted (and once at start). */
export const CLAIM_PURGE_INTERVAL_MS = 10 * 60_000;
/** Claims written in one statement at most (two SQL parameters each). */
const MAX_BATCH = 250;

/**
 * `interaction:<hour the interaction was created, 10 digits>:<id>`. Every process computes the
 * same key from the id alone: the hour comes from the snowflake (Discord's clock), not from the
 * receiving host's. The fixed-width hour makes the keys sort by age, so old claims go in one
 * range delete.
 */
export function claimKey(interactionId: string): string {
  const createdAt = Number((BigInt(interactionId) >> 22n) + DISCORD_EPOCH_MS);
  return `${PREFIX}${hourBucket(createdAt)}:${interactionId}`;
}

function hourBucket(epochMs: number): string {
  return String(Math.floor(epochMs / HOUR_MS)).padStart(10, '0');
}

export interface InteractionClaimsOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly waitMs?: number;
  readonly purgeIntervalMs?: number;
}

/**
 * Exactly-once handling of interactions across processes sharing one store.
 *
 * Discord delivers each interaction to every connected session and keeps only the first answer
 * (the others get 40060). Two processes on one SQLite file (a rolling restart, or a mistake)
 * would both run the handler: the second run of a click on one's own option withdraws the vote
 * the first just confirmed, a `/poll create` posts two polls. So before any handler runs, the
 * router claims the interaction with an insert-if-absent; the process that loses drops it
 * without answering.
 *
 * Availability beats exactly-once when the store cannot answer: a claim that fails, or takes
 * longer than `CLAIM_WAIT_MS` (another connection holding the write lock), lets this process
 * handle the interaction anyway, and says so in the logs. A single process, the usual setup,
 * then still answers (a vote gets "could not record", a quote is still shown) instead of leaving
 * every interaction unanswered during an outage.
 *
 * A claim is one indexed insert (see the router for its measured cost); the claims of
 * interactions that arrive together (a burst: the gateway hands them over in the same tick) are
 * written in one statement, since each statement costs node-sqlite3 ~0.1 ms of the main thread
 * whatever it does, and that, not SQLite, is what a burst waits for. Claims are kept for at
 * least an hour (far beyond Discord's 3 s for a first answer and any gateway replay), then purged
 * by hour bucket.
 */
export class InteractionClaims implements Lifecycle {
  readonly name = 'interaction-claims';
  private purgeTimer: NodeJS.Timeout | undefined;
  private purging: Promise<unknown> = Promise.resolve();
  private pending: { key: string; settle: (outcome: boolean | Error) => void }[] = [];
  private flushScheduled = false;

  constructor(private readonly options: InteractionClaimsOptions) {}

  /** True when this process should handle the interaction, false when another one has it. */
  async claim(interactionId: string): Promise<boolean> {
    const { logger } = this.options;
    const waitMs = this.options.waitMs ?? CLAIM_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        resolve('timeout');
      }, waitMs);
    });
    const attempt = Promise.resolve()
      .then(() => this.claimInBatch(claimKey(interactionId)))
      .then(
        (claimed) => ({ claimed }),
        (error: unknown) => ({ error }),
      );
    const outcome = await Promise.race([attempt, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      logger.warn({ interactionId, waitMs }, 'interaction claim timed out, handled here');
      return true;
    }
    if ('error' in outcome) {
      logger.warn({ err: outcome.error, interactionId }, 'interaction claim failed, handled here');
      return true;
    }
    return outcome.claimed;
  }

  /** Deletes the claims of interactions created before the previous hour; returns how many. */
  async purge(): Promise<number> {
    const bucket = hourBucket(this.options.clock.now().getTime() - HOUR_MS);
    const deleted = await this.options.store.deleteRange(PREFIX, `${PREFIX}${bucket}:`);
    if (deleted > 0) this.options.logger.debug({ deleted }, 'purged old interaction claims');
    return deleted;
  }

  start(): Promise<void> {
    this.schedulePurge();
    this.purgeTimer = setInterval(() => {
      this.schedulePurge();
    }, this.options.purgeIntervalMs ?? CLAIM_PURGE_INTERVAL_MS);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.purging;
  }

  /** Queues a claim for the next batch, written once the current tick's interactions are in. */
  private claimInBatch(key: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        key,
        settle: (outcome) => {
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        },
      });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const batch = this.pending.splice(0, MAX_BATCH);
      if (this.pending.length > 0) this.scheduleFlush();
      this.options.store.setManyIfAbsent([...new Set(batch.map((claim) => claim.key))], 1).then(
        (stored) => {
          for (const claim of batch) {
            // A key twice in one batch (an interaction delivered twice): the first one has it.
            claim.settle(stored.delete(claim.key));
          }
        },
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const claim of batch) claim.settle(failure);
        },
      );
    });
  }

  private schedulePurge(): void {
    this.purging = this.purge().catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'could not purge old interaction claims');
    });
  }
}
