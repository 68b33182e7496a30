import { randomBytes } from 'node:crypto';
import { createLibrary, rankByTitle, type Library } from '../content/library';
import type { Text } from '../content/text';
import {
  parseUpload,
  type PlainTextMeta,
  type TextProblem,
  type UploadPreview,
  type UploadResult,
} from '../content/upload/parse-upload';
import { UserError } from '../errors/user-error';
import type { Store } from '../store/store';
import type { TextEntry } from './core/text-entry';
import type { Clock } from '../time/clock';

/** A server's texts, at most: enough for years of reading, bounded so no server fills the store. */
export const TEXT_LIMITS = { texts: 25, bytes: 2 * 1024 * 1024 } as const;
/** How long an organiser has to confirm an upload (or a removal). */
export const CONFIRMATION_TTL_MS = 15 * 60_000;

/** An upload read: its preview and what its confirmation buttons carry, or why it was refused. */
export type PreparedUpload =
  | { readonly ok: false; readonly errors: readonly TextProblem[] }
  | {
      readonly ok: true;
      readonly preview: UploadPreview;
      readonly token: string;
      readonly expiresAt: number;
    };

/** `texts:<guildId>`: the server's texts, changed only by compare-and-set (limits hold across processes). */
interface TextIndex {
  readonly texts: readonly TextEntry[];
}

/** An upload waiting for its organiser's confirmation. */
interface PendingUpload {
  readonly guildId: string;
  readonly userId: string;
  readonly textId: string;
  readonly expiresAt: number;
  readonly file: StoredText;
}

/** `text:<guildId>:<textId>`: the file exactly as uploaded, and what a `.txt` cannot say itself. */
interface StoredText {
  readonly fileName: string;
  /** The file as sent (base64): what is parsed, and what export gives back. */
  readonly bytes: string;
  readonly meta: PlainTextMeta;
}

const indexKey = (guildId: string) => `texts:${guildId}`;
const textKey = (guildId: string, textId: string) => `text:${guildId}:${textId}`;
const removedKey = (guildId: string, textId: string) => `text-removed:${guildId}:${textId}`;
const UPLOAD_PREFIX = 'text-upload:';
const uploadKey = (expiresAt: number, token: string) =>
  `${UPLOAD_PREFIX}${String(expiresAt).padStart(15, '0')}:${token}`;

/** Parsed texts kept in memory, by server and id: a text never changes once stored. */
const MAX_PARSED = 200;

export interface TextCatalogOptions {
  readonly store: Store;
  /** The texts every server has (`content/`). */
  readonly builtIn: Library;
  readonly clock: Clock;
}

/**
 * Texts from Discord: each server's own texts beside the built-in ones, never visible in another
 * server. A text's id is random, stable and never reused (a removed one leaves a tombstone, so its
 * old buttons say it was removed); the file is stored exactly as uploaded and parsed when first
 * used in a process (`content/`'s own parser and checks).
 */
export class TextCatalog {
  private readonly parsed = new Map<string, Text>();
  private readonly libraries = new Map<string, { signature: string; library: Library }>();

  constructor(private readonly options: TextCatalogOptions) {}

  get builtIn(): Library {
    return this.options.builtIn;
  }

  /** The texts a server can read: the built-in ones, then its own in the order added. */
  async libraryFor(guildId: string | null): Promise<Library> {
    if (guildId === null) return this.builtIn;
    const entries = await this.entries(guildId);
    if (entries.length === 0) return this.builtIn;
    const signature = entries.map((entry) => entry.id).join(',');
    const cached = this.libraries.get(guildId);
    if (cached?.signature === signature) return cached.library;
    const own = await Promise.all(entries.map((entry) => this.load(guildId, entry.id)));
    const library = createLibrary([
      ...this.builtIn.texts,
      ...own.filter((text): text is Text => text !== undefined),
    ]);
    if (this.libraries.size >= MAX_PARSED) this.libraries.clear();
    this.libraries.set(guildId, { signature, library });
    return library;
  }

  /** A text by id, as a server sees it: built in, its own, removed, or unknown. */
  async textFor(guildId: string, textId: string): Promise<Text | 'removed' | undefined> {
    const builtIn = this.builtIn.byId.get(textId);
    if (builtIn !== undefined) return builtIn;
    const text = await this.load(guildId, textId);
    if (text !== undefined) return text;
    return (await this.options.store.get(removedKey(guildId, textId))) === undefined
      ? undefined
      : 'removed';
  }

  /** The server's own texts. */
  async entries(guildId: string): Promise<readonly TextEntry[]> {
    return (await this.options.store.get<TextIndex>(indexKey(guildId)))?.texts ?? [];
  }

  /** The server's own texts matching what was typed, best first (what autocomplete offers). */
  async ownMatching(guildId: string, typed: string): Promise<TextEntry[]> {
    return rankEntries(await this.entries(guildId), typed);
  }

  /** One of the server's own texts, by id (as autocomplete submits it) or by title words. */
  async ownText(guildId: string, query: string): Promise<TextEntry> {
    const wanted = query.trim();
    const entries = await this.entries(guildId);
    const found =
      entries.find((entry) => entry.id === wanted) ??
      (wanted === '' ? undefined : rankEntries(entries, wanted)[0]);
    if (found === undefined) throw new UserError('texts.error.unknown', { query: wanted });
    return found;
  }

  /**
   * Reads an uploaded file and, when it is a valid text the server has room for, keeps it until
   * its organiser confirms: the preview with the token and expiry of its confirmation buttons;
   * else the problems found, and nothing stored.
   */
  async prepare(input: {
    readonly guildId: string;
    readonly userId: string;
    readonly fileName: string;
    readonly bytes: Uint8Array;
    readonly plainText: { readonly author: string; readonly language: 'fr' | 'en' };
  }): Promise<PreparedUpload> {
    const textId = `t-${randomBytes(6).toString('hex')}`;
    const now = this.options.clock.now();
    const file: StoredText = {
      fileName: input.fileName,
      bytes: Buffer.from(input.bytes).toString('base64'),
      meta: {
        author: input.plainText.author,
        date: now.toISOString().slice(0, 10),
        language: input.plainText.language,
        source: `https://discord.com/channels/${input.guildId}`,
      },
    };
    const result = parse(textId, file);
    if (!result.ok) return result;
    this.checkRoom(await this.entries(input.guildId), input.bytes.length);
    const token = randomBytes(9).toString('base64url');
    const expiresAt = now.getTime() + CONFIRMATION_TTL_MS;
    const upload: PendingUpload = {
      guildId: input.guildId,
      userId: input.userId,
      textId,
      expiresAt,
      file,
    };
    await this.options.store.set(uploadKey(expiresAt, token), upload);
    return { ok: true, preview: result, token, expiresAt };
  }

  /** Stores a prepared upload, for the organiser who sent it, within the server's limits. */
  async confirm(token: string, expiresAt: number, userId: string): Promise<Text> {
    const key = uploadKey(expiresAt, token);
    const pending = await this.pendingFor(key, userId);
    const parsed = parse(pending.textId, pending.file);
    if (!parsed.ok) throw new Error(`upload ${pending.textId} no longer parses`);
    const { text } = parsed;
    const entry: TextEntry = {
      id: text.id,
      title: text.title,
      author: text.author,
      sections: text.sections.length,
      size: Buffer.byteLength(pending.file.bytes, 'base64'),
      fileName: pending.file.fileName,
      format: parsed.format,
      addedBy: userId,
      addedAt: this.options.clock.now().getTime(),
    };
    const { store } = this.options;
    // The file first, so that a listed text can always be read; taken back if the server has no
    // room left for it (another upload confirmed meanwhile), so that a refusal stores nothing.
    const stored = await store.setIfAbsent(textKey(pending.guildId, text.id), pending.file);
    try {
      await store.update<TextIndex>(indexKey(pending.guildId), (index) => {
        const texts = index?.texts ?? [];
        if (texts.some((existing) => existing.id === entry.id)) return undefined;
        this.checkRoom(texts, entry.size);
        return { texts: [...texts, entry] };
      });
    } catch (error) {
      if (stored) await store.delete(textKey(pending.guildId, text.id));
      throw error;
    }
    await store.delete(key);
    return text;
  }

  /** Forgets a prepared upload, for the organiser who sent it. */
  async cancel(token: string, expiresAt: number, userId: string): Promise<void> {
    const key = uploadKey(expiresAt, token);
    await this.pendingFor(key, userId);
    await this.options.store.delete(key);
  }

  /** Removes one of the server's texts; its id is never given again. */
  async remove(guildId: string, textId: string): Promise<TextEntry> {
    const { store } = this.options;
    let removed: TextEntry | undefined;
    await store.update<TextIndex>(indexKey(guildId), (index) => {
      removed = index?.texts.find((entry) => entry.id === textId);
      return removed === undefined || index === undefined
        ? undefined
        : { texts: index.texts.filter((entry) => entry.id !== textId) };
    });
    if (removed === undefined) throw new UserError('texts.error.unknown', { query: textId });
    await store.set(removedKey(guildId, textId), { at: this.options.clock.now().getTime() });
    await store.delete(textKey(guildId, textId));
    this.parsed.delete(`${guildId}:${textId}`);
    return removed;
  }

  /** The file as it was added, byte for byte. */
  async exportFile(guildId: string, textId: string): Promise<{ name: string; bytes: Buffer }> {
    const stored = await this.options.store.get<StoredText>(textKey(guildId, textId));
    if (stored === undefined) throw new UserError('texts.error.unknown', { query: textId });
    return { name: stored.fileName, bytes: Buffer.from(stored.bytes, 'base64') };
  }

  /** Texts a member added, in every server (`/privacy`). */
  async addedBy(userId: string): Promise<{ guildId: string; textId: string; title: string }[]> {
    const indexes = await this.options.store.entries<TextIndex>('texts:');
    return indexes.flatMap(([key, index]) =>
      index.texts
        .filter((entry) => entry.addedBy === userId)
        .map((entry) => ({
          guildId: key.slice('texts:'.length),
          textId: entry.id,
          title: entry.title,
        })),
    );
  }

  /** Takes a member's id off the texts they added; the texts stay for their servers. */
  async forgetAdder(userId: string): Promise<void> {
    for (const guildId of new Set((await this.addedBy(userId)).map((text) => text.guildId))) {
      await this.options.store.update<TextIndex>(indexKey(guildId), (index) =>
        index === undefined
          ? undefined
          : {
              texts: index.texts.map((entry) =>
                entry.addedBy === userId ? { ...entry, addedBy: '' } : entry,
              ),
            },
      );
    }
  }

  /** Deletes uploads nobody confirmed in time (those expiring at this very millisecond too). */
  async purgeExpired(): Promise<number> {
    const now = this.options.clock.now().getTime();
    return this.options.store.deleteRange(UPLOAD_PREFIX, uploadKey(now + 1, ''));
  }

  private async pendingFor(key: string, userId: string): Promise<PendingUpload> {
    const pending = await this.options.store.get<PendingUpload>(key);
    if (pending === undefined || pending.expiresAt <= this.options.clock.now().getTime()) {
      throw new UserError('texts.error.expired');
    }
    if (pending.userId !== userId) throw new UserError('texts.error.notYours');
    return pending;
  }

  private checkRoom(texts: readonly TextEntry[], size: number): void {
    if (texts.length >= TEXT_LIMITS.texts) {
      throw new UserError('texts.error.limitTexts', { max: TEXT_LIMITS.texts });
    }
    const used = texts.reduce((sum, entry) => sum + entry.size, 0);
    if (used + size > TEXT_LIMITS.bytes) {
      throw new UserError('texts.error.limitSize', {
        size: Math.ceil(size / 1024),
        left: Math.max(0, Math.floor((TEXT_LIMITS.bytes - used) / 1024)),
        max: TEXT_LIMITS.bytes / 1024,
      });
    }
  }

  private async load(guildId: string, textId: string): Promise<Text | undefined> {
    const cacheKey = `${guildId}:${textId}`;
    const cached = this.parsed.get(cacheKey);
    if (cached !== undefined) return cached;
    const stored = await this.options.store.get<StoredText>(textKey(guildId, textId));
    if (stored === undefined) return undefined;
    // Valid when it was added, with the same parser.
    const result = parse(textId, stored);
    if (!result.ok) throw new Error(`stored text ${textId} no longer parses`);
    if (this.parsed.size >= MAX_PARSED) this.parsed.clear();
    this.parsed.set(cacheKey, result.text);
    return result.text;
  }
}

function rankEntries(entries: readonly TextEntry[], typed: string): TextEntry[] {
  return rankByTitle(entries, typed, (entry) => `${entry.title} ${entry.author}`);
}

function parse(textId: string, file: StoredText): UploadResult {
  return parseUpload(
    { name: file.fileName, bytes: Buffer.from(file.bytes, 'base64') },
    { id: textId, plainTextMeta: file.meta },
  );
}
