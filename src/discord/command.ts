import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Locale } from '../i18n/locale';
import type { Translate } from '../i18n/translate';
import type { Logger } from '../log/logger';
import type { Services } from '../services';

/** Everything a handler receives besides the interaction. */
export interface HandlerContext {
  readonly services: Services;
  /** The user's language: interaction locale, then guild locale, then DEFAULT_LOCALE. */
  readonly locale: Locale;
  readonly t: Translate;
  /** Child logger carrying the interaction id. */
  readonly logger: Logger;
  /** Every command the bot answers (for `/help`). */
  readonly commands: readonly Command[];
}

export type ButtonHandler = (
  interaction: ButtonInteraction,
  parts: readonly string[],
  context: HandlerContext,
) => Promise<void>;

/** One slash command: its definition (as registered with Discord) and its handlers. */
export interface Command {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, context: HandlerContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: HandlerContext): Promise<void>;
  /** Button handlers by custom-id kind (the part before the first ":"). */
  readonly buttons?: Readonly<Record<string, ButtonHandler>>;
  /**
   * Permissions a subcommand needs beyond the command's own (Discord can restrict a command, not
   * one of its subcommands): the command checks them, and `/help` lists only what one may use.
   */
  readonly subcommandPermissions?: Readonly<Record<string, bigint>>;
}
