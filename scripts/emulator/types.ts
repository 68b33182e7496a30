// Public types of the emulator. Fixture shapes follow Discord's JSON (snake_case) so they can be
// copied from the API docs; everything the emulator adds for tests is camelCase.

export type JsonObject = Record<string, unknown>;

export interface RoleFixture {
  id: string;
  name: string;
  /** Permission bitfield as a decimal string, like Discord sends it. */
  permissions: string;
  position?: number;
  color?: number;
  mentionable?: boolean;
  hoist?: boolean;
  managed?: boolean;
}

export interface PermissionOverwriteFixture {
  id: string;
  /** 0 = role, 1 = member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface ChannelFixture {
  id: string;
  name: string;
  /** 0 = text (default), 5 = announcement, 4 = category, 11/12 = threads. */
  type?: number;
  topic?: string | null;
  position?: number;
  parent_id?: string | null;
  permission_overwrites?: PermissionOverwriteFixture[];
}

export interface MemberFixture {
  id: string;
  username: string;
  /** Role ids (without @everyone). */
  roles?: string[];
  global_name?: string | null;
  nick?: string | null;
  bot?: boolean;
  /** Client locale sent with this user's interactions (default: the guild's locale). */
  locale?: string;
}

export interface GuildFixture {
  id: string;
  name: string;
  /** Default `fr`. */
  preferred_locale?: string;
  owner_id?: string;
  /** Must contain the @everyone role (id = guild id); added with no permissions if missing. */
  roles?: RoleFixture[];
  channels?: ChannelFixture[];
  /** The bot user is added automatically (without roles) if it is not listed. */
  members?: MemberFixture[];
}

export interface BotUserFixture {
  id: string;
  username: string;
}

export interface EmulatorOptions {
  /** Bot token the client must log in with (default: a fixed fake token). */
  token?: string;
  botUser?: BotUserFixture;
  /** Default: the bot user's id, as for modern Discord applications. */
  applicationId?: string;
  /** Default: one guild from `defaultGuild()`. */
  guilds?: GuildFixture[];
  /** Gateway heartbeat interval sent in HELLO (default 250 ms). */
  heartbeatIntervalMs?: number;
  /** Deadline for the first interaction callback (Discord: 3000 ms). */
  interactionTimeoutMs?: number;
  /** Lifetime of an interaction token for follow-ups and edits (Discord: 15 min). */
  interactionTokenTtlMs?: number;
  /** Print every request and gateway event (or pass a logger). */
  log?: boolean | ((line: string) => void);
  /** `shards` of `GET /gateway/bot`, what `shards: 'auto'` and `SHARD_COUNT=auto` use (default 1). */
  recommendedShards?: number;
  /**
   * `session_start_limit` of `GET /gateway/bot`; `remaining` goes down with each IDENTIFY.
   * Defaults: 1000 sessions a day, `maxConcurrency` 16. Discord gives small bots 1, which makes
   * discord.js wait about 5 s between the shards of one client: set 1 to see that.
   */
  sessionStartLimit?: {
    total?: number;
    remaining?: number;
    resetAfterMs?: number;
    maxConcurrency?: number;
  };
  /**
   * Discord's clock for its time rules (a scheduled event must start in the future), in epoch
   * ms. Default `Date.now`; tests that give the bot a fake clock pass the same one here.
   */
  now?: () => number;
}

/** A gateway session as tests see it. */
export interface GatewaySessionInfo {
  id: string;
  /** `[shard id, shard count]` from IDENTIFY (`[0, 1]` when the client sent none). */
  shard: [number, number];
  /** Whether its socket is open (a closed one may still resume). */
  live: boolean;
  intents: number;
}

export interface Pings {
  users: string[];
  roles: string[];
  everyone: boolean;
}

export interface PingEvent {
  messageId: string;
  channelId: string;
  kind: 'create' | 'edit';
  at: number;
  content: string;
  pings: Pings;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string | null;
  description: string | null;
  size: number;
  data: Buffer;
  url: string;
  /** The content decoded as UTF-8 (handy for CSV exports). */
  text(): string;
}

export interface EmbedJson {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  timestamp?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text?: string; icon_url?: string };
  author?: { name?: string; url?: string; icon_url?: string };
  [key: string]: unknown;
}

export interface ComponentJson {
  type: number;
  custom_id?: string;
  label?: string;
  style?: number;
  disabled?: boolean;
  url?: string;
  placeholder?: string;
  content?: string;
  options?: { label: string; value: string; description?: string; default?: boolean }[];
  components?: ComponentJson[];
  [key: string]: unknown;
}

export type MessageSource = 'channel' | 'interaction-response' | 'follow-up';

export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  content: string;
  embeds: EmbedJson[];
  components: ComponentJson[];
  attachments: StoredAttachment[];
  flags: number;
  ephemeral: boolean;
  tts: boolean;
  /** Who this message pings in its current version (ephemeral messages ping nobody). */
  pings: Pings;
  source: MessageSource;
  /** The interaction this message answers, for responses and follow-ups. */
  interactionId: string | null;
  /** Id of the thread started from this message, if any. */
  threadId: string | null;
  poll: JsonObject | null;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  /** Number of edits so far. */
  revision: number;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path below `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Templated route, e.g. `POST /channels/:channelId/messages`. */
  route: string;
  query: Record<string, string>;
  /** Parsed JSON body (or `payload_json` of a multipart body). */
  body: unknown;
  files: { field: string; filename: string; contentType: string | null; size: number }[];
  status: number;
  /** Discord error code of the response, if any. */
  errorCode: number | null;
  /** High-resolution epoch ms when the request arrived. */
  at: number;
  durationMs: number;
}

export interface Violation {
  at: number;
  route: string;
  path: string;
  status: number;
  code: number;
  message: string;
  bodyExcerpt: string;
}

export interface FaultSpec {
  method?: string;
  /** Matched against `METHOD /template`, `/template` or the decoded path (RegExp: any of them). */
  route?: string | RegExp;
  status: 429 | 500 | 502 | 503;
  times: number;
  /** Seconds, for 429 (default 0.1). */
  retryAfter?: number;
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  /** How many requests this fault has answered so far. */
  readonly hits: number;
  readonly remaining: number;
  cancel(): void;
}

export interface InteractionCallbackRecord {
  type: number;
  data: JsonObject | null;
  receivedAt: number;
}

export interface AutocompleteChoice {
  name: string;
  value: string | number;
  name_localizations?: Record<string, string> | null;
}

export interface RegisteredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  name: string;
  type: number;
  description: string;
  options: JsonObject[];
  default_member_permissions: string | null;
  version: string;
  [key: string]: unknown;
}

export interface InteractionHandle<TReply> {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  readonly payload: JsonObject;
  readonly dispatchedAt: number;
  /** First accepted callback; never rejects (it stays pending if the bot never answers). */
  readonly callback: Promise<InteractionCallbackRecord>;
  /**
   * What the user finally sees: the message of a type-4 callback, the `@original` edit after a
   * type-5 defer (or the follow-up that replaces the "thinking" message), the updated message for
   * types 6/7, the choices for autocomplete. Rejects after `timeoutMs` (default 5000).
   */
  reply(timeoutMs?: number): Promise<TReply>;
  /** Current versions of the follow-up messages, in order. */
  readonly followUps: StoredMessage[];
  /** Resolves with the n-th follow-up (1-based, default 1). */
  waitForFollowUp(n?: number, timeoutMs?: number): Promise<StoredMessage>;
  /** The original response message in its current version, if any. */
  original(): StoredMessage | undefined;
}

export type UserRef = MemberFixture | string;

export type OptionValue = string | number | boolean;

/**
 * How the emulator's CDN serves a file: all at once with its Content-Length (default), 404 (an
 * expired link), or `chunkBytes` every `intervalMs` (slow, with Content-Length); `endless` repeats
 * the bytes forever without a Content-Length, until the client hangs up.
 */
export type AttachmentDelivery =
  'immediate' | 'not-found' | { chunkBytes: number; intervalMs: number; endless?: boolean };

/** A file a user attaches to a slash command's ATTACHMENT option. */
export interface AttachmentFile {
  filename: string;
  /** MIME type Discord reports (`content_type`); absent when it could not tell. */
  contentType?: string;
  /** The bytes (a string is encoded as UTF-8). */
  data: Buffer | Uint8Array | string;
  /** `size` announced in the payload (default: the real size), to test a bot that trusts it. */
  size?: number;
  delivery?: AttachmentDelivery;
}

/** One GET of a file on the emulator's CDN. */
export interface DownloadRecord {
  attachmentId: string;
  path: string;
  status: number;
  /** Body bytes written so far. */
  bytesSent: number;
  /** `aborted`: the client hung up before the end (an endless file always ends so). */
  outcome: 'pending' | 'complete' | 'aborted';
  startedAt: number;
  endedAt: number | null;
}

export interface CommandInvocation {
  name: string;
  /** Option values by name; ATTACHMENT options take an `AttachmentFile`. */
  options?: Record<string, OptionValue | AttachmentFile>;
  subcommand?: string;
  subcommandGroup?: string;
  /** Default: the first guild. */
  guildId?: string;
  /** Default: the guild's first text channel. */
  channelId?: string;
  /** Default: the guild's first non-bot member. An unknown id creates a member on the fly. */
  user?: UserRef;
  /** Default: the member's `locale`, else the guild's preferred locale. */
  locale?: string;
  /** Forge the member's permission bitfield (decimal string or bigint). */
  permissions?: string | bigint;
}

export interface AutocompleteInvocation extends CommandInvocation {
  /** Name of the option the user is typing in. */
  focused: string;
}

export interface ButtonClick {
  message: StoredMessage | string;
  customId: string;
  user?: UserRef;
  locale?: string;
  permissions?: string | bigint;
  /**
   * Send the click even though the message has no such (enabled) button: a crafted interaction,
   * or a button from an older version of the bot. The bot must answer it without harm.
   */
  forged?: boolean;
}

export interface SelectMenuChoice extends ButtonClick {
  values: string[];
}

export interface CreateChannelOptions {
  name: string;
  guildId?: string;
  type?: number;
  /** When false, the bot gets a member overwrite denying SendMessages (REST answers 403/50013). */
  botCanSend?: boolean;
  permission_overwrites?: PermissionOverwriteFixture[];
}

export interface CreateMembersOptions {
  guildId?: string;
  roles?: string[];
  /** Username prefix (default `lecteur`). */
  prefix?: string;
  locale?: string;
}

/** A guild scheduled event as tests see it (the bot's REST requests create and change them). */
export interface StoredScheduledEvent {
  id: string;
  guildId: string;
  channelId: string | null;
  creatorId: string;
  name: string;
  description: string | null;
  /** ISO 8601. */
  scheduledStartTime: string;
  scheduledEndTime: string | null;
  privacyLevel: number;
  /** 1 scheduled, 2 active, 3 completed, 4 canceled. */
  status: number;
  /** 1 stage instance, 2 voice, 3 external. */
  entityType: number;
  entityId: string | null;
  /** `entity_metadata.location` of an external event. */
  location: string | null;
  recurrenceRule: JsonObject | null;
  /** Members interested (what `with_user_count` reports). */
  userCount: number;
  createdAt: number;
  updatedAt: number | null;
  deletedAt: number | null;
  /** Number of accepted changes so far. */
  revision: number;
}
