import type { LocalizationMap } from 'discord.js';
import { translate, type MessageKey } from '../i18n/translate';

/** Keys of the catalogue that name or describe a command or option (`command.<…>.name`). */
type Prefix<K> = K extends `${infer P}.name`
  ? `${P}.description` extends MessageKey
    ? P
    : never
  : never;
export type CommandTextPrefix = Prefix<MessageKey>;

/**
 * Name and description of a command or option, English by default (Discord shows the default to
 * every client language without a localisation) and French for French clients.
 */
export function localized(prefix: CommandTextPrefix): {
  name: string;
  name_localizations: LocalizationMap;
  description: string;
  description_localizations: LocalizationMap;
} {
  const text = (locale: 'fr' | 'en', field: 'name' | 'description') =>
    translate(locale, `${prefix}.${field}` as MessageKey);
  return {
    name: text('en', 'name'),
    name_localizations: { fr: text('fr', 'name') },
    description: text('en', 'description'),
    description_localizations: {
      fr: text('fr', 'description'),
      'en-US': text('en', 'description'),
      'en-GB': text('en', 'description'),
    },
  };
}
