import type { ReadableStream, ReadableStreamReadResult } from 'node:stream/web';
import { DownloadFailed, type TextDownloader } from '../texts/ports';

/** A file of 512 KB from Discord's CDN takes well under a second; far longer is a stalled link. */
export const DOWNLOAD_TIMEOUT_MS = 15_000;

/**
 * Downloads attachments from their `url` with `fetch`: the whole download has `timeoutMs`, and
 * the body is counted as it arrives, the connection dropped as soon as it passes the cap. Neither
 * the announced size nor the Content-Length is trusted to stop a large file; a Content-Length
 * over the cap only spares reading the start of it.
 */
export class FetchTextDownloader implements TextDownloader {
  constructor(private readonly options: { readonly timeoutMs?: number } = {}) {}

  async download(url: string, maxBytes: number): Promise<Uint8Array | 'too-large'> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
    const failed = (error: unknown) =>
      timedOut
        ? new DownloadFailed('timeout', 'the download took too long')
        : new DownloadFailed('network', error instanceof Error ? error.message : String(error));
    try {
      let response: Response;
      try {
        response = await fetch(url, { signal: controller.signal });
      } catch (error) {
        throw failed(error);
      }
      if (!response.ok) {
        controller.abort();
        throw new DownloadFailed('status', `HTTP ${response.status}`);
      }
      const announced = Number(response.headers.get('content-length') ?? 0);
      // Node's fetch types its body stream loosely; it yields bytes.
      const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
      if (announced > maxBytes || reader === undefined) {
        controller.abort();
        return announced > maxBytes ? 'too-large' : new Uint8Array();
      }
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw failed(error);
        }
        if (chunk.done) break;
        received += chunk.value.length;
        if (received > maxBytes) {
          // Hangs up at once: the rest of the file is never transferred.
          controller.abort();
          return 'too-large';
        }
        chunks.push(chunk.value);
      }
      return Buffer.concat(chunks);
    } finally {
      clearTimeout(timer);
    }
  }
}
