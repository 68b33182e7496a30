import { createHmac } from 'node:crypto';
import { UserError } from '../../errors/user-error';

/**
 * Who a vote belongs to, as stored. Anonymous polls store no Discord user id at all: the key is
 * HMAC-SHA256(POLL_SECRET, poll id + user id), which still lets a member change their own vote,
 * but cannot be turned back into a user id without the secret, nor linked across polls.
 */
export function voterKey(
  poll: { readonly id: string; readonly anonymous: boolean },
  userId: string,
  secret: string | undefined,
): string {
  return poll.anonymous ? keyedHash(secret, `${poll.id}:${userId}`) : userId;
}

/**
 * The creator as stored, for the creator-only actions. For anonymous polls a hash with another
 * label than votes', so the creator's own vote cannot be picked out by comparing keys.
 */
export function creatorKey(
  poll: { readonly id: string; readonly anonymous: boolean },
  userId: string,
  secret: string | undefined,
): string {
  return poll.anonymous ? keyedHash(secret, `creator:${poll.id}:${userId}`) : userId;
}

function keyedHash(secret: string | undefined, text: string): string {
  if (secret === undefined) throw new UserError('poll.error.secretMissing');
  return createHmac('sha256', secret).update(text).digest('hex');
}
