import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type AttachmentFile, type StoredMessage } from '../../scripts/emulator';
import { MAX_UPLOAD_BYTES } from '../../src/content/text-limits';
import { RATE_LIMITS } from '../../src/rate-limit/rate-limiter';
import { TEXT_LIMITS } from '../../src/texts/text-catalog';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { hostileString } from '../support/hostile-strings';
import { dataRows } from '../support/store-rows';
import {
  FRONT_MATTER,
  MARKDOWN_TEXT,
  PLAIN_TEXT,
  addFile,
  addText,
  press,
  textCommand,
} from '../support/texts';

const { guild, readerRole } = DEFAULT_IDS;
const MB = 1024 * 1024;

/** What the member is told, as one string (content, or the problems' embed). */
const answer = (testBot: TestBot, reply: StoredMessage) => testBot.emulator.text(reply);

/**
 * Sends the file and checks the promise every hostile file must keep: a private answer, nothing
 * stored, no error logged, and the bot still quoting afterwards.
 */
async function refused(
  testBot: TestBot,
  filename: string,
  data: AttachmentFile['data'],
  file: Partial<AttachmentFile> = {},
): Promise<string> {
  const { emulator, storeUrl } = testBot;
  const before = await dataRows(storeUrl);
  const reply = await addFile(emulator, filename, data, {}, file);
  expect(reply.ephemeral).toBe(true);
  expect(reply.components).toEqual([]);
  expect(await dataRows(storeUrl)).toEqual(before);
  expect(testBot.logs.filter((line) => Number(line.level) >= 50)).toEqual([]);
  const quote = await emulator.slashCommand({ name: 'section', options: { section: '1' } }).reply();
  expect(quote.embeds[0]?.title).toMatch(/^§1 · /);
  return answer(testBot, reply);
}

describe('hostile files get a clear answer, store nothing and crash nothing', () => {
  it('binary data (a PNG renamed .md)', async () => {
    const testBot = await startTestBot();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await refused(testBot, 'image.md', png)).toMatch(
      /Je ne peux pas ajouter « image\.md »[\s\S]*Ligne 2 : caractère de contrôle U\+001A : ce fichier ressemble à des données binaires/,
    );
  });

  it('a file announced at 10 MB: refused before any byte is downloaded', async () => {
    const testBot = await startTestBot();
    const text = await refused(testBot, 'gros.txt', Buffer.alloc(10 * MB, 'a'));
    expect(text).toContain('Le fichier fait 10240 Ko ; 512 Ko au plus, s’il vous plaît.');
    expect(testBot.emulator.downloads()).toEqual([]);
  });

  it('10 MB announced as 2 KB: the cap stops the download as soon as it is passed', async () => {
    const testBot = await startTestBot();
    // Served without Content-Length, endlessly: only counting the bytes as they come can stop it.
    const text = await refused(testBot, 'menteur.txt', 'Titre\n\nUn paragraphe.\n', {
      size: 2048,
      delivery: { chunkBytes: 64 * 1024, intervalMs: 1, endless: true },
    });
    expect(text).toContain('Le fichier dépasse 512 Ko : j’ai arrêté de le lire.');
    const [download] = await testBot.emulator.waitFor(() => {
      const downloads = testBot.emulator.downloads();
      return downloads[0]?.outcome === 'aborted' && downloads;
    });
    expect(download?.bytesSent).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(download?.bytesSent).toBeLessThan(2 * MB);
  });

  it('10 MB announced as 2 KB, with its true Content-Length: refused without reading it', async () => {
    const testBot = await startTestBot();
    const text = await refused(testBot, 'menteur.md', Buffer.alloc(10 * MB, 'a'), { size: 2048 });
    expect(text).toContain('Le fichier dépasse 512 Ko');
  });

  it('a link that no longer works, and a name Tribune does not read', async () => {
    const testBot = await startTestBot();
    expect(await refused(testBot, 'parti.md', MARKDOWN_TEXT, { delivery: 'not-found' })).toBe(
      '(only you can see this)\nJe n’ai pas pu lire le fichier (envoi interrompu ou trop lent) : réessayez.',
    );
    expect(await refused(testBot, 'texte.pdf', MARKDOWN_TEXT)).toContain(
      'Je ne lis que les fichiers .md (le format de Tribune) et .txt (texte brut) ; « texte.pdf » n’en est pas un.',
    );
    expect(testBot.emulator.downloads()).toHaveLength(1);
  });

  it('invalid UTF-8, naming the line', async () => {
    const testBot = await startTestBot();
    const latin1 = Buffer.concat([
      Buffer.from('Titre\n\nUn paragraphe.\n\nUn autre, en Latin-1 : '),
      Buffer.from([0xe9, 0x74, 0xe9]),
      Buffer.from('.\n'),
    ]);
    expect(await refused(testBot, 'latin1.txt', latin1)).toContain(
      'Ligne 5 : cette ligne n’est pas en UTF-8',
    );
  });

  it('10,000 headings', async () => {
    const testBot = await startTestBot();
    const headings = Array.from({ length: 10_000 }, (_, index) => `## Titre ${index}\n\nP.\n`);
    const text = await refused(testBot, 'titres.txt', `Titre\n\n${headings.join('\n')}`);
    expect(text).toContain('plus de 200 sections : regroupez-en, un texte en a 200 au plus.');
  });

  it('a section of one 50,000-character paragraph', async () => {
    const testBot = await startTestBot();
    const source = [...FRONT_MATTER, '---', '', '## Une', '', 'mot '.repeat(12_500), ''].join('\n');
    expect(await refused(testBot, 'mur.md', source)).toContain(
      'Ligne 11 : ce paragraphe fait 49999 caractères ; 20000 au plus.',
    );
  });

  it('front matter with unexpected keys', async () => {
    const testBot = await startTestBot();
    const source = [...FRONT_MATTER, 'layout: post', 'tags: [a, b]', '---', '', '## Une', '', 'P.'];
    const text = await refused(testBot, 'jekyll.md', source.join('\n'));
    expect(text).toContain('Ligne 7 : clé d’en-tête inconnue « layout »');
    expect(text).toContain('Ligne 8 : clé d’en-tête inconnue « tags »');
  });
});

describe('mentions in a text', () => {
  it('are shown as written in the preview, the list and quotes, and never ping', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const source = [
      '---',
      `title: @everyone <@&${readerRole}> @here`,
      `author: <@${DEFAULT_IDS.reader}>`,
      'date: 2024-01-02',
      'language: fr',
      'source: https://example.org/',
      '---',
      '',
      `## @everyone <@&${readerRole}>`,
      '',
      `@everyone, <@&${readerRole}> et <@${DEFAULT_IDS.reader}> : lisez !`,
      '',
    ].join('\n');
    const preview = await addFile(emulator, 'mentions.md', source);
    expect(emulator.text(preview)).toContain(`Aperçu : @everyone <@&${readerRole}> @here`);
    await press(emulator, preview, 'text-add').reply();
    const [entry] = await testBot.bot.services.texts.entries(guild);
    const list = await textCommand(emulator, 'list').reply();
    expect(emulator.text(list)).toContain(`**@everyone <@&${readerRole}> @here**`);
    const quote = await emulator
      .slashCommand({ name: 'section', options: { text: entry?.id ?? '', section: '1' } })
      .reply();
    expect(quote.embeds[0]?.description).toBe(
      `**¶1** @everyone, <@&${readerRole}> et <@${DEFAULT_IDS.reader}> : lisez !`,
    );
    // Every answer went out with mention parsing off; nobody was pinged.
    const bodies = emulator
      .requestsTo(/callback|webhooks/)
      .map((request) => request.body as { data?: { allowed_mentions?: unknown } } | undefined)
      .map((body) => body?.data?.allowed_mentions)
      .filter((mentions) => mentions !== undefined);
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    expect(new Set(bodies.map((mentions) => JSON.stringify(mentions)))).toEqual(
      new Set([JSON.stringify({ parse: [], roles: [] })]),
    );
    expect(emulator.pings()).toEqual([]);
  });
});

describe('a server’s limits', () => {
  it('refuses a 26th text, saying how to make room, before anything is stored', async () => {
    const testBot = await startTestBot();
    const { emulator, bot, storeUrl } = testBot;
    for (let index = 1; index < TEXT_LIMITS.texts; index++) {
      await addViaServices(testBot, `Texte ${index}\n\nUn paragraphe.\n`);
    }
    await addText(testBot, 'servitude.txt', PLAIN_TEXT);
    expect(await bot.services.texts.entries(guild)).toHaveLength(TEXT_LIMITS.texts);
    const before = await dataRows(storeUrl);
    const reply = await addFile(emulator, 'paresse.md', MARKDOWN_TEXT);
    expect(reply.content).toBe(
      'Ce serveur a déjà 25 textes, le maximum : retirez-en un (`/texte retirer`) avant d’en ajouter.',
    );
    expect(await dataRows(storeUrl)).toEqual(before);
    const list = await textCommand(emulator, 'list').reply();
    expect(list.embeds[0]?.footer?.text).toMatch(/^Place restante : 0 sur 25 textes/);
  });

  it('refuses a text that would take the server past 2 MB, and one confirmed after the room ran out', async () => {
    const testBot = await startTestBot();
    const { emulator, bot, storeUrl } = testBot;
    const big = (title: string) =>
      `${title}\n\n${'Un paragraphe assez long pour peser. '.repeat(250)}\n\n`.repeat(50);
    // Two previews prepared while there is room for one: the second confirmation is refused.
    for (let index = 1; index <= 3; index++) await addViaServices(testBot, big(`Gros ${index}`));
    const first = await addFile(emulator, 'a.txt', big('Quatrième'));
    const second = await addFile(emulator, 'b.txt', big('Cinquième'));
    expect(emulator.text(second)).toContain('Aperçu : Cinquième');
    await press(emulator, first, 'text-add').reply();
    const before = await dataRows(storeUrl);
    const late = await press(emulator, second, 'text-add').reply();
    expect(late.ephemeral).toBe(true);
    expect(late.content).toMatch(
      /^Ce texte \(\d+ Ko\) dépasse la place qui reste à ce serveur \(\d+ Ko sur 2048 Ko\) : retirez un texte d’abord\.$/,
    );
    expect(await dataRows(storeUrl)).toEqual(before);
    expect(await bot.services.texts.entries(guild)).toHaveLength(4);
    // And a new file that does not fit is refused at once.
    const refusedNow = await addFile(emulator, 'c.txt', big('Sixième'));
    expect(refusedNow.content).toMatch(/^Ce texte \(\d+ Ko\) dépasse la place qui reste/);
  });
});

/** A .txt text stored through the services, as an organiser's confirmed upload would be. */
async function addViaServices(testBot: TestBot, source: string): Promise<void> {
  const { texts } = testBot.bot.services;
  const prepared = await texts.prepare({
    guildId: guild,
    userId: DEFAULT_IDS.moderator,
    fileName: 'texte.txt',
    bytes: new TextEncoder().encode(source),
    plainText: { author: 'Quelqu’un', language: 'fr' },
  });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  await texts.confirm(prepared.token, prepared.expiresAt, DEFAULT_IDS.moderator);
}

describe('a script sending files', () => {
  it('gets 10 read at once, then none until a minute has passed, each refusal unread', async () => {
    const testBot = await startTestBot();
    const { emulator } = testBot;
    const { burst } = RATE_LIMITS.textUpload;
    for (let attempt = 0; attempt < burst; attempt++) {
      const reply = await addFile(emulator, 'vide.txt', '');
      expect(reply.content).toBe('');
    }
    const refusedReply = await addFile(emulator, 'vide.txt', '');
    expect(refusedReply.content).toMatch(
      /^Vous avez envoyé beaucoup de fichiers d’un coup : celui-ci n’a pas été lu\. Réessayez <t:\d+:R>\.$/,
    );
    expect(emulator.downloads()).toHaveLength(burst);
  });
});

describe('forged /text buttons', () => {
  it('store and remove nothing, and crash nothing', async () => {
    const testBot = await startTestBot();
    const { emulator, storeUrl, logs } = testBot;
    const entry = await addText(testBot, 'servitude.txt', PLAIN_TEXT);
    const preview = await addFile(emulator, 'paresse.md', MARKDOWN_TEXT);
    const rows = await dataRows(storeUrl);
    const future = String(Date.now() + 60_000);
    const kinds = ['text-add', 'text-add-cancel', 'text-remove', 'text-remove-cancel', 'text-list'];
    const customId = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...kinds),
          fc.array(
            fc.oneof(
              fc.constantFrom(entry.id, DEFAULT_IDS.moderator, DEFAULT_IDS.reader, future, '0'),
              fc.constantFrom('', '-1', '99999999999999999999', 'fr', 'xx', 't-000000000000'),
              hostileString(20),
            ),
            { maxLength: 5 },
          ),
        )
        .map(([kind, parts]) => [kind, ...parts].join(':').slice(0, 100)),
      hostileString(100).map((tail) => `text-add:${tail}`.slice(0, 100)),
    );
    await fc.assert(
      fc.asyncProperty(customId, async (id) => {
        // Only Camille's own removal of her own text, well formed, would do something.
        fc.pre(!id.startsWith(`text-remove:${entry.id}:${DEFAULT_IDS.moderator}:${future}`));
        fc.pre(!id.startsWith('text-list:'));
        const reply = await emulator
          .clickButton({ message: preview, customId: id, user: DEFAULT_IDS.reader, forged: true })
          .reply();
        expect(reply.ephemeral).toBe(true);
      }),
      { numRuns: 80 },
    );
    expect(await dataRows(storeUrl)).toEqual(rows);
    expect(logs.filter((line) => line.msg === 'interaction handler failed')).toEqual([]);
    expect(emulator.pings()).toEqual([]);
  });
});
