import type { Locale } from './locale';

/** Made once per locale: an `Intl` formatter is costly to build, and this runs on every vote. */
const conjunctions = new Map<Locale, Intl.ListFormat>();

/** "1, 2 et 3" / "1, 2, and 3": a list joined the way the reader's language does. */
export function formatList(locale: Locale, items: readonly string[]): string {
  let format = conjunctions.get(locale);
  if (format === undefined) {
    format = new Intl.ListFormat(locale, { type: 'conjunction' });
    conjunctions.set(locale, format);
  }
  return format.format(items);
}
