import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import type { ButtonView } from './view';

/**
 * Previous/Next buttons for a paged message; `idFor(page)` encodes the page each one opens.
 * Previous and Next always open different pages, so their ids stay unique within the message.
 * None when everything fits on one page.
 */
export function pagerButtons(
  idFor: (page: number) => string,
  page: number,
  pageCount: number,
  locale: Locale,
): ButtonView[][] {
  if (pageCount <= 1) return [];
  return [
    [
      {
        customId: idFor(Math.max(page - 1, 0)),
        label: translate(locale, 'quote.previous'),
        style: 'secondary',
        disabled: page === 0,
      },
      {
        customId: idFor(Math.min(page + 1, pageCount - 1)),
        label: translate(locale, 'quote.next'),
        style: 'primary',
        disabled: page === pageCount - 1,
      },
    ],
  ];
}

/** The page to show: requests beyond the ends (a stale button after the text changed) are clamped. */
export function clampPage(page: number, pageCount: number): number {
  return Math.min(Math.max(page, 0), Math.max(pageCount - 1, 0));
}

/** "Page 2/3", or nothing for a single page. */
export function pageLabel(page: number, pageCount: number, locale: Locale): string | undefined {
  return pageCount > 1
    ? translate(locale, 'quote.page', { page: page + 1, pages: pageCount })
    : undefined;
}
