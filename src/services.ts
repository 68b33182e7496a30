import type { Config } from './config/config';
import type { Logger } from './log/logger';
import type { PollService } from './polls/poll-service';
import type { PrivacyService } from './privacy/privacy-service';
import type { ProposalService } from './proposals/proposal-service';
import type { RateLimiter } from './rate-limit/rate-limiter';
import type { ReadingService } from './reading/reading-service';
import type { Store } from './store/store';
import type { TextDownloader } from './texts/ports';
import type { TextCatalog } from './texts/text-catalog';
import type { Clock } from './time/clock';

/**
 * What handlers work with, built once in the composition root (`src/bot.ts`) and handed to every
 * handler, so a test can give them real ones (a SQLite file in a temp folder, a controlled clock).
 */
export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Store;
  /** Built-in texts and each server's own. */
  readonly texts: TextCatalog;
  /** Files members attach to `/text add`. */
  readonly textDownloader: TextDownloader;
  readonly polls: PollService;
  readonly readings: ReadingService;
  readonly proposals: ProposalService;
  readonly rateLimits: RateLimiter;
  readonly privacy: PrivacyService;
}
