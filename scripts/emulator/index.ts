// Local Discord API emulator for tests: REST + gateway on 127.0.0.1, enough of Discord for a
// discord.js v14 bot, with request validation, ping tracking and fault injection.
//
//   const emulator = await startEmulator();
//   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
//   await client.login(emulator.token);            // then wait for Events.ClientReady
//   const reply = await emulator.slashCommand({ name: 'citation', options: { livre: 'Dune' } }).reply();
//   expect(emulator.text(reply)).toContain('Dune');
//   emulator.assertNoViolations();                 // in afterEach
//   await client.destroy(); await emulator.close();
//
// Shards: guilds are routed to shard (guild_id >> 22) % count, as on Discord (`twoShardGuilds()`,
// `guildIdOnShard()`). Slash commands take files for ATTACHMENT options, served by the emulator's
// CDN (`AttachmentFile.delivery`, `downloads()`). Scheduled events: `scheduledEvents()`,
// `setScheduledEventStatus()`, `setBotPermissions(Permission.CreateEvents, false)`.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cdn } from './cdn';
import { Intent, announceScheduledEvent } from './context';
import type { Context } from './context';
import { FaultInjector } from './faults';
import { DEFAULT_BOT_USER, DEFAULT_TOKEN, defaultGuild, makeMembers } from './fixtures';
import { Gateway } from './gateway';
import { Router } from './http';
import { now, snowflake } from './ids';
import { Interactions } from './interactions';
import { MessageStore } from './message-store';
import { Permission } from './permissions';
import { Recorder } from './recorder';
import { text } from './render';
import type { Renderable } from './render';
import { appRoutes } from './rest-app';
import { channelRoutes } from './rest-channels';
import { scheduledEventRoutes } from './rest-scheduled-events';
import { EventStatus } from './scheduled-events';
import { createRequestHandler } from './server';
import type {
  AutocompleteChoice,
  AutocompleteInvocation,
  BotUserFixture,
  ButtonClick,
  CommandInvocation,
  CreateChannelOptions,
  CreateMembersOptions,
  DownloadRecord,
  EmulatorOptions,
  FaultHandle,
  FaultSpec,
  GatewaySessionInfo,
  InteractionHandle,
  MemberFixture,
  PingEvent,
  RecordedRequest,
  RegisteredCommand,
  SelectMenuChoice,
  StoredMessage,
  StoredScheduledEvent,
  Violation,
} from './types';
import { World } from './world';
import type { ChannelState } from './world';

export * from './types';
export {
  DEFAULT_IDS,
  BOT_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  SHARD_ONE_IDS,
  defaultGuild,
  makeMembers,
  shardOneGuild,
  twoShardGuilds,
} from './fixtures';
export { guildIdOnShard, shardOf } from './shards';
export {
  EntityType as ScheduledEventEntityType,
  EventStatus as ScheduledEventStatus,
} from './scheduled-events';
export { computePings, parseMentions } from './mentions';
export { LIMITS, embedLength } from './limits';
export { Permission, bits } from './permissions';
export { text } from './render';
export { OptionType } from './interaction-payloads';

/** A channel as tests see it. */
export interface ChannelInfo {
  id: string;
  guildId: string;
  name: string;
  type: number;
  parentId: string | null;
  archived: boolean | null;
  locked: boolean | null;
}

function channelInfo(channel: ChannelState): ChannelInfo {
  return {
    id: channel.id,
    guildId: channel.guildId,
    name: channel.name,
    type: channel.type,
    parentId: channel.parentId,
    archived: channel.thread?.archived ?? null,
    locked: channel.thread?.locked ?? null,
  };
}

function routeMatches(pattern: string | RegExp, request: RecordedRequest): boolean {
  const template = request.route.slice(request.route.indexOf(' ') + 1);
  const candidates = [request.route, template, request.path];
  return typeof pattern === 'string'
    ? candidates.includes(pattern)
    : candidates.some((candidate) => pattern.test(candidate));
}

export class Emulator {
  readonly token: string;
  readonly botUser: BotUserFixture;
  readonly applicationId: string;
  private readonly world: World;
  private readonly recorder: Recorder;
  private readonly store: MessageStore;
  private readonly gateway: Gateway;
  private readonly faults = new FaultInjector();
  private readonly cdn: Cdn;
  private readonly context: Context;
  private readonly interactions: Interactions;
  private readonly server: Server;
  private port = 0;

  constructor(options: EmulatorOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.botUser = options.botUser ?? DEFAULT_BOT_USER;
    this.applicationId = options.applicationId ?? this.botUser.id;
    const log =
      typeof options.log === 'function'
        ? options.log
        : options.log === true
          ? (line: string) => {
              console.log(`[discord-emulator] ${line}`);
            }
          : null;
    this.world = new World(this.botUser, this.applicationId, options.guilds ?? [defaultGuild()]);
    this.recorder = new Recorder(log);
    this.store = new MessageStore(this.world, () => this.baseUrl);
    this.cdn = new Cdn(this.store, this.recorder, () => this.baseUrl);
    const limit = options.sessionStartLimit ?? {};
    this.gateway = new Gateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 250,
      recommendedShards: options.recommendedShards ?? 1,
      sessionStartLimit: {
        total: limit.total ?? 1000,
        remaining: limit.remaining ?? limit.total ?? 1000,
        resetAfterMs: limit.resetAfterMs ?? 86_400_000,
        maxConcurrency: limit.maxConcurrency ?? 16,
      },
      world: this.world,
      url: () => this.gatewayUrl,
      log,
      onChange: () => {
        this.recorder.changed();
      },
    });
    this.context = {
      world: this.world,
      store: this.store,
      gateway: this.gateway,
      recorder: this.recorder,
      cdn: this.cdn,
      interactionTimeoutMs: options.interactionTimeoutMs ?? 3000,
      interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
      baseUrl: () => this.baseUrl,
      now: options.now ?? Date.now,
    };
    const context = this.context;
    this.interactions = new Interactions(context);
    const router = new Router();
    router.add(appRoutes(context, () => this.gatewayUrl));
    router.add(this.interactions.routes());
    router.add(channelRoutes(context));
    router.add(scheduledEventRoutes(context));
    this.server = createServer(
      createRequestHandler({
        router,
        faults: this.faults,
        recorder: this.recorder,
        cdn: this.cdn,
        token: this.token,
      }),
    );
    this.server.on('upgrade', (request, socket, head) => {
      this.gateway.handleUpgrade(request, socket, head);
    });
  }

  /** @internal Use `startEmulator()`. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  private get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as `rest.api` to discord.js (it appends `/v10`). */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The first guild's id. */
  get guildId(): string {
    return this.world.firstGuild().id;
  }

  /** The first guild's first text channel (where interactions happen by default). */
  get defaultChannelId(): string {
    return this.world.firstTextChannel(this.guildId).id;
  }

  // --- Records ---------------------------------------------------------------------------------

  /** Every REST request so far, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return this.recorder.requests;
  }

  requestsTo(route: string | RegExp): RecordedRequest[] {
    return this.recorder.requests.filter((request) => routeMatches(route, request));
  }

  get violations(): readonly Violation[] {
    return this.recorder.violations;
  }

  /** Returns and clears the violations (for tests that provoke them on purpose). */
  takeViolations(): Violation[] {
    return this.recorder.takeViolations();
  }

  /** Throws a readable list of every request Discord would have refused. */
  assertNoViolations(): void {
    const violations = this.recorder.violations;
    if (violations.length === 0) return;
    const lines = violations.map(
      (v) =>
        `- ${v.route} -> ${v.status}${v.code ? ` (code ${v.code})` : ''}: ${v.message}${v.bodyExcerpt ? `\n    body: ${v.bodyExcerpt}` : ''}`,
    );
    throw new Error(
      `Discord emulator: ${violations.length} request(s) Discord would refuse:\n${lines.join('\n')}`,
    );
  }

  /** Messages of a channel in creation order (ephemeral ones included, flagged). */
  channelMessages(channelId: string, options: { includeDeleted?: boolean } = {}): StoredMessage[] {
    return this.store.inChannel(channelId, options.includeDeleted ?? false);
  }

  message(id: string): StoredMessage | undefined {
    return this.store.get(id);
  }

  /** Every message creation or edit that pinged someone. */
  pings(): PingEvent[] {
    return [...this.store.pingEvents];
  }

  /** Registered commands: global, or of one guild. */
  commands(guildId?: string): RegisteredCommand[] {
    const map =
      guildId === undefined ? this.world.globalCommands : this.world.guildCommands.get(guildId);
    return [...(map?.values() ?? [])];
  }

  channel(id: string): ChannelInfo | undefined {
    const channel = this.world.channels.get(id);
    return channel ? channelInfo(channel) : undefined;
  }

  /** Threads, optionally only those of one parent channel. */
  threads(parentId?: string): ChannelInfo[] {
    return [...this.world.channels.values()]
      .filter((c) => c.thread !== null && (parentId === undefined || c.parentId === parentId))
      .map(channelInfo);
  }

  member(userId: string, guildId: string = this.guildId): MemberFixture | undefined {
    return this.world.guild(guildId)?.members.get(userId);
  }

  /** Scheduled events of a guild in creation order (deleted ones only if asked). */
  scheduledEvents(
    guildId: string = this.guildId,
    options: { includeDeleted?: boolean } = {},
  ): StoredScheduledEvent[] {
    return [...this.world.scheduledEvents.values()]
      .filter(
        (e) => e.guildId === guildId && (options.includeDeleted === true || e.deletedAt === null),
      )
      .map((e) => ({ ...e }));
  }

  /** GETs of attachment URLs so far (optionally of one attachment): bytes sent, aborted or not. */
  downloads(attachmentId?: string): DownloadRecord[] {
    return this.cdn.downloads(attachmentId);
  }

  text(message: Renderable): string {
    return text(message);
  }

  /** Resolves with the first truthy value of `probe`, re-checked after every request or event. */
  waitFor<T>(
    probe: () => T | undefined | null | false,
    timeoutMs = 2000,
    description = 'a condition',
  ): Promise<T> {
    return this.recorder.waitFor(probe, timeoutMs, description);
  }

  /** The next (or an already recorded) request matching `route` and `predicate`. */
  waitForRequest(
    route: string | RegExp,
    predicate: (request: RecordedRequest) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<RecordedRequest> {
    return this.recorder.waitFor(
      () => this.recorder.requests.find((r) => routeMatches(route, r) && predicate(r)),
      timeoutMs,
      `a request to ${String(route)}`,
    );
  }

  // --- Interactions ----------------------------------------------------------------------------

  slashCommand(invocation: CommandInvocation): InteractionHandle<StoredMessage> {
    return this.interactions.slashCommand(invocation);
  }

  autocomplete(invocation: AutocompleteInvocation): InteractionHandle<AutocompleteChoice[]> {
    return this.interactions.autocomplete(invocation);
  }

  clickButton(click: ButtonClick): InteractionHandle<StoredMessage> {
    return this.interactions.clickButton(click);
  }

  selectMenu(choice: SelectMenuChoice): InteractionHandle<StoredMessage> {
    return this.interactions.selectMenu(choice);
  }

  // --- World changes ---------------------------------------------------------------------------

  /** A new text channel (CHANNEL_CREATE is dispatched). `botCanSend: false` denies SendMessages. */
  createChannel(options: CreateChannelOptions): ChannelInfo {
    const guildId = options.guildId ?? this.guildId;
    const overwrites = [...(options.permission_overwrites ?? [])];
    if (options.botCanSend === false) {
      overwrites.push({
        id: this.botUser.id,
        type: 1,
        allow: '0',
        deny: (Permission.SendMessages | Permission.SendMessagesInThreads).toString(),
      });
    }
    const position = this.world.guildChannels(guildId).length;
    const channel = this.world.addChannel(
      guildId,
      {
        id: snowflake(),
        name: options.name,
        type: options.type ?? 0,
        permission_overwrites: overwrites,
      },
      position,
    );
    this.gateway.dispatch('CHANNEL_CREATE', this.world.channelJson(channel), {
      intent: Intent.Guilds,
      guildId,
    });
    return channelInfo(channel);
  }

  /** Deletes a channel and its threads: REST then answers 404/10003, CHANNEL_DELETE is dispatched. */
  deleteChannel(channelId: string): void {
    const channel = this.world.channels.get(channelId);
    if (!channel) throw new Error(`Unknown channel ${channelId}`);
    const json = this.world.channelJson(channel);
    for (const other of [...this.world.channels.values()]) {
      if (other.parentId === channelId && other.thread) this.world.channels.delete(other.id);
    }
    this.world.channels.delete(channelId);
    this.gateway.dispatch(channel.thread ? 'THREAD_DELETE' : 'CHANNEL_DELETE', json, {
      intent: Intent.Guilds,
      guildId: channel.guildId,
    });
  }

  /**
   * Grants (or with `false` revokes) guild-level permissions of the bot, e.g.
   * `Permission.CreateEvents`, through its managed role; GUILD_ROLE_UPDATE is dispatched, unless
   * `unannounced`: the bot then misses the change (as across a gateway outage), and its cache
   * disagrees with what Discord enforces.
   */
  setBotPermissions(
    flags: bigint,
    granted: boolean,
    guildId: string = this.guildId,
    options: { unannounced?: boolean } = {},
  ): void {
    const role = this.world.setBotPermissions(guildId, flags, granted);
    if (options.unannounced !== true) {
      this.gateway.dispatch(
        'GUILD_ROLE_UPDATE',
        { guild_id: guildId, role: this.world.roleJson(role) },
        { intent: Intent.Guilds, guildId },
      );
    }
    this.recorder.changed();
  }

  /**
   * What a member, or Discord itself, does to an event: start it, end it, cancel it (Discord
   * cancels a scheduled event nobody started). No transition rule applies; an update is dispatched.
   */
  setScheduledEventStatus(eventId: string, status: number): StoredScheduledEvent {
    const event = this.world.scheduledEvents.get(eventId);
    if (!event || event.deletedAt !== null) throw new Error(`Unknown scheduled event ${eventId}`);
    if (!Object.values(EventStatus).some((s) => s === status)) {
      throw new Error(`Unknown scheduled event status ${status}`);
    }
    event.status = status;
    event.updatedAt = now();
    event.revision += 1;
    announceScheduledEvent(this.context, 'GUILD_SCHEDULED_EVENT_UPDATE', event);
    return { ...event };
  }

  /** N new members of a guild (default: the first), e.g. 1000 distinct voters. */
  createMembers(count: number, options: CreateMembersOptions = {}): MemberFixture[] {
    const guild = this.world.guild(options.guildId ?? this.guildId);
    if (!guild) throw new Error(`Unknown guild ${options.guildId ?? ''}`);
    const members = makeMembers(count, options);
    for (const member of members) guild.members.set(member.id, member);
    return members;
  }

  // --- Faults ----------------------------------------------------------------------------------

  /** Answers the next `times` matching requests with a 429 or 5xx (no side effects). */
  injectFault(spec: FaultSpec): FaultHandle {
    return this.faults.add(spec);
  }

  /**
   * Sends a dispatch; returns how many sessions got it. Data with a `guild_id` goes only to the
   * sessions whose shard owns that guild, as on Discord; anything else to every session.
   */
  dispatch(event: string, data: unknown): number {
    const guildId = (data as { guild_id?: unknown } | null)?.guild_id;
    return this.gateway.dispatch(event, data, typeof guildId === 'string' ? { guildId } : {});
  }

  /**
   * Closes every gateway socket. 1006 = abrupt termination; 4000 = clean close with an error
   * code; both make discord.js resume (~0.5 s). 1000 and 4007/4009 make it re-identify, which
   * its identify throttle delays by about 5 s.
   */
  closeGateway(code = 4000): Promise<void> {
    return this.gateway.closeAll(code);
  }

  /** Sends op 9 (invalid session); with `resumable: false` sessions are forgotten. */
  invalidateSessions(resumable = false): void {
    this.gateway.invalidateSessions(resumable);
  }

  /** Sends op 7: clients reconnect and resume. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Gateway statistics: live sessions, resumable sessions, IDENTIFY/RESUME counts. */
  get gatewayStats(): {
    live: number;
    known: number;
    identifies: number;
    resumes: number;
    invalidSessions: number;
  } {
    return {
      live: this.gateway.liveSessions,
      known: this.gateway.knownSessions,
      ...this.gateway.stats,
    };
  }

  /** Every known gateway session: shard, open or not, intents. */
  get gatewaySessions(): GatewaySessionInfo[] {
    return this.gateway.sessionInfo;
  }

  /** Resolves once `count` sessions have an open socket (after IDENTIFY or RESUME). */
  waitForSessions(count: number, timeoutMs = 5000): Promise<true> {
    return this.recorder.waitFor(
      () => this.gateway.liveSessions >= count,
      timeoutMs,
      `${count} live gateway session(s)`,
    );
  }

  async close(): Promise<void> {
    this.recorder.abortAll('The Discord emulator was closed');
    this.cdn.close();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(options);
  await emulator.listen();
  return emulator;
}
