import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
  type Client,
  type GuildBasedChannel,
  type User,
} from 'discord.js';
import { supportedLocale, type Locale } from '../i18n/locale';
import { PromptRejected, type PostedPrompt, type PromptPoster } from '../reading/ports';
import type { ButtonView, MessageView } from '../render/view';
import { toComponents, toPayload } from './to-payload';

/** What the bot needs in a plan's channel: read it, post the prompt with its embed, open threads. */
const PROMPT_PERMISSIONS = {
  ViewChannel: PermissionFlagsBits.ViewChannel,
  SendMessages: PermissionFlagsBits.SendMessages,
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
} as const;
const THREAD_PERMISSIONS = {
  CreatePublicThreads: PermissionFlagsBits.CreatePublicThreads,
  SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads,
} as const;

export type PromptPermission = keyof typeof PROMPT_PERMISSIONS | keyof typeof THREAD_PERMISSIONS;

/** The permissions the bot lacks in the channel to post prompts (and open their threads). */
export function missingPromptPermissions(
  channel: GuildBasedChannel,
  bot: User,
  thread: boolean,
): PromptPermission[] {
  const granted = channel.permissionsFor(bot);
  const needed = { ...PROMPT_PERMISSIONS, ...(thread ? THREAD_PERMISSIONS : {}) };
  return (Object.entries(needed) as [PromptPermission, bigint][])
    .filter(([, flag]) => granted?.has(flag) !== true)
    .map(([name]) => name);
}

/**
 * Posts reading prompts with discord.js. A deleted channel (10003) or a missing permission (50013,
 * 50001, or seen in the cache before sending) is a `PromptRejected`: the scheduler pauses the plan
 * instead of retrying, which would only pile up invalid requests. Built before login; used once
 * the client is ready.
 */
export class DiscordPromptPoster implements PromptPoster {
  constructor(private readonly client: Client) {}

  guildLocale(guildId: string): Locale | undefined {
    return supportedLocale(this.client.guilds.cache.get(guildId)?.preferredLocale);
  }

  async postInThread(channelId: string, view: MessageView, nonce: string): Promise<string> {
    const channel = await this.client.channels.fetch(channelId).catch(rejectPermanent);
    if (!channel?.isSendable()) {
      throw new PromptRejected('channel-deleted', `channel ${channelId} is gone`);
    }
    // An archived thread opens again when the bot posts in it (it may: it opened it).
    const message = await channel
      .send({ ...toPayload(view), nonce, enforceNonce: true })
      .catch(rejectPermanent);
    return message.id;
  }

  async showButtons(
    channelId: string,
    messageId: string,
    buttons: readonly (readonly ButtonView[])[],
  ): Promise<void> {
    const channel = await this.client.channels.fetch(channelId);
    if (!channel?.isSendable()) return;
    // Only the components change; mentions stay off, as on every edit.
    await channel.messages.edit(messageId, {
      components: toComponents(buttons),
      allowedMentions: { parse: [] },
    });
  }

  async post(
    channelId: string,
    view: MessageView,
    threadTitle: string | undefined,
    nonce: string,
  ): Promise<PostedPrompt> {
    const { client } = this;
    const channel = await client.channels.fetch(channelId).catch(rejectPermanent);
    if (channel?.type !== ChannelType.GuildText) {
      throw new PromptRejected('channel-deleted', `channel ${channelId} is gone`);
    }
    // Posting starts once the client is ready, when its user is known.
    if (!client.isReady()) throw new Error('the Discord client is not ready');
    const missing = missingPromptPermissions(channel, client.user, false);
    if (missing.length > 0) {
      throw new PromptRejected('missing-permission', `missing ${missing.join(', ')}`);
    }
    const message = await channel
      .send({ ...toPayload(view), nonce, enforceNonce: true })
      .catch(rejectPermanent);
    const posted = { messageId: message.id, threadId: undefined, problem: undefined };
    if (threadTitle === undefined) return posted;
    try {
      const thread = await message.startThread({
        name: threadTitle,
        autoArchiveDuration: ThreadAutoArchiveDuration.OneWeek,
      });
      return { ...posted, threadId: thread.id };
    } catch (error) {
      // The prompt is out, so this is not retried (that would post it twice). Without the
      // right to open threads, next week's would fail too: the plan pauses.
      return {
        ...posted,
        problem: isPermanent(error) ? 'missing-permission' : undefined,
        threadError: error,
      };
    }
  }
}

function isPermanent(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.MissingPermissions ||
      error.code === RESTJSONErrorCodes.MissingAccess)
  );
}

function rejectPermanent(error: unknown): never {
  if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) {
    throw new PromptRejected('channel-deleted', error.message);
  }
  if (isPermanent(error)) {
    throw new PromptRejected('missing-permission', (error as Error).message);
  }
  throw error;
}
