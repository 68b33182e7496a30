// The HTTP side: decoding, fault injection, auth, routing, recording and Discord-shaped errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cdn } from './cdn';
import { ApiError, Errors } from './errors';
import type { FaultInjector } from './faults';
import { parseBody, rateLimitHeaders, readBody, writeResponse } from './http';
import type { ApiResponse, Router, UploadedFile } from './http';
import { now } from './ids';
import type { Recorder } from './recorder';

export interface ServerDeps {
  router: Router;
  faults: FaultInjector;
  recorder: Recorder;
  cdn: Cdn;
  token: string;
}

const API_PREFIX = /^\/api\/v(\d+)(?=\/|$)/;

function excerpt(body: unknown): string {
  if (body === undefined) return '';
  const text = JSON.stringify(body);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

function decodeSegments(pathname: string): string[] {
  return pathname
    .split('/')
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

export function createRequestHandler(
  deps: ServerDeps,
): (request: IncomingMessage, response: ServerResponse) => void {
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const at = now();
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);

    // Attachment downloads (the `url` of stored and slash-command attachments).
    if (deps.cdn.serve(method, url.pathname, response)) return;

    const prefix = API_PREFIX.exec(url.pathname);
    const segments = decodeSegments(prefix ? url.pathname.slice(prefix[0].length) : url.pathname);
    const path = `/${segments.join('/')}`;
    const query = Object.fromEntries(url.searchParams.entries());
    const match = prefix ? deps.router.match(method, segments) : null;
    const routeName = match ? `${method} ${match.definition.template}` : `${method} ${path}`;

    let body: unknown = undefined;
    let files: UploadedFile[] = [];
    let result: ApiResponse;
    let errorCode: number | null = null;
    try {
      ({ body, files } = await parseBody(raw, request.headers['content-type']));
      const fault = deps.faults.take(method, routeName, path);
      if (fault) {
        result = fault;
      } else {
        if (!prefix || prefix[1] !== '10') {
          throw new ApiError(404, 0, '404: Not Found', {
            violation: `not an API v10 URL: ${url.pathname}`,
          });
        }
        if (!match) {
          throw new ApiError(404, 0, '404: Not Found', {
            violation: `route not emulated (or not Discord's): ${method} ${path}`,
          });
        }
        if (match.definition.auth && request.headers.authorization !== `Bot ${deps.token}`) {
          throw Errors.unauthorized('missing or wrong "Authorization: Bot <token>" header');
        }
        result = await match.definition.handle({
          method,
          path,
          route: routeName,
          params: match.params,
          query,
          headers: request.headers,
          body,
          files,
          at,
        });
      }
    } catch (error) {
      if (error instanceof ApiError) {
        result = {
          status: error.status,
          body: error.body(),
          ...(error.options.headers ? { headers: error.options.headers } : {}),
        };
        errorCode = error.code;
        if (error.options.violation !== undefined) {
          deps.recorder.violate({
            at,
            route: routeName,
            path,
            status: error.status,
            code: error.code,
            message: error.options.violation,
            bodyExcerpt: excerpt(body),
          });
        }
      } else {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        result = { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
        deps.recorder.violate({
          at,
          route: routeName,
          path,
          status: 500,
          code: 0,
          message: `emulator crashed while handling the request: ${message}`,
          bodyExcerpt: excerpt(body),
        });
      }
    }
    writeResponse(response, result.status, result.body, {
      ...rateLimitHeaders(routeName),
      ...result.headers,
    });
    deps.recorder.record({
      method,
      path,
      route: routeName,
      query,
      body,
      files: files.map((f) => ({
        field: f.field,
        filename: f.filename,
        contentType: f.contentType,
        size: f.data.length,
      })),
      status: result.status,
      errorCode,
      at,
      durationMs: now() - at,
    });
  };

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Only reachable if the socket died mid-response; nothing left to answer.
      if (!response.headersSent) response.writeHead(500).end();
      console.error('[discord-emulator] request handling failed', error);
    });
  };
}
