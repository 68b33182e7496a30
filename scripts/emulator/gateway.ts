import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { randomToken } from './ids';
import { shardOwns } from './shards';
import type { GatewaySessionInfo, JsonObject } from './types';
import type { World } from './world';

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

/** Dispatches older than this are dropped from a session's replay buffer. */
const REPLAY_BUFFER = 10_000;

interface GatewayEvent {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  events: GatewayEvent[];
  socket: WebSocket | null;
  intents: number;
  shard: [number, number];
}

/** What `GET /gateway/bot` announces; `remaining` goes down with each IDENTIFY. */
export interface SessionStartLimit {
  total: number;
  remaining: number;
  resetAfterMs: number;
  maxConcurrency: number;
}

/** Which sessions a dispatch goes to. */
export interface DispatchTarget {
  /** Only sessions that asked for this intent. */
  intent?: number | null;
  /** Only sessions whose shard owns this guild (null: a DM, shard 0); absent: every session. */
  guildId?: string | null;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  recommendedShards: number;
  sessionStartLimit: SessionStartLimit;
  world: World;
  url: () => string;
  log: ((line: string) => void) | null;
  /** Called when sessions connect, resume or drop (wakes `waitFor`). */
  onChange: () => void;
}

/** Discord's gateway for discord.js: JSON frames, no compression, sessions that can resume. */
export class Gateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  /** Counts of IDENTIFY and RESUME received, for tests. */
  readonly stats = { identifies: 0, resumes: 0, invalidSessions: 0 };

  constructor(private readonly options: GatewayOptions) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => {
      this.onConnection(ws);
    });
  }

  /** Sessions with an open socket. */
  get liveSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN)
      .length;
  }

  /** Sessions that are live or could still resume. */
  get knownSessions(): number {
    return this.sessions.size;
  }

  /** Every known session: its shard, whether its socket is open, its intents. */
  get sessionInfo(): GatewaySessionInfo[] {
    return [...this.sessions.values()].map((s) => ({
      id: s.id,
      shard: [...s.shard],
      live: s.socket?.readyState === WebSocket.OPEN,
      intents: s.intents,
    }));
  }

  /** How many known sessions would receive an event of this guild (null: a DM). */
  sessionsFor(guildId: string | null): number {
    return [...this.sessions.values()].filter((s) => shardOwns(s.shard, guildId)).length;
  }

  /** The body of `GET /gateway/bot`. */
  botGatewayInfo(): JsonObject {
    const limit = this.options.sessionStartLimit;
    return {
      url: this.options.url(),
      shards: this.options.recommendedShards,
      session_start_limit: {
        total: limit.total,
        remaining: Math.max(0, limit.remaining - this.stats.identifies),
        reset_after: limit.resetAfterMs,
        max_concurrency: limit.maxConcurrency,
      },
    };
  }

  /**
   * Sends a dispatch to the sessions of `target` (buffered for disconnected ones, replayed on
   * RESUME), as Discord does: a guild's events only to the shard that owns it, and several
   * sessions on one shard (a rolling restart) each get them. Returns how many sessions got it.
   */
  dispatch(event: string, data: unknown, target: DispatchTarget = {}): number {
    const { intent = null, guildId } = target;
    let count = 0;
    for (const session of this.sessions.values()) {
      if (intent !== null && (session.intents & intent) === 0) continue;
      if (guildId !== undefined && !shardOwns(session.shard, guildId)) continue;
      this.enqueue(session, event, data);
      count++;
    }
    if (count > 0) this.options.log?.(`gateway -> ${event} (${count} session(s))`);
    return count;
  }

  /** Closes every socket: 1006 terminates abruptly, other codes close cleanly with that code. */
  async closeAll(code: number): Promise<void> {
    const closing = [...this.sockets].map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) {
            resolve();
            return;
          }
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 1000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          if (code === 1006) socket.terminate();
          else socket.close(code, 'closed by the emulator');
        }),
    );
    if (code === 4007 || code === 4009) this.sessions.clear();
    await Promise.all(closing);
  }

  /** Sends op 9 to every live session; non-resumable sessions are forgotten. */
  invalidateSessions(resumable: boolean): void {
    for (const session of [...this.sessions.values()]) {
      const socket = session.socket;
      if (socket?.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ op: Op.InvalidSession, d: resumable, s: null, t: null }));
      }
      if (!resumable) this.sessions.delete(session.id);
    }
  }

  /** Asks clients to reconnect and resume (op 7). */
  requestReconnect(): void {
    for (const socket of this.sockets) {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ op: Op.Reconnect, d: null, s: null, t: null }));
      }
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    this.sessions.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    let session: Session | null = null;
    this.send(ws, { op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });

    ws.on('message', (raw, isBinary) => {
      if (isBinary) {
        ws.close(4002, 'Decode error');
        return;
      }
      let payload: { op?: unknown; d?: unknown };
      try {
        const bytes = Array.isArray(raw)
          ? Buffer.concat(raw)
          : Buffer.isBuffer(raw)
            ? raw
            : Buffer.from(new Uint8Array(raw));
        payload = JSON.parse(bytes.toString('utf8')) as {
          op?: unknown;
          d?: unknown;
        };
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      const data = (
        typeof payload.d === 'object' && payload.d !== null ? payload.d : {}
      ) as JsonObject;
      switch (payload.op) {
        case Op.Heartbeat:
          this.send(ws, { op: Op.HeartbeatAck });
          return;
        case Op.Identify:
          if (session) {
            ws.close(4005, 'Already authenticated');
            return;
          }
          session = this.identify(ws, data);
          this.options.onChange();
          return;
        case Op.Resume:
          if (session) {
            ws.close(4005, 'Already authenticated');
            return;
          }
          session = this.resume(ws, data);
          this.options.onChange();
          return;
        case Op.PresenceUpdate:
        case Op.VoiceStateUpdate:
        case Op.RequestGuildMembers:
        case Op.RequestSoundboardSounds:
          if (!session) ws.close(4003, 'Not authenticated');
          return;
        default:
          ws.close(4001, 'Unknown opcode');
      }
    });

    ws.on('close', (code) => {
      this.sockets.delete(ws);
      if (session?.socket === ws) {
        session.socket = null;
        // A client closing with 1000/1001 ends its session, as on Discord.
        if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      }
      this.options.onChange();
    });
    ws.on('error', () => {
      // Abrupt client disconnects surface here; the close handler does the bookkeeping.
    });
  }

  private checkToken(ws: WebSocket, token: unknown): boolean {
    const given = typeof token === 'string' ? token.replace(/^Bot /, '') : '';
    if (given === this.options.token) return true;
    ws.close(4004, 'Authentication failed.');
    return false;
  }

  /** `[id, count]` from IDENTIFY (absent: [0, 1], every guild), or null when Discord refuses it. */
  private static shardOf(value: unknown): [number, number] | null {
    if (value === undefined || value === null) return [0, 1];
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [id, count] = value as unknown[];
    const valid =
      Number.isInteger(id) && Number.isInteger(count) && Number(count) >= 1 && Number(id) >= 0;
    return valid && Number(id) < Number(count) ? [Number(id), Number(count)] : null;
  }

  private identify(ws: WebSocket, data: JsonObject): Session | null {
    if (!this.checkToken(ws, data.token)) return null;
    const shard = Gateway.shardOf(data.shard);
    if (!shard) {
      ws.close(4010, 'Invalid shard.');
      return null;
    }
    this.stats.identifies++;
    const session: Session = {
      id: randomToken(16),
      seq: 0,
      events: [],
      socket: ws,
      intents: typeof data.intents === 'number' ? data.intents : 0,
      shard,
    };
    this.sessions.set(session.id, session);
    const { world } = this.options;
    // discord.js waits for a GUILD_CREATE of every guild READY lists: only this shard's.
    const guilds = [...world.guilds.values()].filter((g) => shardOwns(shard, g.id));
    this.enqueue(session, 'READY', {
      v: 10,
      user: world.botUserJson(),
      guilds: guilds.map(({ id }) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard: session.shard,
      application: { id: world.applicationId, flags: 0 },
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['rotterdam'],
      auth: {},
      session_type: 'normal',
    });
    for (const guild of guilds) {
      this.enqueue(session, 'GUILD_CREATE', world.guildJson(guild, true));
    }
    this.options.log?.(`gateway: IDENTIFY shard ${shard.join('/')} -> session ${session.id}`);
    return session;
  }

  private resume(ws: WebSocket, data: JsonObject): Session | null {
    if (!this.checkToken(ws, data.token)) return null;
    this.stats.resumes++;
    const session =
      typeof data.session_id === 'string' ? this.sessions.get(data.session_id) : undefined;
    const seq = typeof data.seq === 'number' ? data.seq : 0;
    const oldest = session?.events[0]?.s ?? 0;
    if (!session || (session.events.length > 0 && seq < oldest - 1)) {
      this.stats.invalidSessions++;
      this.send(ws, { op: Op.InvalidSession, d: false });
      return null;
    }
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    const missed = session.events.filter((event) => event.s > seq);
    for (const event of missed)
      this.send(ws, { op: Op.Dispatch, t: event.t, s: event.s, d: event.d });
    session.seq += 1;
    this.send(ws, { op: Op.Dispatch, t: 'RESUMED', s: session.seq, d: {} });
    this.options.log?.(`gateway: RESUME ${session.id}, replayed ${missed.length}`);
    return session;
  }

  private enqueue(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const event: GatewayEvent = { s: session.seq, t, d };
    session.events.push(event);
    if (session.events.length > REPLAY_BUFFER) session.events.shift();
    if (session.socket?.readyState === WebSocket.OPEN) {
      this.send(session.socket, { op: Op.Dispatch, t, s: event.s, d });
    }
  }

  private send(
    ws: WebSocket,
    payload: { op: number; d?: unknown; s?: number | null; t?: string | null },
  ): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ s: null, t: null, d: null, ...payload }));
  }
}
