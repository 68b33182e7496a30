import { DiscordAPIError, RESTJSONErrorCodes, type Client } from 'discord.js';
import { ChannelUnavailableError, type ChannelMessenger } from '../polls/ports';
import type { MessageView } from '../render/view';
import { toPayload } from './to-payload';

const UNAVAILABLE = new Set<number | string>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

/**
 * Polls' `ChannelMessenger` on discord.js: no message cache needed, every payload through
 * `toPayload`. Built before login; used once the client is ready.
 */
export class DiscordChannelMessenger implements ChannelMessenger {
  constructor(private readonly client: Client) {}

  async send(
    channelId: string,
    view: MessageView,
    options: { replyTo?: string } = {},
  ): Promise<string> {
    const channel = await this.sendable(channelId);
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
  }

  async edit(channelId: string, messageId: string, view: MessageView): Promise<void> {
    const channel = await this.sendable(channelId);
    await channel.messages.edit(messageId, toPayload(view));
  }

  async delete(channelId: string, messageId: string): Promise<void> {
    const channel = await this.sendable(channelId);
    await channel.messages.delete(messageId);
  }

  private async sendable(channelId: string) {
    const channel = await this.client.channels.fetch(channelId).catch((error: unknown) => {
      throw unavailable(channelId, error);
    });
    if (!channel?.isSendable()) throw new ChannelUnavailableError(channelId);
    return channel;
  }
}

function unavailable(channelId: string, error: unknown): unknown {
  return error instanceof DiscordAPIError && UNAVAILABLE.has(error.code)
    ? new ChannelUnavailableError(channelId, { cause: error })
    : error;
}
