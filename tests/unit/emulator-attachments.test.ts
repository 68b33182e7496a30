// Files attached to slash commands: the payload's resolved attachments, and the emulator's CDN
// serving them at once, slowly, endlessly or not at all (a bot's timeout and size cap).
import type { Attachment } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../scripts/emulator/index';
import type { AttachmentFile, Emulator } from '../../scripts/emulator/index';
import { BareClients, fileCommandBot } from '../support/emulator-clients';

const MARKDOWN = '---\ntitre: Dune\n---\n## Chapitre 1\n\nUne phrase accentuée : « é ».\n';

let emulator: Emulator;
const clients = new BareClients();
let attach: (file: AttachmentFile) => Promise<Attachment>;

/** A bot that only records the attachment discord.js gives it and acknowledges. */
async function setup(): Promise<Attachment[]> {
  emulator = await startEmulator();
  const bot = await fileCommandBot(emulator, clients);
  attach = bot.attach;
  return bot.received;
}

/** Reads a response body up to `cap` bytes, as a careful bot does; cancels past the cap. */
async function readCapped(
  response: Response,
  cap: number,
): Promise<{ bytes: number; capped: boolean }> {
  // Node's fetch types its body stream loosely; it yields bytes.
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (!reader) throw new Error('no body');
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes, capped: false };
    bytes += value.length;
    if (bytes > cap) {
      await reader.cancel();
      return { bytes, capped: true };
    }
  }
}

afterEach(() => clients.finish(emulator));

describe('slash command attachments', () => {
  it('registers an ATTACHMENT option and resolves the file for discord.js', async () => {
    const received = await setup();
    expect(emulator.commands()[0]?.options[0]).toMatchObject({ type: 11, name: 'fichier' });
    const handle = emulator.slashCommand({
      name: 'texte',
      options: {
        fichier: { filename: 'dune.md', contentType: 'text/markdown', data: MARKDOWN },
        titre: 'Dune',
      },
    });
    await handle.reply();
    const data = handle.payload.data as {
      options: { name: string; type: number; value: string }[];
      resolved: { attachments: Record<string, Record<string, unknown>> };
    };
    const option = data.options.find((o) => o.name === 'fichier');
    expect(option?.type).toBe(11);
    const resolved = data.resolved.attachments[option?.value ?? ''];
    expect(resolved).toMatchObject({
      id: option?.value,
      filename: 'dune.md',
      size: Buffer.byteLength(MARKDOWN),
      content_type: 'text/markdown',
      ephemeral: true,
    });
    const seen = received[0];
    expect(seen?.name).toBe('dune.md');
    expect(seen?.size).toBe(Buffer.byteLength(MARKDOWN));
    expect(seen?.contentType).toBe('text/markdown');
    expect(
      seen?.url.startsWith(`${emulator.apiUrl.replace(/\/api$/, '')}/ephemeral-attachments/`),
    ).toBe(true);

    for (const url of [seen?.url ?? '', seen?.proxyURL ?? '']) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(MARKDOWN)));
      expect(response.headers.get('content-type')).toBe('text/markdown');
      expect(await response.text()).toBe(MARKDOWN);
    }
    expect(emulator.downloads(seen?.id).map((d) => [d.status, d.outcome])).toEqual([
      [200, 'complete'],
      [200, 'complete'],
    ]);
  });

  it('announces the size the test chooses and serves binary data as it is', async () => {
    await setup();
    const bytes = Buffer.from([0, 255, 1, 254, 0xc3, 0x28]);
    const seen = await attach({ filename: 'binaire.txt', data: bytes, size: 1 });
    expect(seen.size).toBe(1);
    expect(seen.contentType).toBeNull();
    const response = await fetch(seen.url);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('answers 404 for a file served as not-found (an expired link)', async () => {
    await setup();
    const seen = await attach({
      filename: 'perdu.md',
      data: MARKDOWN,
      delivery: 'not-found',
    });
    const response = await fetch(seen.url);
    expect(response.status).toBe(404);
    expect(emulator.downloads(seen.id)).toMatchObject([{ status: 404, outcome: 'complete' }]);
  });

  it('serves a file slowly, so a download timeout fires, and records the abort', async () => {
    await setup();
    const seen = await attach({
      filename: 'lent.md',
      data: 'x'.repeat(100),
      delivery: { chunkBytes: 10, intervalMs: 50 },
    });
    const started = performance.now();
    const slow = await fetch(seen.url);
    expect(slow.headers.get('content-length')).toBe('100');
    expect(await slow.text()).toBe('x'.repeat(100));
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);

    await expect(
      fetch(seen.url, { signal: AbortSignal.timeout(120) }).then((r) => r.text()),
    ).rejects.toThrow();
    const aborted = await emulator.waitFor(() =>
      emulator.downloads(seen.id).find((d) => d.outcome === 'aborted'),
    );
    expect(aborted.bytesSent).toBeLessThan(100);
  });

  it('serves an endless file without Content-Length until the client stops at its cap', async () => {
    await setup();
    const seen = await attach({
      filename: 'sans-fin.txt',
      data: 'abc',
      size: 3,
      delivery: { chunkBytes: 64 * 1024, intervalMs: 1, endless: true },
    });
    const response = await fetch(seen.url);
    expect(response.headers.get('content-length')).toBeNull();
    const cap = 512 * 1024;
    const read = await readCapped(response, cap);
    expect(read.capped).toBe(true);
    const record = await emulator.waitFor(() =>
      emulator.downloads(seen.id).find((d) => d.outcome === 'aborted'),
    );
    expect(record.bytesSent).toBeGreaterThan(cap);
  });

  it('refuses a file for a non-attachment option and a value for an attachment one', async () => {
    await setup();
    const file = { filename: 'a.md', data: 'a' };
    expect(() =>
      emulator.slashCommand({ name: 'texte', options: { fichier: file, titre: file } }),
    ).toThrow(/a file was given to a non-attachment option/);
    expect(() => emulator.slashCommand({ name: 'texte', options: { fichier: '123' } })).toThrow(
      /pass a file/,
    );
  });

  it('closes cleanly while an endless download is still running', async () => {
    await setup();
    const seen = await attach({
      filename: 'sans-fin.txt',
      data: 'abc',
      delivery: { chunkBytes: 1024, intervalMs: 5, endless: true },
    });
    const response = await fetch(seen.url);
    await response.body?.getReader().read();
    // afterEach closes the emulator with this download open: it must not hang.
    expect(emulator.downloads(seen.id)[0]?.outcome).toBe('pending');
  });
});
