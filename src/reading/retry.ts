/** Waits, or rejects as soon as the signal aborts (the bot is stopping). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('stopping'));
      return;
    }
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('stopping'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryPolicy {
  /** Waits between attempts: its length + 1 attempts in all. */
  readonly delaysMs: readonly number[];
  /** Errors retrying cannot help with, thrown at once. */
  readonly isFinal: (error: unknown) => boolean;
  /** Aborting stops the waiting and the retrying. */
  readonly signal: AbortSignal;
  readonly onRetry: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `attempt`, retrying transient failures after each delay in turn. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let index = 0; ; index++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = policy.delaysMs[index];
      if (delay === undefined || policy.isFinal(error) || policy.signal.aborted) throw error;
      policy.onRetry(error, index + 1, delay);
      await sleep(delay, policy.signal);
    }
  }
}
