import type { Locale } from './locale';
import { messages, type MessageKey } from './messages';

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Looks a message up by key and fills its `{placeholders}`; a missing parameter is a bug, so it throws. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing parameter "${name}" for message "${key}"`);
    return String(value);
  });
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
