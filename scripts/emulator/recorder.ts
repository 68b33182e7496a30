import type { RecordedRequest, Violation } from './types';

type Probe<T> = () => T | undefined | null | false;

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

/** Requests, violations, and change notifications that `waitFor` listens to. */
export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly log: ((line: string) => void) | null) {}

  record(request: RecordedRequest): void {
    this.requests.push(request);
    this.log?.(`${request.route} ${request.path} -> ${request.status}`);
    this.changed();
  }

  violate(violation: Violation): void {
    this.violations.push(violation);
    this.log?.(`VIOLATION ${violation.route}: ${violation.message}`);
    this.changed();
  }

  takeViolations(): Violation[] {
    return this.violations.splice(0, this.violations.length);
  }

  /** Re-evaluates every pending `waitFor`. */
  changed(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Resolves with the first truthy value of `probe`, re-checked after every emulator change. */
  waitFor<T>(probe: Probe<T>, timeoutMs: number, description: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined | null | false;
          try {
            value = probe();
          } catch (error) {
            finish();
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value !== undefined && value !== null && value !== false) {
            finish();
            resolve(value);
          }
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiter.fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  /** Rejects every pending wait (the emulator is closing). */
  abortAll(reason: string): void {
    for (const waiter of [...this.waiters]) waiter.fail(new Error(reason));
  }
}
