import type { Config } from '../config/config';
import type { Store } from '../store/store';
import { DEFAULT_ON_TIME_MS } from './core/due-occurrences';
import { createPlanStore } from './plan-store';
import { createReadingScheduler, type ReadingSchedulerOptions } from './reading-scheduler';
import { createReadingService, type ReadingService } from './reading-service';

/** What the scheduler needs, but the plan store and the due policy, which are built here. */
export interface ReadingsOptions extends Omit<ReadingSchedulerOptions, 'plans' | 'policy'> {
  readonly config: Pick<Config, 'READING_GRACE_HOURS'>;
  readonly store: Store;
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
