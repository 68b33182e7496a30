import { PermissionFlagsBits } from 'discord.js';
import type { MemberFixture, PermissionOverwriteFixture, RoleFixture } from './types';

export const Permission = PermissionFlagsBits;

const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce(
  (all, bit) => all | bit,
  0n,
);

export function bits(...flags: bigint[]): string {
  return flags.reduce((all, bit) => all | bit, 0n).toString();
}

export function has(permissions: bigint, flag: bigint): boolean {
  return (permissions & flag) === flag;
}

interface GuildLike {
  id: string;
  ownerId: string;
  roles: ReadonlyMap<string, RoleFixture>;
}

/** Guild-level permissions: @everyone + the member's roles; owner and administrators get all. */
export function basePermissions(guild: GuildLike, member: MemberFixture): bigint {
  if (member.id === guild.ownerId) return ALL_PERMISSIONS;
  let permissions = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of member.roles ?? []) {
    const role = guild.roles.get(roleId);
    if (role) permissions |= BigInt(role.permissions);
  }
  return has(permissions, Permission.Administrator) ? ALL_PERMISSIONS : permissions;
}

/** Discord's overwrite algorithm: @everyone, then all role overwrites together, then the member. */
export function channelPermissions(
  guild: GuildLike,
  overwrites: readonly PermissionOverwriteFixture[],
  member: MemberFixture,
): bigint {
  let permissions = basePermissions(guild, member);
  if (has(permissions, Permission.Administrator)) return ALL_PERMISSIONS;
  const apply = (overwrite: PermissionOverwriteFixture | undefined): void => {
    if (!overwrite) return;
    permissions &= ~BigInt(overwrite.deny);
    permissions |= BigInt(overwrite.allow);
  };
  apply(overwrites.find((o) => o.id === guild.id));
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type === 0 && overwrite.id !== guild.id && member.roles?.includes(overwrite.id)) {
      roleAllow |= BigInt(overwrite.allow);
      roleDeny |= BigInt(overwrite.deny);
    }
  }
  permissions = (permissions & ~roleDeny) | roleAllow;
  apply(overwrites.find((o) => o.type === 1 && o.id === member.id));
  // Without ViewChannel nothing else applies in that channel.
  return has(permissions, Permission.ViewChannel) ? permissions : 0n;
}
