// Request bodies checked against Discord's published schemas (npm discord-api-spec, zod-mini)
// plus the limits in ./limits. Failures become Discord's 400 Invalid Form Body (50035).
import {
  ApplicationCommandAutocompleteCallbackRequestSchema,
  ApplicationCommandCreateRequestSchema,
  CreateMessageInteractionCallbackRequestSchema,
  CreateTextThreadWithMessageRequestSchema,
  CreateTextThreadWithoutMessageRequestSchema,
  ExternalScheduledEventCreateRequestSchema,
  ExternalScheduledEventPatchRequestPartialSchema,
  IncomingWebhookRequestPartialSchema,
  IncomingWebhookUpdateRequestPartialSchema,
  MessageCreateRequestSchema,
  MessageEditRequestPartialSchema,
  ModalInteractionCallbackRequestSchema,
  StageScheduledEventCreateRequestSchema,
  StageScheduledEventPatchRequestPartialSchema,
  UpdateMessageInteractionCallbackRequestSchema,
  VoiceScheduledEventCreateRequestSchema,
  VoiceScheduledEventPatchRequestPartialSchema,
} from 'discord-api-spec/zod';
import type { ZodMiniType } from 'zod/mini';
import { Errors, invalidFormBody } from './errors';
import type { IssuePath, ValidationIssue } from './errors';
import {
  autocompleteIssues,
  commandIssues,
  commandListIssues,
  isEmptyMessage,
  messageIssues,
} from './limits';
import { scheduledEventIssues } from './scheduled-event-rules';
import type { EventRuleContext } from './scheduled-event-rules';
import type { JsonObject } from './types';

/** The subset of a zod 4 issue we read. */
interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
  values?: unknown[];
  format?: string;
  errors?: ZodIssueLike[][];
}

function toPath(path: readonly PropertyKey[]): IssuePath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function valueAt(body: unknown, path: IssuePath): unknown {
  let node = body;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[String(key)];
  }
  return node;
}

/** For a failed union, the branch that got furthest (its type matched) explains the error best. */
function bestBranch(branches: ZodIssueLike[][]): ZodIssueLike[] | undefined {
  let best: ZodIssueLike[] | undefined;
  let bestScore = -1;
  for (const branch of branches) {
    const depth = Math.max(0, ...branch.map((issue) => issue.path.length));
    const typeMismatch = branch.some(
      (issue) => issue.path.at(-1) === 'type' && issue.code === 'invalid_value',
    );
    const score = (typeMismatch ? 0 : 1000) + depth * 10 - branch.length;
    if (score > bestScore) {
      bestScore = score;
      best = branch;
    }
  }
  return best;
}

function describe(issue: ZodIssueLike, path: IssuePath, value: unknown): ValidationIssue {
  const limit = String(issue.maximum ?? issue.minimum ?? '');
  const isNumber = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
  switch (issue.code) {
    case 'too_big':
      return isNumber
        ? {
            path,
            code: 'NUMBER_TYPE_MAX',
            message: `int value should be less than or equal to ${limit}.`,
          }
        : { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` };
    case 'too_small':
      return isNumber
        ? {
            path,
            code: 'NUMBER_TYPE_MIN',
            message: `int value should be greater than or equal to ${limit}.`,
          }
        : { path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${limit} or more in length.` };
    case 'invalid_type':
      return value === undefined
        ? { path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }
        : {
            path,
            code: 'MODEL_TYPE_CONVERT',
            message: `Expected ${issue.expected ?? 'another type'}, got ${typeof value}.`,
          };
    case 'invalid_value':
      return {
        path,
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of ${JSON.stringify(issue.values ?? [])}.`,
      };
    case 'invalid_format':
      return issue.format === 'url'
        ? { path, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }
        : issue.format === 'datetime'
          ? {
              path,
              code: 'DATE_TYPE_PARSE',
              message: 'Could not parse the date. Should be ISO8601.',
            }
          : {
              path,
              code: 'STRING_TYPE_REGEX',
              message: 'String value did not match validation regex.',
            };
    default:
      return { path, code: issue.code.toUpperCase(), message: issue.message };
  }
}

function convert(
  issues: readonly ZodIssueLike[],
  body: unknown,
  prefix: IssuePath,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors) {
      const branch = bestBranch(issue.errors);
      if (branch && branch.length > 0) {
        // Branch issue paths are relative to the union's position.
        const nested = branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
        out.push(...convert(nested, body, prefix));
        continue;
      }
      out.push({
        path: [...prefix, ...toPath(issue.path)],
        code: 'UNION_TYPE_CHOICES',
        message: 'Value does not match any of the allowed types.',
      });
      continue;
    }
    const relative = toPath(issue.path);
    out.push(describe(issue, [...prefix, ...relative], valueAt(body, relative)));
  }
  return out;
}

function schemaIssues(
  schema: ZodMiniType,
  body: unknown,
  prefix: IssuePath = [],
): ValidationIssue[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  // zod's issue union is wider than what we read; the cast only narrows to those fields.
  const issues = result.error.issues as unknown as ZodIssueLike[];
  return convert(issues, body, prefix);
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.join('.')}|${issue.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fail(issues: ValidationIssue[]): void {
  const unique = dedupe(issues);
  if (unique.length > 0) throw invalidFormBody(unique);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireObject(body: unknown): asserts body is JsonObject {
  if (!isObject(body)) {
    throw invalidFormBody([
      {
        path: [],
        code: 'DICT_TYPE_CONVERT',
        message: 'Only dictionaries may be used in a DictType',
      },
    ]);
  }
}

// --- Entry points: each throws an ApiError when the body is refused ---------------------------

export function validateChannelMessage(body: unknown, fileCount: number): void {
  requireObject(body);
  fail([...schemaIssues(MessageCreateRequestSchema, body), ...messageIssues(body)]);
  if (isEmptyMessage(body, fileCount)) throw Errors.emptyMessage();
}

export function validateChannelMessageEdit(body: unknown): void {
  requireObject(body);
  fail([...schemaIssues(MessageEditRequestPartialSchema, body), ...messageIssues(body)]);
}

export function validateFollowUp(body: unknown, fileCount: number): void {
  requireObject(body);
  fail([...schemaIssues(IncomingWebhookRequestPartialSchema, body), ...messageIssues(body)]);
  if (isEmptyMessage(body, fileCount)) throw Errors.emptyMessage();
}

export function validateWebhookEdit(body: unknown): void {
  requireObject(body);
  fail([...schemaIssues(IncomingWebhookUpdateRequestPartialSchema, body), ...messageIssues(body)]);
}

export function validateThread(body: unknown, fromMessage: boolean): void {
  requireObject(body);
  fail(
    schemaIssues(
      fromMessage
        ? CreateTextThreadWithMessageRequestSchema
        : CreateTextThreadWithoutMessageRequestSchema,
      body,
    ),
  );
}

const CALLBACK_SCHEMAS: ReadonlyMap<number, ZodMiniType> = new Map([
  [4, CreateMessageInteractionCallbackRequestSchema],
  [5, CreateMessageInteractionCallbackRequestSchema],
  [6, UpdateMessageInteractionCallbackRequestSchema],
  [7, UpdateMessageInteractionCallbackRequestSchema],
  [8, ApplicationCommandAutocompleteCallbackRequestSchema],
  [9, ModalInteractionCallbackRequestSchema],
]);

/** Validates `{ type, data }` of an interaction callback; returns the callback type. */
export function validateInteractionCallback(body: unknown, fileCount: number): number {
  requireObject(body);
  const type = body.type;
  const schema = typeof type === 'number' ? CALLBACK_SCHEMAS.get(type) : undefined;
  if (typeof type !== 'number' || !schema) {
    throw invalidFormBody([
      {
        path: ['type'],
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of (1, 4, 5, 6, 7, 8, 9, 10, 12); this emulator supports 4-9, got ${JSON.stringify(type)}.`,
      },
    ]);
  }
  const data = body.data;
  const issues = schemaIssues(schema, body);
  if (type >= 4 && type <= 7) issues.push(...messageIssues(data, ['data']));
  if (type === 8) issues.push(...autocompleteIssues(data, ['data']));
  fail(issues);
  if (type === 4 && isEmptyMessage(data, fileCount)) throw Errors.emptyMessage();
  return type;
}

/** The spec types default_member_permissions as a number; Discord and discord.js send a string. */
function forSchema(command: unknown): { value: unknown; issues: ValidationIssue[] } {
  if (!isObject(command)) return { value: command, issues: [] };
  const permissions = command.default_member_permissions;
  if (typeof permissions !== 'string') return { value: command, issues: [] };
  if (!/^\d+$/.test(permissions)) {
    return {
      value: { ...command, default_member_permissions: null },
      issues: [
        {
          path: ['default_member_permissions'],
          code: 'NUMBER_TYPE_COERCE',
          message: `Value "${permissions}" is not a permission bitfield.`,
        },
      ],
    };
  }
  return { value: { ...command, default_member_permissions: Number(permissions) }, issues: [] };
}

function validateCommand(command: unknown, prefix: IssuePath = []): ValidationIssue[] {
  const { value, issues } = forSchema(command);
  return [
    ...issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] })),
    ...schemaIssues(ApplicationCommandCreateRequestSchema, value, prefix),
    ...commandIssues(command, prefix),
  ];
}

export function validateCommandList(body: unknown): unknown[] {
  if (!Array.isArray(body)) {
    throw invalidFormBody([
      { path: [], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' },
    ]);
  }
  const list: unknown[] = body;
  fail([
    ...list.flatMap((command, index) => validateCommand(command, [index])),
    ...commandListIssues(list),
  ]);
  return list;
}

export function validateSingleCommand(body: unknown): void {
  requireObject(body);
  fail(validateCommand(body));
}

/** By entity type (1 stage, 2 voice, 3 external): the create schemas, then the modify ones. */
const EVENT_CREATE_SCHEMAS: ReadonlyMap<unknown, ZodMiniType> = new Map([
  [1, StageScheduledEventCreateRequestSchema],
  [2, VoiceScheduledEventCreateRequestSchema],
  [3, ExternalScheduledEventCreateRequestSchema],
]);
const EVENT_MODIFY_SCHEMAS: ReadonlyMap<unknown, ZodMiniType> = new Map([
  [1, StageScheduledEventPatchRequestPartialSchema],
  [2, VoiceScheduledEventPatchRequestPartialSchema],
  [3, ExternalScheduledEventPatchRequestPartialSchema],
]);

/** A scheduled event's create (`context.existing` null) or modify body. */
export function validateScheduledEvent(body: unknown, context: EventRuleContext): JsonObject {
  requireObject(body);
  const existing = context.existing;
  const type = body.entity_type ?? existing?.entityType;
  const schema = (existing ? EVENT_MODIFY_SCHEMAS : EVENT_CREATE_SCHEMAS).get(type);
  if (!schema) {
    throw invalidFormBody([
      {
        path: ['entity_type'],
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of (1, 2, 3), got ${JSON.stringify(type)}.`,
      },
    ]);
  }
  fail([...schemaIssues(schema, body), ...scheduledEventIssues(body, context)]);
  return body;
}
