import { DiscordAPIError, RESTJSONErrorCodes, type Client } from 'discord.js';
import type { MessageView } from '../render/view';
import { toPayload } from './to-payload';

/**
 * Posting and editing messages by channel and message id, for work that outlives an interaction
 * (poll messages, scheduled posts): no message cache needed, every payload through `toPayload`.
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

const UNAVAILABLE = new Set<number | string>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

export function createChannelMessenger(client: Client): ChannelMessenger {
  async function sendable(channelId: string) {
    const channel = await client.channels.fetch(channelId).catch((error: unknown) => {
      throw unavailable(channelId, error);
    });
    if (!channel?.isSendable()) throw new ChannelUnavailableError(channelId);
    return channel;
  }
  return {
    async send(channelId, view, options = {}) {
      const channel = await sendable(channelId);
      const message = await channel
        .send({
          ...toPayload(view),
          ...(options.replyTo !== undefined && {
            reply: { messageReference: options.replyTo, failIfNotExists: false },
          }),
        })
        .catch((error: unknown) => {
          throw unavailable(channelId, error);
        });
      return message.id;
    },
    async edit(channelId, messageId, view) {
      const channel = await sendable(channelId);
      await channel.messages.edit(messageId, toPayload(view));
    },
    async delete(channelId, messageId) {
      const channel = await sendable(channelId);
      await channel.messages.delete(messageId);
    },
  };
}

function unavailable(channelId: string, error: unknown): unknown {
  return error instanceof DiscordAPIError && UNAVAILABLE.has(error.code)
    ? new ChannelUnavailableError(channelId, { cause: error })
    : error;
}
