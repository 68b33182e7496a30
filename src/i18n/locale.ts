/** The languages Tribune speaks. French first: its readers are French-speaking first. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Maps a Discord locale ("fr", "en-US", "en-GB", "de"…) to one we speak, if any. */
export function supportedLocale(discordLocale: string | null | undefined): Locale | undefined {
  if (!discordLocale) return undefined;
  const language = discordLocale.toLowerCase().split('-')[0] ?? '';
  return isLocale(language) ? language : undefined;
}

/** Interaction locale, then guild locale, then the configured default. */
export function resolveLocale(
  interactionLocale: string | null | undefined,
  guildLocale: string | null | undefined,
  fallback: Locale,
): Locale {
  return supportedLocale(interactionLocale) ?? supportedLocale(guildLocale) ?? fallback;
}
