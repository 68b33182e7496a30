import type { Locale } from '../../i18n/locale';
import { isClosed, type PollRecord } from './poll';
import { creatorKey } from './voter-key';

/** Who acts on a poll, as the Discord layer read it from the interaction. */
export interface PollActor {
  readonly userId: string;
  readonly guildId: string;
  /** The member's roles in that server, from the interaction. */
  readonly roleIds: readonly string[];
  /** The member's Manage Messages permission in the channel, from the interaction. */
  readonly canManageMessages: boolean;
  /** The member's language, for the answers. */
  readonly locale: Locale;
}

export function isCreator(poll: PollRecord, actor: PollActor, secret: string | undefined): boolean {
  return creatorKey(poll, actor.userId, secret) === poll.creatorKey;
}

/** Closing and exporting: the creator, or moderators (Manage Messages). */
export function canManage(poll: PollRecord, actor: PollActor, secret: string | undefined): boolean {
  return actor.canManageMessages || isCreator(poll, actor, secret);
}

/** Hidden results show only after close, except to the creator. */
export function canSeeResults(
  poll: PollRecord,
  actor: PollActor,
  secret: string | undefined,
): boolean {
  return poll.results === 'live' || isClosed(poll) || isCreator(poll, actor, secret);
}
