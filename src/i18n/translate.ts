import type { Message } from './catalogue';
import type { Locale } from './locale';
import { messages, type MessageKey } from './messages';
import { pluralForm } from './plural';

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Looks a message up by key, picks its plural form by `count` when it has forms, and fills its
 * `{placeholders}`; a missing parameter is a bug, so it throws.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return wording(messages[key][locale], locale, key, params).replace(
    /\{(\w+)\}/g,
    (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`Missing parameter "${name}" for message "${key}"`);
      return String(value);
    },
  );
}

function wording(message: Message, locale: Locale, key: string, params: MessageParams): string {
  if (typeof message === 'string') return message;
  const { count } = params;
  if (typeof count !== 'number') throw new Error(`Message "${key}" needs a numeric "count"`);
  return message[pluralForm(locale, count)];
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
