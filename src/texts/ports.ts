/**
 * Fetching a file a member attached to a command, implemented on `fetch` by the Discord layer
 * (`src/discord/text-downloader.ts`), so the texts feature never knows where files live.
 */
export interface TextDownloader {
  /**
   * The file's bytes; `'too-large'` as soon as more than `maxBytes` have arrived (the rest is
   * never read, whatever size the file was announced with). Throws `DownloadFailed` when the file
   * cannot be read in time, or at all.
   */
  download(url: string, maxBytes: number): Promise<Uint8Array | 'too-large'>;
}

/** The file could not be read: gone, refused, interrupted or too slow. */
export class DownloadFailed extends Error {
  constructor(
    readonly reason: 'status' | 'timeout' | 'network',
    detail: string,
  ) {
    super(detail);
    this.name = 'DownloadFailed';
  }
}
