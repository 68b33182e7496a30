import { describe, expect, it } from 'vitest';
import { resolveLocale, supportedLocale } from '../../src/i18n/locale';
import { messages } from '../../src/i18n/messages';
import { translate } from '../../src/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it.each(Object.entries(messages))(
    '%s has the same placeholders in French and English',
    (_, entry) => {
      expect(entry.fr.trim()).not.toBe('');
      expect(entry.en.trim()).not.toBe('');
      expect(placeholders(entry.fr)).toEqual(placeholders(entry.en));
    },
  );

  it('fills placeholders and refuses to send a message with one missing', () => {
    expect(translate('fr', 'quote.page', { page: 2, pages: 3 })).toBe('Page 2/3');
    expect(() => translate('fr', 'quote.page', { page: 2 })).toThrow(/pages/);
  });
});

describe('resolveLocale', () => {
  it.each([
    ['en-US', 'fr', 'en'],
    ['en-GB', 'fr', 'en'],
    ['fr', 'en-US', 'fr'],
    ['de', 'en-US', 'en'],
    ['de', 'ja', 'fr'],
    [null, null, 'fr'],
  ] as const)('interaction %s, guild %s → %s', (interaction, guild, expected) => {
    expect(resolveLocale(interaction, guild, 'fr')).toBe(expected);
  });

  it('knows only French and English', () => {
    expect(supportedLocale('es-ES')).toBeUndefined();
  });
});
