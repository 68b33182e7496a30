import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionsBitField,
} from 'discord.js';
import type { Command } from '../src/discord/command';
import { localized } from '../src/discord/localize';
import { replyWhenReady } from '../src/discord/reply-when-ready';
import { renderHelp, type HelpEntry } from '../src/help/render-help';
import type { Locale } from '../src/i18n/locale';

/** `/help`: what Tribune does, and the commands this member may use here, in their language. */
export default {
  data: {
    ...localized('command.help'),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },

  async execute(interaction, { commands, locale }) {
    const granted = interaction.memberPermissions ?? new PermissionsBitField();
    // Discord hides from members the commands whose default permissions they lack: so does help.
    const usable = commands.filter(({ data }) => {
      const required = data.default_member_permissions;
      return typeof required !== 'string' || granted.has(BigInt(required));
    });
    const entries = usable.flatMap(({ data, subcommandPermissions = {} }) =>
      helpEntries(data, locale).filter((entry) => {
        const needed =
          entry.subcommand === undefined ? undefined : subcommandPermissions[entry.subcommand];
        return needed === undefined || granted.has(needed);
      }),
    );
    await replyWhenReady(interaction, renderHelp(entries, locale), { ephemeral: true });
  },
} satisfies Command;

/** The French localisation is all help reads of a localisation map. */
type Localizations = { readonly fr?: string | null | undefined } | null | undefined;

interface Described {
  readonly name: string;
  readonly name_localizations?: Localizations;
  readonly description: string;
  readonly description_localizations?: Localizations;
  readonly type?: ApplicationCommandOptionType | ApplicationCommandType | undefined;
  readonly options?: readonly Described[] | undefined;
}

/** `/name` (or `/name sub` for each subcommand) and what it does, as the member's client shows it. */
function helpEntries(
  command: Described,
  locale: Locale,
): (HelpEntry & { readonly subcommand?: string })[] {
  // English is each command's default; French is its localisation.
  const inLocale = (base: string, localizations: Localizations) =>
    (locale === 'fr' ? localizations?.fr : undefined) ?? base;
  const name = (item: Described) => inLocale(item.name, item.name_localizations);
  const description = (item: Described) =>
    inLocale(item.description, item.description_localizations);
  const subcommands = (command.options ?? []).filter(
    (option) => option.type === ApplicationCommandOptionType.Subcommand,
  );
  if (subcommands.length === 0) {
    return [{ usage: `/${name(command)}`, description: description(command) }];
  }
  return subcommands.map((sub) => ({
    usage: `/${name(command)} ${name(sub)}`,
    description: description(sub),
    subcommand: sub.name,
  }));
}
