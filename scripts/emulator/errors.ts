import type { JsonObject } from './types';

export type IssuePath = (string | number)[];

export interface ValidationIssue {
  path: IssuePath;
  code: string;
  message: string;
}

export interface ApiErrorOptions {
  /** Discord's nested `errors` object (Invalid Form Body). */
  errors?: JsonObject;
  /** Set to record the request as a violation, with this explanation. */
  violation?: string;
  headers?: Record<string, string>;
}

/** An error response in Discord's shape: `{ message, code, errors? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly options: ApiErrorOptions = {},
  ) {
    super(message);
  }

  body(): JsonObject {
    const body: JsonObject = { message: this.message, code: this.code };
    if (this.options.errors) body.errors = this.options.errors;
    return body;
  }
}

function issueSummary(issue: ValidationIssue): string {
  const where = issue.path.length > 0 ? issue.path.join('.') : '(body)';
  return `${where}: ${issue.message} (${issue.code})`;
}

/** Discord's `errors` object: each path leads to `{ _errors: [{ code, message }] }`. */
function errorsObject(issues: readonly ValidationIssue[]): JsonObject {
  const root: JsonObject = {};
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const name = String(key);
      const next = node[name];
      if (typeof next === 'object' && next !== null) {
        node = next as JsonObject;
      } else {
        const created: JsonObject = {};
        node[name] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    list.push({ code: issue.code, message: issue.message });
    node._errors = list;
  }
  return root;
}

export function invalidFormBody(issues: readonly ValidationIssue[]): ApiError {
  return new ApiError(400, 50035, 'Invalid Form Body', {
    errors: errorsObject(issues),
    violation: `Invalid Form Body: ${issues.map(issueSummary).join('; ')}`,
  });
}

export const Errors = {
  unknownChannel: () => new ApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new ApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new ApiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new ApiError(404, 10008, 'Unknown Message'),
  unknownRole: () => new ApiError(404, 10011, 'Unknown Role'),
  unknownWebhook: (why: string) =>
    new ApiError(404, 10015, 'Unknown Webhook', { violation: `Unknown Webhook: ${why}` }),
  unknownCommand: () => new ApiError(404, 10063, 'Unknown application command'),
  missingAccess: () => new ApiError(403, 50001, 'Missing Access'),
  missingPermissions: () => new ApiError(403, 50013, 'Missing Permissions'),
  emptyMessage: () =>
    new ApiError(400, 50006, 'Cannot send an empty message', {
      violation: 'Cannot send an empty message (no content, embed, component, file or poll)',
    }),
  invalidJson: () =>
    new ApiError(400, 50109, 'The request body contains invalid JSON.', {
      violation: 'The request body contains invalid JSON',
    }),
  unauthorized: (why: string) =>
    new ApiError(401, 0, '401: Unauthorized', { violation: `401 Unauthorized: ${why}` }),
} as const;
