import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../errors/user-error';
import type { MessageKey, Translate } from '../i18n/translate';

/** How a permission a subcommand may need is named to the member who lacks it. */
const PERMISSION_NAMES = new Map<bigint, MessageKey>([
  [PermissionFlagsBits.ManageGuild, 'permission.ManageGuild'],
  [PermissionFlagsBits.ManageMessages, 'permission.ManageMessages'],
]);

/**
 * Refuses a subcommand that needs a permission the member lacks (a command's
 * `subcommandPermissions`: Discord restricts a whole command, not one of its subcommands).
 */
export function requireSubcommandPermission(
  interaction: ChatInputCommandInteraction,
  permissions: Readonly<Record<string, bigint | undefined>>,
  t: Translate,
): void {
  const needed = permissions[interaction.options.getSubcommand()];
  if (needed === undefined || interaction.memberPermissions?.has(needed) === true) return;
  const name = PERMISSION_NAMES.get(needed);
  if (name === undefined) throw new Error(`no name for the permission ${needed}`);
  throw new UserError('error.missingPermission', { permission: t(name) });
}
