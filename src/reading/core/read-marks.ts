import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { encodeCustomId } from '../../render/custom-id';
import type { ButtonView } from '../../render/view';

/** The "I've read it" button of a prompt: `read:<planId>:<localDate>`. */
export const READ_BUTTON = 'read';

/** One member's mark on one week's prompt. */
export interface ReadMark {
  readonly at: number;
}

/** A second click this soon after the first is a double click, not "I haven't read it after all". */
export const DOUBLE_CLICK_MS = 1500;

/** What a click on "I've read it" does: mark, take the mark back, or nothing (a double click). */
export function readClick(
  current: ReadMark | undefined,
  now: number,
): 'mark' | 'unmark' | 'repeat' {
  if (current === undefined) return 'mark';
  return Math.abs(now - current.at) < DOUBLE_CLICK_MS ? 'repeat' : 'unmark';
}

/** The button under a section prompt, with how many members have read it so far. */
export function readButtons(
  planId: string,
  localDate: string,
  readers: number,
  locale: Locale,
): readonly (readonly ButtonView[])[] {
  const label =
    readers === 0
      ? translate(locale, 'reading.read.button')
      : translate(locale, 'reading.read.buttonCount', { count: readers });
  return [[{ customId: encodeCustomId(READ_BUTTON, planId, localDate), label, style: 'success' }]];
}
