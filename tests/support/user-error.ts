import { UserError } from '../../src/errors/user-error';

/** The key of the `UserError` that `run` throws; undefined when it throws none. */
export function userErrorKey(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
  return undefined;
}
