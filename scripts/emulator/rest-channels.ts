// Channel, message and thread endpoints, with the bot's channel permissions enforced.
import { Intent, announceMessage } from './context';
import type { Context } from './context';
import { ApiError, Errors } from './errors';
import { NO_CONTENT, json, route } from './http';
import type { ApiRequest, ApiResponse, RouteDefinition } from './http';
import { MessageFlag } from './message-store';
import type { MessageBody, MessageRecord } from './message-store';
import { Permission, has } from './permissions';
import {
  validateChannelMessage,
  validateChannelMessageEdit,
  validateThread,
} from './request-schemas';
import type { JsonObject } from './types';
import { TEXT_TYPES } from './world';
import type { ChannelState } from './world';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function channelRoutes(context: Context): RouteDefinition[] {
  const { world, store, gateway } = context;

  /** The channel, if it exists and the bot can see it. */
  const visibleChannel = (request: ApiRequest): ChannelState => {
    const channel = world.channels.get(request.params.channelId ?? '');
    if (!channel) throw Errors.unknownChannel();
    if (!has(world.botPermissionsIn(channel), Permission.ViewChannel)) throw Errors.missingAccess();
    return channel;
  };

  const channelMessage = (request: ApiRequest, channel: ChannelState): MessageRecord => {
    const message = store.get(request.params.messageId ?? '');
    // Ephemeral messages exist only for their user: channel endpoints cannot see them.
    if (message?.channelId !== channel.id || message.deletedAt !== null || message.ephemeral) {
      throw Errors.unknownMessage();
    }
    return message;
  };

  const requireText = (channel: ChannelState): void => {
    if (!TEXT_TYPES.has(channel.type)) {
      throw new ApiError(400, 50024, 'Cannot execute action on this channel type');
    }
  };

  const createMessage = (request: ApiRequest): ApiResponse => {
    const channel = visibleChannel(request);
    requireText(channel);
    if (!world.canBotSend(channel)) throw Errors.missingPermissions();
    if (request.files.length > 0 && !has(world.botPermissionsIn(channel), Permission.AttachFiles)) {
      throw Errors.missingPermissions();
    }
    if (channel.thread?.locked === true) throw new ApiError(400, 50083, 'Thread is archived');
    validateChannelMessage(request.body, request.files.length);
    const body = request.body as MessageBody & { message_reference?: unknown };
    const reference = body.message_reference;
    if (isObject(reference) && typeof reference.message_id === 'string') {
      const target = store.get(reference.message_id);
      if (!target && reference.fail_if_not_exists !== false) {
        throw new ApiError(400, 50035, 'Invalid Form Body', {
          errors: {
            message_reference: {
              _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }],
            },
          },
        });
      }
    }
    const message = store.create({
      channelId: channel.id,
      guildId: channel.guildId,
      body,
      uploads: request.files,
      source: 'channel',
      messageType: isObject(reference) ? 19 : 0,
    });
    if (channel.thread) {
      // Posting in an archived (unlocked) thread unarchives it.
      channel.thread.archived = false;
      channel.thread.messageCount += 1;
    }
    announceMessage(context, 'MESSAGE_CREATE', message);
    context.recorder.changed();
    return json(store.toJson(message));
  };

  const listMessages = (request: ApiRequest): ApiResponse => {
    const channel = visibleChannel(request);
    const limit = Math.min(100, Math.max(1, Number(request.query.limit ?? 50)));
    let messages = store.inChannel(channel.id).filter((m) => !m.ephemeral);
    const { before, after } = request.query;
    if (before !== undefined) messages = messages.filter((m) => BigInt(m.id) < BigInt(before));
    if (after !== undefined) messages = messages.filter((m) => BigInt(m.id) > BigInt(after));
    const newestFirst = messages.reverse();
    const page = after === undefined ? newestFirst.slice(0, limit) : newestFirst.slice(-limit);
    return json(page.map((m) => store.toJson(m)));
  };

  const editMessage = (request: ApiRequest): ApiResponse => {
    const channel = visibleChannel(request);
    const message = channelMessage(request, channel);
    validateChannelMessageEdit(request.body);
    if (store.editLeavesEmpty(message, request.body as MessageBody, request.files)) {
      throw Errors.emptyMessage();
    }
    store.edit(message, request.body as MessageBody, request.files);
    announceMessage(context, 'MESSAGE_UPDATE', message);
    context.recorder.changed();
    return json(store.toJson(message));
  };

  const deleteMessage = (request: ApiRequest): ApiResponse => {
    const channel = visibleChannel(request);
    const message = channelMessage(request, channel);
    store.delete(message);
    announceMessage(context, 'MESSAGE_DELETE', message);
    context.recorder.changed();
    return NO_CONTENT;
  };

  const threadBody = (
    request: ApiRequest,
  ): { name: string; autoArchive: number | null; type: unknown } => {
    const body = request.body as JsonObject;
    return {
      name: String(body.name),
      autoArchive:
        typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : null,
      type: body.type,
    };
  };

  const announceThread = (thread: ChannelState): ApiResponse => {
    gateway.dispatch(
      'THREAD_CREATE',
      { ...world.channelJson(thread), newly_created: true },
      { intent: Intent.Guilds, guildId: thread.guildId },
    );
    context.recorder.changed();
    return json(world.channelJson(thread), 201);
  };

  const threadFromMessage = (request: ApiRequest): ApiResponse => {
    const channel = visibleChannel(request);
    if (channel.type !== 0 && channel.type !== 5) {
      throw new ApiError(400, 50024, 'Cannot execute action on this channel type');
    }
    const message = channelMessage(request, channel);
    if (message.threadId !== null) {
      throw new ApiError(400, 160004, 'A thread has already been created for this message');
    }
    if (!has(world.botPermissionsIn(channel), Permission.CreatePublicThreads)) {
      throw Errors.missingPermissions();
    }
    validateThread(request.body, true);
    const { name, autoArchive } = threadBody(request);
    // Discord gives a thread started from a message the message's id.
    const thread = world.createThread(channel, name, channel.type === 5 ? 10 : 11, message.id);
    if (thread.thread && autoArchive !== null) thread.thread.autoArchiveDuration = autoArchive;
    message.threadId = thread.id;
    message.flags |= MessageFlag.HasThread;
    return announceThread(thread);
  };

  const threadWithoutMessage = (request: ApiRequest): ApiResponse => {
    const channel = visibleChannel(request);
    if (channel.type !== 0 && channel.type !== 5) {
      throw new ApiError(400, 50024, 'Cannot execute action on this channel type');
    }
    validateThread(request.body, false);
    const { name, autoArchive, type } = threadBody(request);
    // Discord's default for this route is a private thread.
    const threadType = typeof type === 'number' ? type : 12;
    const needed =
      threadType === 12 ? Permission.CreatePrivateThreads : Permission.CreatePublicThreads;
    if (!has(world.botPermissionsIn(channel), needed)) throw Errors.missingPermissions();
    const thread = world.createThread(channel, name, threadType);
    if (thread.thread && autoArchive !== null) thread.thread.autoArchiveDuration = autoArchive;
    return announceThread(thread);
  };

  const modifyChannel = (request: ApiRequest): ApiResponse => {
    const channel = visibleChannel(request);
    const body = isObject(request.body) ? request.body : {};
    const owned = channel.thread?.ownerId === world.botUser.id;
    const permissions = world.botPermissionsIn(channel);
    const allowed = channel.thread
      ? owned || has(permissions, Permission.ManageThreads)
      : has(permissions, Permission.ManageChannels);
    if (!allowed) throw Errors.missingPermissions();
    if (typeof body.name === 'string') channel.name = body.name;
    if (channel.thread) {
      if (typeof body.archived === 'boolean') channel.thread.archived = body.archived;
      if (typeof body.locked === 'boolean') channel.thread.locked = body.locked;
      if (typeof body.auto_archive_duration === 'number') {
        channel.thread.autoArchiveDuration = body.auto_archive_duration;
      }
    } else if (typeof body.topic === 'string' || body.topic === null) {
      channel.topic = body.topic;
    }
    const event = channel.thread ? 'THREAD_UPDATE' : 'CHANNEL_UPDATE';
    gateway.dispatch(event, world.channelJson(channel), {
      intent: Intent.Guilds,
      guildId: channel.guildId,
    });
    context.recorder.changed();
    return json(world.channelJson(channel));
  };

  const base = '/channels/:channelId';
  return [
    route('GET', base, (r) => json(world.channelJson(visibleChannel(r)))),
    route('PATCH', base, modifyChannel),
    route('POST', `${base}/typing`, (r) => {
      visibleChannel(r);
      return NO_CONTENT;
    }),
    route('GET', `${base}/messages`, listMessages),
    route('POST', `${base}/messages`, createMessage),
    route('GET', `${base}/messages/:messageId`, (r) =>
      json(store.toJson(channelMessage(r, visibleChannel(r)))),
    ),
    route('PATCH', `${base}/messages/:messageId`, editMessage),
    route('DELETE', `${base}/messages/:messageId`, deleteMessage),
    route('POST', `${base}/messages/:messageId/threads`, threadFromMessage),
    route('POST', `${base}/threads`, threadWithoutMessage),
  ];
}
