import type { Lifecycle } from '../lifecycle';
import type { Logger } from '../log/logger';
import type { TextCatalog } from './text-catalog';

/** How often uploads nobody confirmed are deleted (and once at start): they expire in 15 min. */
export const UPLOAD_PURGE_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes the files of `/text add` previews nobody confirmed or cancelled in time. Pending uploads
 * are keyed by expiry, not by server, so one range delete takes every server's: any process may
 * run it, and two processes running it at once delete the same rows.
 */
export class UploadPurge implements Lifecycle {
  readonly name = 'text-uploads';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      readonly texts: Pick<TextCatalog, 'purgeExpired'>;
      readonly logger: Logger;
      readonly intervalMs?: number;
    },
  ) {}

  start(): Promise<void> {
    this.purge();
    this.timer = setInterval(() => {
      this.purge();
    }, this.options.intervalMs ?? UPLOAD_PURGE_INTERVAL_MS);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private purge(): void {
    const { texts, logger } = this.options;
    this.running = texts.purgeExpired().then(
      (deleted) => {
        if (deleted > 0) logger.debug({ deleted }, 'purged unconfirmed text uploads');
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'could not purge unconfirmed text uploads');
      },
    );
  }
}
