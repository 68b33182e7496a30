import { MAX_UPLOAD_BYTES } from '../content/text-limits';
import { excerpt } from '../content/text-notice';
import { uploadFormat } from '../content/upload/parse-upload';
import { UserError } from '../errors/user-error';
import type { Logger } from '../log/logger';
import { DownloadFailed, type TextDownloader } from './ports';

/** A file attached to `/text add`, as the command received it. */
export interface AttachedFile {
  readonly name: string;
  readonly url: string;
  /** The size announced with the file: a file announced too large is refused unread. */
  readonly size: number;
}

const KB = 1024;

/**
 * The bytes of an attached file, or a `UserError` saying why not: a name Tribune does not read
 * and a file announced too large are refused before anything is downloaded; a file larger than
 * announced is cut off as soon as it passes the cap; a failed download is said so.
 */
export async function readAttachment(
  downloader: TextDownloader,
  file: AttachedFile,
  logger: Logger,
): Promise<Uint8Array> {
  if (uploadFormat(file.name) === undefined) {
    throw new UserError('texts.error.extension', { file: excerpt(file.name) });
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new UserError('texts.error.tooLarge', {
      size: Math.ceil(file.size / KB),
      max: MAX_UPLOAD_BYTES / KB,
    });
  }
  let bytes: Uint8Array | 'too-large';
  try {
    bytes = await downloader.download(file.url, MAX_UPLOAD_BYTES);
  } catch (error) {
    if (!(error instanceof DownloadFailed)) throw error;
    logger.warn({ reason: error.reason, detail: error.message }, 'could not download a text file');
    throw new UserError('texts.error.download');
  }
  if (bytes === 'too-large') {
    throw new UserError('texts.error.tooLargeWhileReading', { max: MAX_UPLOAD_BYTES / KB });
  }
  return bytes;
}
