import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { randomToken } from './ids';
import type { JsonObject } from './types';
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

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
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

  /**
   * Sends a dispatch to every session (buffered for disconnected ones, replayed on RESUME).
   * `intent` filters sessions that did not ask for it. Returns how many sessions got it.
   */
  dispatch(event: string, data: unknown, intent: number | null = null): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (intent !== null && (session.intents & intent) === 0) continue;
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

  private identify(ws: WebSocket, data: JsonObject): Session | null {
    if (!this.checkToken(ws, data.token)) return null;
    this.stats.identifies++;
    const shard = Array.isArray(data.shard) ? data.shard : [0, 1];
    const session: Session = {
      id: randomToken(16),
      seq: 0,
      events: [],
      socket: ws,
      intents: typeof data.intents === 'number' ? data.intents : 0,
      shard: [Number(shard[0] ?? 0), Number(shard[1] ?? 1)],
    };
    this.sessions.set(session.id, session);
    const { world } = this.options;
    this.enqueue(session, 'READY', {
      v: 10,
      user: world.botUserJson(),
      guilds: [...world.guilds.keys()].map((id) => ({ id, unavailable: true })),
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
    for (const guild of world.guilds.values()) {
      this.enqueue(session, 'GUILD_CREATE', world.guildJson(guild, true));
    }
    this.options.log?.(`gateway: IDENTIFY -> session ${session.id}`);
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
