import type { UploadedFile } from './http';
import { isoTime, now, snowflake } from './ids';
import { NO_PINGS, computePings, pingsAnyone } from './mentions';
import type { AllowedMentions } from './mentions';
import type {
  ComponentJson,
  EmbedJson,
  JsonObject,
  MessageSource,
  PingEvent,
  Pings,
  StoredAttachment,
  StoredMessage,
} from './types';
import type { World } from './world';

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  HasThread: 1 << 5,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

/** Flags a client may set; the others are Discord's to manage. */
const SETTABLE_FLAGS =
  MessageFlag.SuppressEmbeds |
  MessageFlag.Ephemeral |
  MessageFlag.SuppressNotifications |
  MessageFlag.IsComponentsV2;

/** A message body after schema validation (only the fields the emulator reads). */
export interface MessageBody {
  content?: string | null;
  embeds?: EmbedJson[] | null;
  components?: ComponentJson[] | null;
  allowed_mentions?: AllowedMentions | null;
  flags?: number | null;
  tts?: boolean | null;
  attachments?: { id: string; filename?: string | null; description?: string | null }[] | null;
  poll?: JsonObject | null;
}

export interface InteractionMeta {
  id: string;
  type: number;
  userId: string;
  commandName: string | null;
  commandType: number | null;
  guildId: string | null;
  /** For follow-ups: the original response. */
  originalResponseMessageId: string | null;
  /** For component interactions: the message holding the component. */
  interactedMessageId: string | null;
}

/** Internal record: the public StoredMessage plus what the JSON needs. */
export interface MessageRecord extends StoredMessage {
  /** Mentions Discord resolves (even in ephemeral messages, which notify nobody). */
  mentioned: Pings;
  interaction: InteractionMeta | null;
  messageType: number;
}

export interface CreateMessageInput {
  channelId: string;
  guildId: string | null;
  body: MessageBody;
  uploads: readonly UploadedFile[];
  source: MessageSource;
  interaction?: InteractionMeta | null;
  /** Flags forced by the emulator (e.g. LOADING for a deferred reply, EPHEMERAL inherited). */
  extraFlags?: number;
  messageType?: number;
}

export class MessageStore {
  private readonly messages = new Map<string, MessageRecord>();
  private readonly byChannel = new Map<string, string[]>();
  private readonly attachments = new Map<string, StoredAttachment>();
  readonly pingEvents: PingEvent[] = [];

  constructor(
    private readonly world: World,
    private readonly baseUrl: () => string,
  ) {}

  get(id: string): MessageRecord | undefined {
    return this.messages.get(id);
  }

  inChannel(channelId: string, includeDeleted = false): MessageRecord[] {
    const ids = this.byChannel.get(channelId) ?? [];
    return ids
      .map((id) => this.messages.get(id))
      .filter(
        (m): m is MessageRecord => m !== undefined && (includeDeleted || m.deletedAt === null),
      );
  }

  attachment(id: string): StoredAttachment | undefined {
    return this.attachments.get(id);
  }

  create(input: CreateMessageInput): MessageRecord {
    const at = now();
    const id = snowflake();
    // Only interaction responses and follow-ups can be ephemeral.
    const settable =
      input.source === 'channel' ? SETTABLE_FLAGS & ~MessageFlag.Ephemeral : SETTABLE_FLAGS;
    const flags = ((input.body.flags ?? 0) & settable) | (input.extraFlags ?? 0);
    const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
    const content = input.body.content ?? '';
    const mentioned = computePings(content, input.body.allowed_mentions);
    const record: MessageRecord = {
      id,
      channelId: input.channelId,
      guildId: input.guildId,
      content,
      embeds: (input.body.embeds ?? []).map(normalizeEmbed),
      components: input.body.components ?? [],
      attachments: this.attach(input.channelId, [], input.body.attachments, input.uploads),
      flags,
      ephemeral,
      tts: input.body.tts ?? false,
      mentioned,
      pings: ephemeral ? { ...NO_PINGS } : mentioned,
      source: input.source,
      interactionId: input.interaction?.id ?? null,
      interaction: input.interaction ?? null,
      threadId: null,
      poll: input.body.poll ?? null,
      messageType: input.messageType ?? 0,
      createdAt: at,
      editedAt: null,
      deletedAt: null,
      revision: 0,
    };
    this.messages.set(id, record);
    const list = this.byChannel.get(input.channelId) ?? [];
    list.push(id);
    this.byChannel.set(input.channelId, list);
    this.notePings(record, 'create', at);
    return record;
  }

  /** Applies an edit body; absent fields are kept, `attachments` lists the ones to keep. */
  edit(record: MessageRecord, body: MessageBody, uploads: readonly UploadedFile[]): MessageRecord {
    const at = now();
    if ('content' in body) record.content = body.content ?? '';
    if ('embeds' in body) record.embeds = (body.embeds ?? []).map(normalizeEmbed);
    if ('components' in body) record.components = body.components ?? [];
    if (body.flags !== undefined && body.flags !== null) {
      // Ephemerality cannot change after creation.
      const settable = SETTABLE_FLAGS & ~MessageFlag.Ephemeral;
      record.flags = (record.flags & ~settable) | (body.flags & settable);
    }
    record.flags &= ~MessageFlag.Loading;
    record.attachments = this.attach(
      record.channelId,
      record.attachments,
      body.attachments,
      uploads,
    );
    const remention = 'content' in body || 'allowed_mentions' in body;
    if (remention) {
      // Discord re-parses mentions on every edit that carries content.
      record.mentioned = computePings(record.content, body.allowed_mentions);
      record.pings = record.ephemeral ? { ...NO_PINGS } : record.mentioned;
    }
    record.editedAt = at;
    record.revision += 1;
    if (remention) this.notePings(record, 'edit', at);
    return record;
  }

  /** Whether applying this edit would leave nothing to show (Discord refuses it with 50006). */
  editLeavesEmpty(
    record: MessageRecord,
    body: MessageBody,
    uploads: readonly UploadedFile[],
  ): boolean {
    const content = 'content' in body ? (body.content ?? '') : record.content;
    const embeds = 'embeds' in body ? (body.embeds ?? []) : record.embeds;
    const components = 'components' in body ? (body.components ?? []) : record.components;
    const listed = body.attachments;
    const kept =
      listed === undefined || listed === null
        ? record.attachments.length
        : record.attachments.filter((a) => listed.some((entry) => entry.id === a.id)).length;
    return (
      content.trim() === '' &&
      embeds.length === 0 &&
      components.length === 0 &&
      kept + uploads.length === 0 &&
      record.poll === null
    );
  }

  delete(record: MessageRecord): void {
    record.deletedAt = now();
  }

  private notePings(record: MessageRecord, kind: 'create' | 'edit', at: number): void {
    if (!pingsAnyone(record.pings)) return;
    this.pingEvents.push({
      messageId: record.id,
      channelId: record.channelId,
      kind,
      at,
      content: record.content,
      pings: { ...record.pings, users: [...record.pings.users], roles: [...record.pings.roles] },
    });
  }

  private attach(
    channelId: string,
    existing: StoredAttachment[],
    listed: MessageBody['attachments'],
    uploads: readonly UploadedFile[],
  ): StoredAttachment[] {
    const entries = listed ?? null;
    const kept =
      entries === null ? existing : existing.filter((a) => entries.some((e) => e.id === a.id));
    const added = uploads.map((upload, position) => {
      const index = upload.index ?? position;
      const entry = entries?.find((e) => e.id === String(index));
      const id = snowflake();
      const filename = entry?.filename ?? upload.filename;
      const attachment: StoredAttachment = {
        id,
        filename,
        contentType: upload.contentType,
        description: entry?.description ?? null,
        size: upload.data.length,
        data: upload.data,
        url: `${this.baseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
        text() {
          return upload.data.toString('utf8');
        },
      };
      this.attachments.set(id, attachment);
      return attachment;
    });
    return [...kept, ...added];
  }

  // --- JSON for discord.js --------------------------------------------------------------------

  toJson(record: MessageRecord): JsonObject {
    const json: JsonObject = {
      id: record.id,
      type: record.messageType,
      channel_id: record.channelId,
      author: this.world.userJson({
        id: this.world.botUser.id,
        username: this.world.botUser.username,
        bot: true,
      }),
      content: record.content,
      embeds: record.embeds,
      components: record.components,
      attachments: record.attachments.map((a) => ({
        id: a.id,
        filename: a.filename,
        size: a.size,
        url: a.url,
        proxy_url: a.url,
        ...(a.contentType ? { content_type: a.contentType } : {}),
        ...(a.description ? { description: a.description } : {}),
      })),
      mentions: record.mentioned.users
        .map((id) => this.world.findUser(id))
        .filter((user) => user !== undefined)
        .map((user) => this.world.userJson(user)),
      mention_roles: [...record.mentioned.roles],
      mention_everyone: record.mentioned.everyone,
      mention_channels: [],
      timestamp: isoTime(record.createdAt),
      edited_timestamp: record.editedAt === null ? null : isoTime(record.editedAt),
      flags: record.flags,
      pinned: false,
      tts: record.tts,
      reactions: [],
    };
    if (record.guildId !== null) json.guild_id = record.guildId;
    if (record.poll) json.poll = record.poll;
    if (record.threadId) {
      const thread = this.world.channels.get(record.threadId);
      if (thread) json.thread = this.world.channelJson(thread);
    }
    const meta = record.interaction;
    if (meta) {
      const user = this.world.findUser(meta.userId);
      const userJson = user ? this.world.userJson(user) : { id: meta.userId, username: 'unknown' };
      json.webhook_id = this.world.applicationId;
      json.application_id = this.world.applicationId;
      const metadata: JsonObject = {
        id: meta.id,
        type: meta.type,
        user: userJson,
        authorizing_integration_owners: meta.guildId ? { '0': meta.guildId } : {},
      };
      if (meta.commandName !== null) metadata.name = meta.commandName;
      if (meta.commandType !== null) metadata.command_type = meta.commandType;
      if (meta.originalResponseMessageId !== null) {
        metadata.original_response_message_id = meta.originalResponseMessageId;
      }
      if (meta.interactedMessageId !== null)
        metadata.interacted_message_id = meta.interactedMessageId;
      json.interaction_metadata = metadata;
      json.interaction = {
        id: meta.id,
        type: meta.type,
        name: meta.commandName ?? '',
        user: userJson,
      };
    }
    return json;
  }
}

function normalizeEmbed(embed: EmbedJson): EmbedJson {
  return { type: 'rich', ...embed };
}
