import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/i18n/catalogue';
import { resolveLocale, supportedLocale } from '../../src/i18n/locale';
import { messages } from '../../src/i18n/messages';
import { translate } from '../../src/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Each wording of a message: itself, or its plural forms. */
const wordings = (message: Message) =>
  typeof message === 'string' ? [message] : [message.one, message.other];

describe('message catalogues', () => {
  it.each(Object.entries(messages))(
    '%s has the same placeholders in French and English',
    (_, entry) => {
      const [first, ...others] = [...wordings(entry.fr), ...wordings(entry.en)];
      for (const text of [first ?? '', ...others]) {
        expect(text.trim()).not.toBe('');
        // The plural forms of a message may leave the count out ("in one week").
        expect(placeholders(text).filter((name) => name !== 'count')).toEqual(
          placeholders(first ?? '').filter((name) => name !== 'count'),
        );
      }
    },
  );

  it('picks the plural form by the language’s own rule', () => {
    expect([0, 1, 2].map((count) => translate('fr', 'poll.voters', { count }))).toEqual([
      '👥 0 votant',
      '👥 1 votant',
      '👥 2 votants',
    ]);
    expect([0, 1, 2].map((count) => translate('en', 'poll.voters', { count }))).toEqual([
      '👥 0 voters',
      '👥 1 voter',
      '👥 2 voters',
    ]);
    expect(translate('fr', 'contents.line', { heading: '§1', count: 1 })).toBe('§1 — 1 paragraphe');
  });

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
