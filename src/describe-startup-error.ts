import { ConfigError } from './config/config';
import { ContentError } from './content/content-error';

/**
 * What to tell a person when start-up fails. Configuration and content errors are theirs to fix:
 * say what, without a stack trace. Anything else is a bug: give the stack.
 */
export function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof ContentError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
