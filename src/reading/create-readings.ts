import type { Client } from 'discord.js';
import type { Config } from '../config/config';
import type { Library } from '../content/library';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { Clock } from '../time/clock';
import { DEFAULT_ON_TIME_MS } from './due-occurrences';
import { createPlanStore } from './plan-store';
import type { PromptPoster } from './prompt-poster';
import { createReadingScheduler, type ClosingPoll } from './reading-scheduler';
import { createReadingService, type ReadingService } from './reading-service';

export interface ReadingsOptions {
  readonly config: Pick<Config, 'READING_GRACE_HOURS'>;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Store;
  readonly library: Library;
  /** The Discord side of posting (`createReadingPoster`), built once the client is ready. */
  readonly posterFor: (client: Client<true>) => PromptPoster;
  readonly closingPoll?: ClosingPoll | undefined;
  /** For tests: delays between post attempts, and how often to reconcile (node-cron syntax). */
  readonly retryDelaysMs?: readonly number[];
  readonly reconcileCron?: string;
}

/** The reading-plan feature, wired: its store, its scheduler and the service commands use. */
export function createReadings(options: ReadingsOptions): ReadingService {
  const plans = createPlanStore(options.store);
  const scheduler = createReadingScheduler({
    ...options,
    plans,
    policy: {
      graceMs: options.config.READING_GRACE_HOURS * 3_600_000,
      onTimeMs: DEFAULT_ON_TIME_MS,
    },
  });
  return createReadingService({
    plans,
    scheduler,
    library: options.library,
    clock: options.clock,
    closingPollAvailable: options.closingPoll !== undefined,
  });
}
