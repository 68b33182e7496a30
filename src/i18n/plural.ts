import type { Locale } from './locale';

/** The catalogues hold two forms; CLDR's other categories (French "many" for millions) read as "other". */
export type PluralForm = 'one' | 'other';

/** Made once per locale: an `Intl` object is costly to build. */
const rules = new Map<Locale, Intl.PluralRules>();

/** French uses the singular for 0 and 1, English for 1 only: `Intl.PluralRules` knows which. */
export function pluralForm(locale: Locale, count: number): PluralForm {
  let rule = rules.get(locale);
  if (rule === undefined) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule.select(count) === 'one' ? 'one' : 'other';
}
