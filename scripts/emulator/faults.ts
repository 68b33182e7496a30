import { createHash } from 'node:crypto';
import type { ApiResponse } from './http';
import type { FaultHandle, FaultSpec } from './types';

interface FaultState {
  spec: FaultSpec;
  hits: number;
  cancelled: boolean;
}

const STATUS_TEXT: Record<number, string> = {
  500: '500: Internal Server Error',
  502: '502: Bad Gateway',
  503: '503: Service Unavailable',
};

function matches(spec: FaultSpec, method: string, route: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
  if (spec.route === undefined) return true;
  const template = route.slice(route.indexOf(' ') + 1);
  const candidates = [route, template, path];
  return typeof spec.route === 'string'
    ? candidates.includes(spec.route)
    : candidates.some((candidate) => (spec.route as RegExp).test(candidate));
}

/** Answers matching requests with 429/5xx before they reach the handlers (no side effects). */
export class FaultInjector {
  private readonly faults: FaultState[] = [];

  add(spec: FaultSpec): FaultHandle {
    const state: FaultState = { spec: { ...spec }, hits: 0, cancelled: false };
    this.faults.push(state);
    return {
      spec: state.spec,
      get hits() {
        return state.hits;
      },
      get remaining() {
        return state.cancelled ? 0 : Math.max(0, state.spec.times - state.hits);
      },
      cancel() {
        state.cancelled = true;
      },
    };
  }

  take(method: string, route: string, path: string): ApiResponse | null {
    const state = this.faults.find(
      (f) => !f.cancelled && f.hits < f.spec.times && matches(f.spec, method, route, path),
    );
    if (!state) return null;
    state.hits += 1;
    const { status } = state.spec;
    if (status !== 429) {
      return { status, body: { message: STATUS_TEXT[status] ?? String(status), code: 0 } };
    }
    const retryAfter = state.spec.retryAfter ?? 0.1;
    const bucket = createHash('sha1').update(route).digest('hex').slice(0, 16);
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      headers: {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
        'x-ratelimit-reset-after': retryAfter.toFixed(3),
        'x-ratelimit-bucket': bucket,
        'x-ratelimit-scope': 'user',
      },
    };
  }
}
