// The emulator's CDN: files of stored messages and files users attach to slash commands, served
// at once with their Content-Length, slowly, endlessly or not at all, as a test asks, so a bot's
// download timeout and size cap can be tested. Every GET is recorded.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { now, snowflake } from './ids';
import type { MessageStore } from './message-store';
import type { Recorder } from './recorder';
import type { AttachmentDelivery, AttachmentFile, DownloadRecord, JsonObject } from './types';

interface HostedFile {
  data: Buffer;
  contentType: string | null;
  delivery: AttachmentDelivery;
}

/** `/attachments/…` (messages) and `/ephemeral-attachments/…` (commands), each also under `/proxy`. */
const FILE_PATH = /^\/(?:proxy\/)?(?:ephemeral-)?attachments\/\d+\/(\d+)\/[^/]+$/;

/** Discord signs CDN links with an expiry (`ex`), issue time (`is`) and a hash (`hm`). */
function signedQuery(): string {
  const issued = Math.floor(Date.now() / 1000);
  const hex = (n: number): string => n.toString(16);
  return `?ex=${hex(issued + 86_400)}&is=${hex(issued)}&hm=${randomBytes(32).toString('hex')}&`;
}

/** `length` bytes of `data` repeated from `offset` (zeros when there is no data). */
function cycle(data: Buffer, offset: number, length: number): Buffer {
  const chunk = Buffer.alloc(length);
  if (data.length === 0) return chunk;
  for (let i = 0; i < length; i++) chunk[i] = data[(offset + i) % data.length] ?? 0;
  return chunk;
}

export class Cdn {
  private readonly commandFiles = new Map<string, HostedFile>();
  private readonly records: DownloadRecord[] = [];
  private readonly streams = new Set<ServerResponse>();

  constructor(
    private readonly store: MessageStore,
    private readonly recorder: Recorder,
    private readonly baseUrl: () => string,
  ) {}

  /** Hosts a file attached to a slash command; returns its `resolved.attachments` entry. */
  hostCommandFile(channelId: string, file: AttachmentFile): JsonObject & { id: string } {
    const id = snowflake();
    const data = typeof file.data === 'string' ? Buffer.from(file.data) : Buffer.from(file.data);
    this.commandFiles.set(id, {
      data,
      contentType: file.contentType ?? null,
      delivery: file.delivery ?? 'immediate',
    });
    const path = `ephemeral-attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
    const query = signedQuery();
    return {
      id,
      filename: file.filename,
      size: file.size ?? data.length,
      url: `${this.baseUrl()}/${path}${query}`,
      proxy_url: `${this.baseUrl()}/proxy/${path}${query}`,
      ...(file.contentType === undefined ? {} : { content_type: file.contentType }),
      ephemeral: true,
    };
  }

  /** Downloads so far, optionally of one attachment. */
  downloads(attachmentId?: string): DownloadRecord[] {
    return this.records
      .filter((r) => attachmentId === undefined || r.attachmentId === attachmentId)
      .map((r) => ({ ...r }));
  }

  /** Answers a GET of a CDN path; returns false for other requests. */
  serve(method: string, pathname: string, response: ServerResponse): boolean {
    const id = method === 'GET' ? FILE_PATH.exec(pathname)?.[1] : undefined;
    if (id === undefined) return false;
    const file = this.find(id);
    const record: DownloadRecord = {
      attachmentId: id,
      path: pathname,
      status: file && file.delivery !== 'not-found' ? 200 : 404,
      bytesSent: 0,
      outcome: 'pending',
      startedAt: now(),
      endedAt: null,
    };
    this.records.push(record);
    const end = (outcome: DownloadRecord['outcome']): void => {
      if (record.outcome !== 'pending') return;
      record.outcome = outcome;
      record.endedAt = now();
      this.recorder.changed();
    };
    response.on('close', () => {
      end(response.writableFinished ? 'complete' : 'aborted');
    });
    if (!file || file.delivery === 'not-found') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found');
      return true;
    }
    const headers: Record<string, string> = {
      'content-type': file.contentType ?? 'application/octet-stream',
    };
    const { delivery, data } = file;
    if (delivery === 'immediate') {
      response.writeHead(200, { ...headers, 'content-length': String(data.length) });
      record.bytesSent = data.length;
      response.end(data);
      return true;
    }
    const endless = delivery.endless === true;
    if (!endless) headers['content-length'] = String(data.length);
    response.writeHead(200, headers);
    response.flushHeaders();
    this.drip(response, record, data, delivery.chunkBytes, delivery.intervalMs, endless);
    this.recorder.changed();
    return true;
  }

  /** Ends every slow or endless download (the emulator is closing). */
  close(): void {
    for (const response of this.streams) response.destroy();
    this.streams.clear();
  }

  private find(id: string): HostedFile | undefined {
    const hosted = this.commandFiles.get(id);
    if (hosted) return hosted;
    const stored = this.store.attachment(id);
    return stored && { data: stored.data, contentType: stored.contentType, delivery: 'immediate' };
  }

  private drip(
    response: ServerResponse,
    record: DownloadRecord,
    data: Buffer,
    chunkBytes: number,
    intervalMs: number,
    endless: boolean,
  ): void {
    const size = Math.max(1, Math.floor(chunkBytes));
    this.streams.add(response);
    const timer = setInterval(() => {
      // A client that stops reading gets nothing more until it drains (no unbounded buffering).
      if (response.writableNeedDrain) return;
      const offset = record.bytesSent;
      const chunk = endless ? cycle(data, offset, size) : data.subarray(offset, offset + size);
      record.bytesSent += chunk.length;
      if (!endless && record.bytesSent >= data.length) {
        clearInterval(timer);
        response.end(chunk);
      } else {
        response.write(chunk);
      }
      this.recorder.changed();
    }, intervalMs);
    response.on('close', () => {
      clearInterval(timer);
      this.streams.delete(response);
    });
  }
}
