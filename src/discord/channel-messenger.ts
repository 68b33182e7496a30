import { DiscordAPIError, RESTJSONErrorCodes, type Client } from 'discord.js';
import { ChannelUnavailableError, type ChannelMessenger } from '../polls/ports';
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
