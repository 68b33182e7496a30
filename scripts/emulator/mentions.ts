import type { Pings } from './types';

export interface AllowedMentions {
  parse?: (string | null)[] | null;
  users?: (string | null)[] | null;
  roles?: (string | null)[] | null;
  replied_user?: boolean | null;
}

export const NO_PINGS: Pings = Object.freeze({ users: [], roles: [], everyone: false });

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Mentions written in the content, whatever allowed_mentions says. */
export function parseMentions(content: string): Pings {
  return {
    users: unique([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '')),
    roles: unique([...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? '')),
    everyone: /@(everyone|here)\b/.test(content),
  };
}

/**
 * Who Discord would ping. Without allowed_mentions every user, role and @everyone/@here in the
 * content pings; with it, only the `parse` types plus the explicit `users`/`roles` lists, and an
 * explicit id pings only if it is also written in the content. Role mentionability and the
 * MentionEveryone permission are deliberately ignored: this over-reports, never under-reports.
 */
export function computePings(content: string, allowed: AllowedMentions | null | undefined): Pings {
  const written = parseMentions(content);
  if (allowed === null || allowed === undefined) return written;
  const parse = new Set(allowed.parse ?? []);
  const allowedUsers = new Set((allowed.users ?? []).filter((id): id is string => id !== null));
  const allowedRoles = new Set((allowed.roles ?? []).filter((id): id is string => id !== null));
  return {
    users: parse.has('users') ? written.users : written.users.filter((id) => allowedUsers.has(id)),
    roles: parse.has('roles') ? written.roles : written.roles.filter((id) => allowedRoles.has(id)),
    everyone: parse.has('everyone') && written.everyone,
  };
}

export function pingsAnyone(pings: Pings): boolean {
  return pings.everyone || pings.users.length > 0 || pings.roles.length > 0;
}
