import type { Text } from '../text';
import { LONG_SECTION_LENGTH } from '../text-limits';
import type { TextWarning } from '../text-notice';

/** Sections named in a warning: the first ones, then the last, so that the list stays short. */
const LISTED_SECTIONS = 12;

/**
 * What an organiser should know before confirming a text that is valid: no discussion questions,
 * or very long sections. Counts here are at least 1, where French and English take the same
 * plural form, so the key can be chosen once for both.
 */
export function textWarnings(text: Text): TextWarning[] {
  const warnings: TextWarning[] = [];
  const withoutQuestions = text.sections.filter((section) => section.questions.length === 0);
  if (withoutQuestions.length === text.sections.length) {
    warnings.push({ line: undefined, key: 'texts.warning.noQuestions', params: {} });
  } else if (withoutQuestions.length > 0) {
    warnings.push({
      line: undefined,
      key: 'texts.warning.sectionsWithoutQuestions',
      params: { count: withoutQuestions.length, sections: listSections(withoutQuestions) },
    });
  }
  const long = text.sections.filter(
    (section) =>
      section.paragraphs.reduce((length, paragraph) => length + paragraph.length, 0) >
      LONG_SECTION_LENGTH,
  );
  if (long.length > 0) {
    warnings.push({
      line: undefined,
      key: 'texts.warning.longSections',
      params: { count: long.length, sections: listSections(long), length: LONG_SECTION_LENGTH },
    });
  }
  return warnings;
}

/** "§2, §5, §9" or "§2, §5, … §180": numbers only, the same in every language. */
function listSections(sections: readonly { number: number }[]): string {
  const numbers = sections.map((section) => `§${section.number}`);
  if (numbers.length <= LISTED_SECTIONS) return numbers.join(', ');
  return `${numbers.slice(0, LISTED_SECTIONS - 1).join(', ')}, … ${numbers.at(-1) ?? ''}`;
}
