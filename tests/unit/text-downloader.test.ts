// The downloader of `/text add`'s files, against the emulator's CDN: a file at once, one larger
// than announced (cut off while reading), one too slow (timed out), one gone.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../scripts/emulator/index';
import { FetchTextDownloader } from '../../src/discord/text-downloader';
import { DownloadFailed } from '../../src/texts/ports';
import { BareClients, fileCommandBot } from '../support/emulator-clients';

const CAP = 512 * 1024;
const clients = new BareClients();
let emulator: Emulator;

async function hosted() {
  emulator = await startEmulator();
  return (await fileCommandBot(emulator, clients)).attach;
}

afterEach(() => clients.finish(emulator));

describe('FetchTextDownloader', () => {
  it('reads a file whole, byte for byte', async () => {
    const attach = await hosted();
    const data = Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a, 0xc3, 0xa9]);
    const seen = await attach({ filename: 'a.txt', data });
    const bytes = await new FetchTextDownloader().download(seen.url, CAP);
    expect(Buffer.from(bytes as Uint8Array)).toEqual(data);
  });

  it('reads a file of exactly the cap, and refuses one byte more', async () => {
    const attach = await hosted();
    const downloader = new FetchTextDownloader();
    const exact = await attach({ filename: 'a.txt', data: Buffer.alloc(CAP, 'a') });
    expect((await downloader.download(exact.url, CAP)) as Uint8Array).toHaveLength(CAP);
    const over = await attach({
      filename: 'b.txt',
      data: Buffer.alloc(CAP + 1, 'a'),
      delivery: { chunkBytes: 64 * 1024, intervalMs: 1 },
    });
    expect(await downloader.download(over.url, CAP)).toBe('too-large');
  });

  it('stops an endless file as soon as it passes the cap, whatever its announced size', async () => {
    const attach = await hosted();
    const seen = await attach({
      filename: 'sans-fin.txt',
      data: 'abc',
      size: 3,
      delivery: { chunkBytes: 16 * 1024, intervalMs: 1, endless: true },
    });
    expect(await new FetchTextDownloader().download(seen.url, CAP)).toBe('too-large');
    const record = await emulator.waitFor(() =>
      emulator.downloads(seen.id).find((download) => download.outcome === 'aborted'),
    );
    expect(record.bytesSent).toBeGreaterThan(CAP);
    // Read as it comes: at most a few chunks past the cap were ever sent.
    expect(record.bytesSent).toBeLessThan(CAP + 1024 * 1024);
  });

  it('gives up on a file too slow to arrive, and hangs up', async () => {
    const attach = await hosted();
    const seen = await attach({
      filename: 'lent.txt',
      data: 'x'.repeat(1000),
      delivery: { chunkBytes: 10, intervalMs: 50 },
    });
    const failure = await new FetchTextDownloader({ timeoutMs: 200 })
      .download(seen.url, CAP)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DownloadFailed);
    expect((failure as DownloadFailed).reason).toBe('timeout');
    await emulator.waitFor(() =>
      emulator.downloads(seen.id).find((download) => download.outcome === 'aborted'),
    );
  });

  it('says a link that no longer works failed', async () => {
    const attach = await hosted();
    const seen = await attach({ filename: 'perdu.md', data: 'x', delivery: 'not-found' });
    const failure = await new FetchTextDownloader()
      .download(seen.url, CAP)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: 'DownloadFailed',
      reason: 'status',
      message: 'HTTP 404',
    });
  });
});
