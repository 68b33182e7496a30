import type { Locale } from './locale';

/**
 * A message whose wording follows a number: its `count` parameter picks the form, by the
 * language's own rule (`Intl.PluralRules`: French says "0 votant, 1 votant, 2 votants", English
 * "0 voters, 1 voter, 2 voters").
 */
export interface PluralMessage {
  readonly one: string;
  readonly other: string;
}

export type Message = string | PluralMessage;

/** One user-facing message in every language Tribune speaks, side by side so translations stay in step. */
export type Catalogue = Readonly<Record<string, Readonly<Record<Locale, Message>>>>;
