import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Errors } from './errors';

export interface UploadedFile {
  /** Form field, e.g. `files[0]`. */
  field: string;
  /** N of `files[N]`, which `attachments[].id` refers to. */
  index: number | null;
  filename: string;
  contentType: string | null;
  data: Buffer;
}

export interface ApiRequest {
  method: string;
  /** Decoded path below the API version, e.g. `/webhooks/1/abc/messages/@original`. */
  path: string;
  /** `METHOD /template`. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  files: UploadedFile[];
  at: number;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDefinition {
  method: string;
  template: string;
  /** Whether `Authorization: Bot <token>` is required (webhook and callback routes: no). */
  auth: boolean;
  handle(request: ApiRequest): ApiResponse | Promise<ApiResponse>;
}

export function route(
  method: string,
  template: string,
  handle: RouteDefinition['handle'],
  auth = true,
): RouteDefinition {
  return { method, template, auth, handle };
}

export function json(body: unknown, status = 200): ApiResponse {
  return { status, body };
}

export const NO_CONTENT: ApiResponse = { status: 204 };

interface CompiledRoute {
  definition: RouteDefinition;
  segments: string[];
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(definitions: readonly RouteDefinition[]): void {
    for (const definition of definitions) {
      this.routes.push({ definition, segments: definition.template.split('/').slice(1) });
    }
  }

  match(
    method: string,
    segments: readonly string[],
  ): { definition: RouteDefinition; params: Record<string, string> } | null {
    for (const candidate of this.routes) {
      if (candidate.definition.method !== method) continue;
      if (candidate.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = candidate.segments.every((part, index) => {
        const actual = segments[index] ?? '';
        if (part.startsWith(':')) {
          params[part.slice(1)] = actual;
          return actual.length > 0;
        }
        return part === actual;
      });
      if (matches) return { definition: candidate.definition, params };
    }
    return null;
  }

  /** Any method registered for this path? (distinguishes 405 from 404) */
  knowsPath(segments: readonly string[]): boolean {
    return this.routes.some(
      (candidate) =>
        candidate.segments.length === segments.length &&
        candidate.segments.every((part, index) => part.startsWith(':') || part === segments[index]),
    );
  }
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw Errors.invalidJson();
  }
}

/** JSON or multipart/form-data (discord.js puts the JSON in `payload_json` and files in `files[N]`). */
export async function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = contentType ?? '';
  if (type.startsWith('multipart/form-data')) {
    // Node's fetch implementation parses multipart for us: no extra dependency. It is deprecated
    // for production servers (it buffers everything), which is fine for a test emulator.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    let body: unknown = undefined;
    const fields: Record<string, unknown> = {};
    const files: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = parseJson(value);
        else fields[field] = value;
        continue;
      }
      const index = /^files\[(\d+)\]$/.exec(field)?.[1];
      files.push({
        field,
        index: index === undefined ? null : Number(index),
        filename: value.name,
        contentType: value.type === '' ? null : value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
    if (body === undefined && Object.keys(fields).length > 0) body = fields;
    return { body, files };
  }
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

/** Generous, plausible rate-limit headers so discord.js never throttles itself. */
export function rateLimitHeaders(routeTemplate: string): Record<string, string> {
  const bucket = createHash('sha1').update(routeTemplate).digest('hex').slice(0, 16);
  return {
    'x-ratelimit-limit': '10000',
    'x-ratelimit-remaining': '9999',
    'x-ratelimit-reset': ((Date.now() + 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': '1.000',
    'x-ratelimit-bucket': bucket,
    'x-ratelimit-scope': 'user',
  };
}

export function writeResponse(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status, headers);
    response.end();
    return;
  }
  if (Buffer.isBuffer(body)) {
    response.writeHead(status, { 'content-type': 'application/octet-stream', ...headers });
    response.end(body);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}
