import type { Text } from '../content/text';
import type { Locale } from '../i18n/locale';
import type { ButtonView, MessageView } from '../render/view';
import type { PauseReason } from './core/plan';

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
