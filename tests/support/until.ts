/** Polls `probe` until it returns a truthy value (every 20 ms), or fails after `timeoutMs`. */
export async function until<T>(
  probe: () => T | undefined | null | false,
  timeoutMs = 5000,
  description = 'a condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
