// `help` and `help /command`, from the registered definitions (pure).
import {
  bothNames,
  description,
  findByName,
  hasSubcommands,
  isSubcommand,
  localName,
  usageLines,
  valueHint,
  type CommandDef,
  type DemoLocale,
  type OptionDef,
} from './command-defs';
import { MESSAGES } from './messages';

/** Every command with its usage, then how the demo itself works. */
export function renderHelp(commands: readonly CommandDef[], locale: DemoLocale): string {
  const words = MESSAGES[locale];
  const lines = [words.helpIntro];
  if (commands.length === 0) lines.push(`  ${words.noCommands}`);
  for (const command of commands) {
    lines.push(`  /${bothNames(command, locale)} — ${description(command, locale)}`);
    for (const usage of usageLines(command, locale)) lines.push(`      ${usage}`);
  }
  lines.push(words.helpCommands, words.helpNames, '', ...words.helpDemo);
  return lines.join('\n');
}

/** One command in detail: description, usage, each option. Undefined when there is no such command. */
export function renderCommandHelp(
  commands: readonly CommandDef[],
  typed: string,
  locale: DemoLocale,
): string | undefined {
  const command = findByName(commands, typed.replace(/^[/?]/, '').split(/\s+/)[0] ?? '');
  if (command === undefined) return undefined;
  const lines = [`/${bothNames(command, locale)} — ${description(command, locale)}`];
  const walk = (defs: readonly OptionDef[], indent: string) => {
    for (const def of defs) {
      if (isSubcommand(def)) {
        lines.push(`${indent}${bothNames(def, locale)} — ${description(def, locale)}`);
        walk(def.options ?? [], `${indent}    `);
        continue;
      }
      const flags = [
        def.required === true ? (locale === 'fr' ? 'obligatoire' : 'required') : undefined,
        def.autocomplete === true ? 'suggestions' : undefined,
      ].filter(Boolean);
      lines.push(
        `${indent}${localName(def, locale)}:${valueHint(def, locale)} — ${description(def, locale)}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`,
      );
    }
  };
  walk(command.options ?? [], '    ');
  if (!hasSubcommands(command.options))
    lines.push(...usageLines(command, locale).map((usage) => `  ${usage}`));
  return lines.join('\n');
}
