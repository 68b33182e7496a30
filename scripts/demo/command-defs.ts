// Slash command definitions as registered with (the emulated) Discord, and what the demo needs to
// read them: names in either language, subcommands, the option that bare words fill (pure).
import { OptionType } from '../emulator';
import { normalize } from './text';

export type DemoLocale = 'fr' | 'en';

export type Localizations = Readonly<Partial<Record<string, string | null>>> | null;

/** Discord's application command option types, as the emulator (Discord's stand-in) uses them. */
export { OptionType };

export interface ChoiceDef {
  readonly name: string;
  readonly value: string | number;
  readonly name_localizations?: Localizations;
}

export interface OptionDef {
  readonly name: string;
  readonly type: number;
  readonly description?: string;
  readonly name_localizations?: Localizations;
  readonly description_localizations?: Localizations;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly choices?: readonly ChoiceDef[];
  readonly min_value?: number;
  readonly max_value?: number;
  readonly min_length?: number;
  readonly max_length?: number;
  readonly options?: readonly OptionDef[];
}

export interface CommandDef {
  readonly name: string;
  readonly type?: number;
  readonly description?: string;
  readonly name_localizations?: Localizations;
  readonly description_localizations?: Localizations;
  readonly options?: readonly OptionDef[];
}

/**
 * Chat-input commands among registered ones. The emulator has already checked them against
 * Discord's API schema when the bot registered them, so their JSON has the shape read here.
 */
export function chatInputCommands(registered: readonly { type?: unknown }[]): CommandDef[] {
  return registered
    .filter((command) => command.type === undefined || command.type === 1)
    .map((command) => command as unknown as CommandDef);
}

/** Anything with a name that may be localised: a command, an option, a choice. */
interface Named {
  readonly name: string;
  readonly name_localizations?: Localizations;
}

/** The name a member with this locale sees. */
export function localName(def: Named, locale: DemoLocale): string {
  return def.name_localizations?.[locale] ?? def.name;
}

/** Every name of a definition: its own and its localisations. */
export function allNames(def: Named): string[] {
  const names = [def.name, ...Object.values(def.name_localizations ?? {})];
  return [...new Set(names.filter((name): name is string => typeof name === 'string'))];
}

/** The name shown, and the other language's name when it differs: `mots (query)`. */
export function bothNames(def: Named, locale: DemoLocale): string {
  const shown = localName(def, locale);
  const other = localName(def, locale === 'fr' ? 'en' : 'fr');
  return shown === other ? shown : `${shown} (${other})`;
}

export function description(
  def: { description?: string; description_localizations?: Localizations },
  locale: DemoLocale,
): string {
  return def.description_localizations?.[locale] ?? def.description ?? '';
}

export function findByName<T extends Named>(defs: readonly T[], typed: string): T | undefined {
  const wanted = normalize(typed);
  return defs.find((def) => allNames(def).some((name) => normalize(name) === wanted));
}

export function isSubcommand(def: OptionDef): boolean {
  return def.type === OptionType.Subcommand || def.type === OptionType.SubcommandGroup;
}

export function hasSubcommands(defs: readonly OptionDef[] | undefined): boolean {
  return (defs ?? []).some(isSubcommand);
}

/** The option that bare words fill: the first required one, else the first string one. */
export function positionalOption(defs: readonly OptionDef[]): OptionDef | undefined {
  return (
    defs.find((def) => def.required === true) ??
    defs.find((def) => def.type === OptionType.String) ??
    defs[0]
  );
}

const BOOLEAN_HINT: Record<DemoLocale, string> = { fr: 'oui|non', en: 'yes|no' };

/** What an option's value looks like in a usage line. */
export function valueHint(def: OptionDef, locale: DemoLocale): string {
  if (def.choices !== undefined && def.choices.length > 0) {
    return def.choices.map((choice) => localName(choice, locale)).join('|');
  }
  switch (def.type) {
    case OptionType.Integer:
    case OptionType.Number:
      return locale === 'fr' ? 'nombre' : 'number';
    case OptionType.Boolean:
      return BOOLEAN_HINT[locale];
    case OptionType.User:
      return locale === 'fr' ? '@membre' : '@member';
    case OptionType.Channel:
      return locale === 'fr' ? '#salon' : '#channel';
    case OptionType.Role:
      return locale === 'fr' ? '@rôle' : '@role';
    case OptionType.Mentionable:
      return locale === 'fr' ? '@membre|@rôle' : '@member|@role';
    default:
      return '…';
  }
}

/** `/search <mots> [texte:…] [privé:oui|non]`, one line per subcommand. */
export function usageLines(command: CommandDef, locale: DemoLocale): string[] {
  const lines: string[] = [];
  const walk = (prefix: string, defs: readonly OptionDef[]) => {
    if (hasSubcommands(defs)) {
      for (const def of defs.filter(isSubcommand)) {
        walk(`${prefix} ${localName(def, locale)}`, def.options ?? []);
      }
      return;
    }
    const positional = positionalOption(defs);
    const parts = defs.map((def) => {
      const name = localName(def, locale);
      const part = def === positional ? `<${name}>` : `${name}:${valueHint(def, locale)}`;
      return def.required === true ? part : `[${part}]`;
    });
    lines.push([prefix, ...parts].join(' '));
  };
  walk(`/${localName(command, locale)}`, command.options ?? []);
  return lines;
}
