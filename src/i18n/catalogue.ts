import type { Locale } from './locale';

/** One user-facing message in every language Tribune speaks, side by side so translations stay in step. */
export type Catalogue = Readonly<Record<string, Readonly<Record<Locale, string>>>>;
