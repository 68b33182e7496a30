import type { Locale } from '../i18n/locale';
import type { MessageView } from '../render/view';

/**
 * What polls need from the chat platform: posting and editing their messages by channel and
 * message id, outside any interaction. Implemented on discord.js by `src/discord/`.
 */
export interface ChannelMessenger {
  /** Posts a message and resolves with its id; `ChannelUnavailableError` if the bot cannot. */
  send(channelId: string, view: MessageView, options?: { replyTo?: string }): Promise<string>;
  edit(channelId: string, messageId: string, view: MessageView): Promise<void>;
  delete(channelId: string, messageId: string): Promise<void>;
}

/** The channel does not exist, or the bot may not see it or post in it. */
export class ChannelUnavailableError extends Error {
  constructor(
    readonly channelId: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot post in channel ${channelId}`, options);
    this.name = 'ChannelUnavailableError';
  }
}

/** Poll results drawn as a picture (a bar chart), for the final results and `/poll results`. */
export interface ResultsPicture {
  render(results: PictureOfResults): Promise<{ png: Uint8Array; description: string }>;
}

export interface PictureOfResults {
  readonly question: string;
  readonly options: readonly { readonly label: string; readonly count: number }[];
  readonly voters: number;
  readonly closed: boolean;
  readonly locale: Locale;
}
