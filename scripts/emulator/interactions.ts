// Interactions: dispatch, the 3-second callback rule, first-callback-wins, the original response,
// follow-ups and edits through the interaction webhook, and the handles tests await.
import { announceMessage } from './context';
import type { Context } from './context';
import { ApiError, Errors, invalidFormBody } from './errors';
import { NO_CONTENT, json, route } from './http';
import type { ApiRequest, ApiResponse, RouteDefinition } from './http';
import { now } from './ids';
import { InteractionType, basePayload, commandData, resolveActor } from './interaction-payloads';
import { MessageFlag } from './message-store';
import type { InteractionMeta, MessageBody, MessageRecord } from './message-store';
import {
  validateFollowUp,
  validateInteractionCallback,
  validateWebhookEdit,
} from './request-schemas';
import type {
  AutocompleteChoice,
  AutocompleteInvocation,
  ButtonClick,
  CommandInvocation,
  ComponentJson,
  InteractionCallbackRecord,
  InteractionHandle,
  JsonObject,
  SelectMenuChoice,
  StoredMessage,
} from './types';

type Kind = 'command' | 'autocomplete' | 'component';

interface InteractionState {
  id: string;
  token: string;
  kind: Kind;
  type: number;
  guildId: string;
  channelId: string;
  userId: string;
  commandName: string | null;
  payload: JsonObject;
  dispatchedAt: number;
  callback: InteractionCallbackRecord | null;
  resolveCallback: (record: InteractionCallbackRecord) => void;
  callbackPromise: Promise<InteractionCallbackRecord>;
  /** The message `@original` designates. */
  originalMessageId: string | null;
  /** The message `reply()` resolves with, once known. */
  replyMessageId: string | null;
  choices: AutocompleteChoice[] | null;
  followUpIds: string[];
  /** For component interactions, the message holding the component. */
  sourceMessageId: string | null;
}

const ALLOWED_CALLBACKS: Record<Kind, ReadonlySet<number>> = {
  command: new Set([4, 5, 9]),
  autocomplete: new Set([8]),
  component: new Set([4, 5, 6, 7, 9]),
};

const DEFAULT_REPLY_TIMEOUT_MS = 5000;

function findComponent(
  components: readonly ComponentJson[],
  customId: string,
): ComponentJson | undefined {
  for (const component of components) {
    if (component.custom_id === customId) return component;
    const nested = [
      ...(component.components ?? []),
      ...(typeof component.accessory === 'object' && component.accessory !== null
        ? [component.accessory as ComponentJson]
        : []),
    ];
    const found = findComponent(nested, customId);
    if (found) return found;
  }
  return undefined;
}

class Handle<TReply> implements InteractionHandle<TReply> {
  constructor(
    private readonly state: InteractionState,
    private readonly context: Context,
    private readonly compute: () => TReply | undefined,
    private readonly label: string,
  ) {}

  get id(): string {
    return this.state.id;
  }

  get token(): string {
    return this.state.token;
  }

  get payload(): JsonObject {
    return this.state.payload;
  }

  get dispatchedAt(): number {
    return this.state.dispatchedAt;
  }

  get callback(): Promise<InteractionCallbackRecord> {
    return this.state.callbackPromise;
  }

  reply(timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Promise<TReply> {
    return this.context.recorder.waitFor(this.compute, timeoutMs, `the reply to ${this.label}`);
  }

  get followUps(): StoredMessage[] {
    return this.state.followUpIds
      .map((id) => this.context.store.get(id))
      .filter((m): m is MessageRecord => m !== undefined);
  }

  waitForFollowUp(n = 1, timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Promise<StoredMessage> {
    return this.context.recorder.waitFor(
      () => {
        const id = this.state.followUpIds[n - 1];
        return id === undefined ? undefined : this.context.store.get(id);
      },
      timeoutMs,
      `follow-up #${n} of ${this.label}`,
    );
  }

  original(): StoredMessage | undefined {
    const id = this.state.originalMessageId;
    return id === null ? undefined : this.context.store.get(id);
  }
}

export class Interactions {
  private readonly byId = new Map<string, InteractionState>();
  private readonly byToken = new Map<string, InteractionState>();

  constructor(private readonly context: Context) {}

  // --- Test-facing builders -------------------------------------------------------------------

  slashCommand(invocation: CommandInvocation): InteractionHandle<StoredMessage> {
    const { world, cdn } = this.context;
    const actor = resolveActor(world, invocation);
    const { data } = commandData(world, actor, invocation, null, (file) =>
      cdn.hostCommandFile(actor.channel.id, file),
    );
    const payload = { ...basePayload(world, actor, InteractionType.ApplicationCommand), data };
    const state = this.dispatch('command', payload, invocation.name);
    return new Handle(state, this.context, () => this.messageReply(state), `/${invocation.name}`);
  }

  autocomplete(invocation: AutocompleteInvocation): InteractionHandle<AutocompleteChoice[]> {
    const { world, cdn } = this.context;
    const actor = resolveActor(world, invocation);
    const { data } = commandData(world, actor, invocation, invocation.focused, (file) =>
      cdn.hostCommandFile(actor.channel.id, file),
    );
    const payload = { ...basePayload(world, actor, InteractionType.Autocomplete), data };
    const state = this.dispatch('autocomplete', payload, invocation.name);
    return new Handle(
      state,
      this.context,
      () => {
        const callback = state.callback;
        if (!callback) return undefined;
        if (callback.type !== 8) {
          throw new Error(`autocomplete was answered with callback type ${callback.type}, not 8`);
        }
        return state.choices ?? [];
      },
      `autocomplete of /${invocation.name} ${invocation.focused}`,
    );
  }

  clickButton(click: ButtonClick): InteractionHandle<StoredMessage> {
    return this.component(click, null);
  }

  selectMenu(choice: SelectMenuChoice): InteractionHandle<StoredMessage> {
    return this.component(choice, choice.values);
  }

  private component(click: ButtonClick, values: string[] | null): InteractionHandle<StoredMessage> {
    const { world, store } = this.context;
    const messageId = typeof click.message === 'string' ? click.message : click.message.id;
    const message = store.get(messageId);
    if (!message || message.deletedAt !== null) {
      throw new Error(`Message ${messageId} does not exist (deleted?)`);
    }
    const component =
      findComponent(message.components, click.customId) ??
      (click.forged === true ? { type: values === null ? 2 : 3, custom_id: click.customId } : null);
    if (!component) {
      throw new Error(`Message ${messageId} has no component with custom_id "${click.customId}"`);
    }
    if (component.disabled === true && click.forged !== true) {
      throw new Error(`Component "${click.customId}" is disabled: a user cannot click it`);
    }
    if (values === null && component.type !== 2) {
      throw new Error(`Component "${click.customId}" is not a button (type ${component.type})`);
    }
    if (values !== null && component.type === 2) {
      throw new Error(`Component "${click.customId}" is a button, not a select menu`);
    }
    const actor = resolveActor(world, {
      guildId: message.guildId ?? undefined,
      channelId: message.channelId,
      user: click.user,
      locale: click.locale,
      permissions: click.permissions,
    });
    const data: JsonObject = { custom_id: click.customId, component_type: component.type };
    if (values !== null) data.values = values;
    const payload = {
      ...basePayload(world, actor, InteractionType.MessageComponent),
      data,
      message: store.toJson(message),
    };
    const state = this.dispatch('component', payload, null);
    state.sourceMessageId = message.id;
    return new Handle(
      state,
      this.context,
      () => this.messageReply(state),
      `the click on "${click.customId}"`,
    );
  }

  private dispatch(kind: Kind, payload: JsonObject, commandName: string | null): InteractionState {
    const { gateway, recorder } = this.context;
    const guildId = String(payload.guild_id);
    if (gateway.knownSessions === 0) {
      throw new Error('No bot is connected to the gateway: log a client in before interacting');
    }
    if (gateway.sessionsFor(guildId) === 0) {
      const shards = gateway.sessionInfo.map((s) => s.shard.join('/')).join(', ');
      throw new Error(
        `No gateway session's shard owns guild ${guildId} (sessions on shards ${shards}): Discord would deliver this interaction to nobody`,
      );
    }
    let resolveCallback: (record: InteractionCallbackRecord) => void = () => undefined;
    const callbackPromise = new Promise<InteractionCallbackRecord>((resolve) => {
      resolveCallback = resolve;
    });
    const member = payload.member as { user: { id: string } };
    const state: InteractionState = {
      id: String(payload.id),
      token: String(payload.token),
      kind,
      type: Number(payload.type),
      guildId,
      channelId: String(payload.channel_id),
      userId: member.user.id,
      commandName,
      payload,
      dispatchedAt: 0,
      callback: null,
      resolveCallback,
      callbackPromise,
      originalMessageId: null,
      replyMessageId: null,
      choices: null,
      followUpIds: [],
      sourceMessageId: null,
    };
    this.byId.set(state.id, state);
    this.byToken.set(state.token, state);
    state.dispatchedAt = now();
    gateway.dispatch('INTERACTION_CREATE', payload, { guildId });
    recorder.changed();
    return state;
  }

  private messageReply(state: InteractionState): StoredMessage | undefined {
    const callback = state.callback;
    if (!callback) return undefined;
    if (callback.type === 8)
      throw new Error('the interaction was answered with autocomplete choices');
    if (callback.type === 9) {
      const title = typeof callback.data?.title === 'string' ? callback.data.title : '';
      throw new Error(`the interaction was answered with a modal "${title}"; read handle.callback`);
    }
    return state.replyMessageId === null ? undefined : this.context.store.get(state.replyMessageId);
  }

  private meta(state: InteractionState, extra: Partial<InteractionMeta> = {}): InteractionMeta {
    return {
      id: state.id,
      type: state.type,
      userId: state.userId,
      commandName: state.commandName,
      commandType: state.kind === 'command' ? 1 : null,
      guildId: state.guildId,
      originalResponseMessageId: null,
      interactedMessageId: state.sourceMessageId,
      ...extra,
    };
  }

  // --- REST ------------------------------------------------------------------------------------

  routes(): RouteDefinition[] {
    const base = '/webhooks/:applicationId/:token';
    return [
      route('POST', '/interactions/:interactionId/:token/callback', (r) => this.callback(r), false),
      route('GET', `${base}/messages/@original`, (r) => this.getMessage(r, '@original'), false),
      route('PATCH', `${base}/messages/@original`, (r) => this.editMessage(r, '@original'), false),
      route(
        'DELETE',
        `${base}/messages/@original`,
        (r) => this.deleteMessage(r, '@original'),
        false,
      ),
      route('GET', `${base}/messages/:messageId`, (r) => this.getMessage(r, null), false),
      route('PATCH', `${base}/messages/:messageId`, (r) => this.editMessage(r, null), false),
      route('DELETE', `${base}/messages/:messageId`, (r) => this.deleteMessage(r, null), false),
      route('POST', base, (r) => this.followUp(r), false),
    ];
  }

  private callback(request: ApiRequest): ApiResponse {
    const { store, interactionTimeoutMs } = this.context;
    const state = this.byId.get(request.params.interactionId ?? '');
    if (!state || state.token !== request.params.token) {
      throw new ApiError(404, 10062, 'Unknown interaction', {
        violation: 'callback for an interaction id/token the emulator never dispatched',
      });
    }
    if (state.callback) {
      throw new ApiError(400, 40060, 'Interaction has already been acknowledged.');
    }
    const age = request.at - state.dispatchedAt;
    if (age > interactionTimeoutMs) {
      throw new ApiError(404, 10062, 'Unknown interaction', {
        violation: `first callback ${Math.round(age)} ms after dispatch (limit ${interactionTimeoutMs} ms)`,
      });
    }
    const type = validateInteractionCallback(request.body, request.files.length);
    if (!ALLOWED_CALLBACKS[state.kind].has(type)) {
      throw invalidFormBody([
        {
          path: ['type'],
          code: 'INTERACTION_CALLBACK_TYPE_INVALID',
          message: `Callback type ${type} is not valid for a ${state.kind} interaction`,
        },
      ]);
    }
    const body = request.body as { data?: JsonObject | null };
    const data = body.data ?? null;
    const messageBody = (data ?? {}) as MessageBody;
    const source = state.sourceMessageId === null ? undefined : store.get(state.sourceMessageId);
    if (type === 7 && source && store.editLeavesEmpty(source, messageBody, request.files)) {
      throw Errors.emptyMessage();
    }
    const record: InteractionCallbackRecord = { type, data, receivedAt: request.at };
    state.callback = record;
    let message: MessageRecord | undefined;
    if (type === 4 || type === 5) {
      const deferred = type === 5;
      message = store.create({
        channelId: state.channelId,
        guildId: state.guildId,
        body: deferred ? { flags: messageBody.flags ?? 0 } : messageBody,
        uploads: deferred ? [] : request.files,
        source: 'interaction-response',
        interaction: this.meta(state),
        extraFlags: deferred ? MessageFlag.Loading : 0,
        messageType: state.kind === 'command' ? 20 : 0,
      });
      state.originalMessageId = message.id;
      if (!deferred) state.replyMessageId = message.id;
      announceMessage(this.context, 'MESSAGE_CREATE', message);
    } else if (type === 6 || type === 7) {
      state.originalMessageId = state.sourceMessageId;
      if (type === 7 && source) {
        message = store.edit(source, messageBody, request.files);
        state.replyMessageId = source.id;
        announceMessage(this.context, 'MESSAGE_UPDATE', message);
      }
    } else if (type === 8) {
      const choices = (data as { choices?: AutocompleteChoice[] | null } | null)?.choices;
      state.choices = choices ?? [];
    }
    state.resolveCallback(record);
    if (request.query.with_response !== 'true') return NO_CONTENT;
    const resource: JsonObject = { type };
    if (message) resource.message = store.toJson(message);
    return json({
      interaction: {
        id: state.id,
        type: state.type,
        response_message_id: message?.id,
        response_message_loading: type === 5,
        response_message_ephemeral: message?.ephemeral ?? false,
      },
      resource,
    });
  }

  /** The interaction behind a webhook URL, if its token is still valid. */
  private webhookState(request: ApiRequest): InteractionState {
    const { world, interactionTokenTtlMs } = this.context;
    const state = this.byToken.get(request.params.token ?? '');
    if (!state || request.params.applicationId !== world.applicationId) {
      throw Errors.unknownWebhook('no interaction has this application id and token');
    }
    const age = request.at - state.dispatchedAt;
    if (age > interactionTokenTtlMs) {
      throw new ApiError(401, 50027, 'Invalid Webhook Token', {
        violation: `interaction token used ${Math.round(age / 1000)} s after dispatch (limit ${Math.round(interactionTokenTtlMs / 1000)} s)`,
      });
    }
    if (!state.callback) {
      throw Errors.unknownWebhook('the interaction has not been acknowledged yet');
    }
    return state;
  }

  private targetMessage(
    state: InteractionState,
    request: ApiRequest,
    which: '@original' | null,
  ): MessageRecord {
    const id = which === '@original' ? state.originalMessageId : (request.params.messageId ?? '');
    const belongs =
      id !== null && (id === state.originalMessageId || state.followUpIds.includes(id));
    const message = belongs ? this.context.store.get(id) : undefined;
    if (!message || message.deletedAt !== null) throw Errors.unknownMessage();
    return message;
  }

  private getMessage(request: ApiRequest, which: '@original' | null): ApiResponse {
    const state = this.webhookState(request);
    return json(this.context.store.toJson(this.targetMessage(state, request, which)));
  }

  private editMessage(request: ApiRequest, which: '@original' | null): ApiResponse {
    const state = this.webhookState(request);
    const message = this.targetMessage(state, request, which);
    validateWebhookEdit(request.body);
    if (this.context.store.editLeavesEmpty(message, request.body as MessageBody, request.files)) {
      throw Errors.emptyMessage();
    }
    this.context.store.edit(message, request.body as MessageBody, request.files);
    if (message.id === state.originalMessageId) state.replyMessageId = message.id;
    announceMessage(this.context, 'MESSAGE_UPDATE', message);
    this.context.recorder.changed();
    return json(this.context.store.toJson(message));
  }

  private deleteMessage(request: ApiRequest, which: '@original' | null): ApiResponse {
    const state = this.webhookState(request);
    const message = this.targetMessage(state, request, which);
    this.context.store.delete(message);
    announceMessage(this.context, 'MESSAGE_DELETE', message);
    this.context.recorder.changed();
    return NO_CONTENT;
  }

  private followUp(request: ApiRequest): ApiResponse {
    const { store } = this.context;
    const state = this.webhookState(request);
    validateFollowUp(request.body, request.files.length);
    const body = request.body as MessageBody;
    const original =
      state.originalMessageId === null ? undefined : store.get(state.originalMessageId);
    let message: MessageRecord;
    if (
      state.callback?.type === 5 &&
      original &&
      original.deletedAt === null &&
      (original.flags & MessageFlag.Loading) !== 0
    ) {
      // Discord: the first follow-up after a deferred reply replaces the "thinking" message and
      // keeps the defer's ephemerality.
      message = store.edit(original, body, request.files);
      state.replyMessageId = message.id;
      announceMessage(this.context, 'MESSAGE_UPDATE', message);
    } else {
      message = store.create({
        channelId: state.channelId,
        guildId: state.guildId,
        body,
        uploads: request.files,
        source: 'follow-up',
        interaction: this.meta(state, { originalResponseMessageId: state.originalMessageId }),
        messageType: 0,
      });
      state.followUpIds.push(message.id);
      announceMessage(this.context, 'MESSAGE_CREATE', message);
    }
    this.context.recorder.changed();
    return request.query.wait === 'true' ? json(store.toJson(message)) : NO_CONTENT;
  }
}
