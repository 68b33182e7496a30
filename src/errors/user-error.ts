import type { MessageKey, MessageParams } from '../i18n/translate';

/**
 * A mistake the user can fix (unknown section, invalid time zone…). The router answers it with a
 * short ephemeral message in the user's language; it is not logged as a failure.
 */
export class UserError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}
