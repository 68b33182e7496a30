import type { Text } from '../content/text';
import type { Locale } from '../i18n/locale';
import type { ButtonView, MessageView } from '../render/view';
import type { PauseReason, SessionPlace } from './core/plan';
import type { SessionEvent } from './core/session-event';

/** Where a prompt went. */
export interface PostedPrompt {
  readonly messageId: string;
  readonly threadId: string | undefined;
  /** The prompt is out but something needs the organiser (no permission left to open threads). */
  readonly problem: PauseReason | undefined;
  /** Why the thread could not be opened, for the logs. */
  readonly threadError?: unknown;
}

/**
 * Posting as the scheduler needs it, implemented on discord.js by the Discord layer
 * (`src/discord/reading-poster.ts`), so scheduling stays free of discord.js. Built before login;
 * used once background work has started.
 */
export interface PromptPoster {
  /**
   * Posts the prompt in the channel, then opens a public thread on it when `threadTitle` is given.
   * `nonce` is unique to the occurrence: Discord drops a repeat with the same nonce, so a retry
   * after a lost answer cannot post twice. Throws `PromptRejected` when retrying cannot help.
   */
  post(
    channelId: string,
    view: MessageView,
    threadTitle: string | undefined,
    nonce: string,
  ): Promise<PostedPrompt>;
  /** The server's language, when it is one Tribune speaks. */
  guildLocale(guildId: string): Locale | undefined;
  /**
   * Posts a message in a prompt's thread (or its channel), such as a session's reminder; resolves
   * with its id. `nonce` as for `post`. Throws `PromptRejected` when retrying cannot help.
   */
  postInThread(channelId: string, view: MessageView, nonce: string): Promise<string>;
  /** Replaces a posted prompt's buttons (its read count), leaving the rest of it as it is. */
  showButtons(
    channelId: string,
    messageId: string,
    buttons: readonly (readonly ButtonView[])[],
  ): Promise<void>;
}

/** The channel is gone or the bot may no longer post there: pause the plan, do not retry. */
export class PromptRejected extends Error {
  constructor(
    readonly reason: Extract<PauseReason, 'channel-deleted' | 'missing-permission'>,
    detail: string,
  ) {
    super(detail);
    this.name = 'PromptRejected';
  }
}

/** The texts plans read: built in, or the plan's server's own (`src/texts/`). */
export interface TextSource {
  /** The text a server knows by this id; undefined once removed (or never known). */
  textOf(guildId: string, textId: string): Promise<Text | undefined>;
}

/** What the bot may need to hold a session's event: Create Events, and rights in its channel. */
export type EventPermission =
  'CreateEvents' | 'ViewChannel' | 'Connect' | 'ManageChannels' | 'MuteMembers' | 'MoveMembers';

/**
 * The server's calendar (Discord's scheduled events), implemented on discord.js by
 * `src/discord/session-calendar.ts`. Built before login; used once background work has started.
 */
export interface SessionCalendar {
  /** What the bot lacks, as far as it knows, to hold an event at this place; empty when nothing. */
  missingPermissions(guildId: string, place: SessionPlace): EventPermission[];
  /** Creates the event and resolves with its id. */
  create(guildId: string, event: SessionEvent): Promise<string>;
  /** Changes these fields of the event (`event` is the whole of it, as it will be). */
  update(
    guildId: string,
    eventId: string,
    changes: Partial<SessionEvent>,
    event: SessionEvent,
  ): Promise<void>;
  /** Cancels the event (status CANCELED). */
  cancel(guildId: string, eventId: string): Promise<void>;
}

/**
 * Discord will not do it, and asking again will not help: the event is gone (a member ended or
 * deleted it), or the bot may not (permissions, the 100 events of a server, a refused field).
 */
export class CalendarRefused extends Error {
  constructor(
    readonly reason: 'gone' | 'refused',
    detail: string,
  ) {
    super(detail);
    this.name = 'CalendarRefused';
  }
}
