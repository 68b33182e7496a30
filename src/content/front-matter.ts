import type { Text } from './text';
import { MAX_META_LENGTH, MAX_TITLE_LENGTH } from './text-limits';
import { excerpt, type ProblemList } from './text-notice';

export type FrontMatter = Omit<Text, 'sections'>;

const REQUIRED_KEYS = ['id', 'title', 'author', 'date', 'language', 'source'] as const;
const OPTIONAL_KEYS = ['intro', 'note', 'credits'] as const;
const KEYS: readonly string[] = [...REQUIRED_KEYS, ...OPTIONAL_KEYS];

/** Button ids carry the text id; this length keeps them far below Discord's 100 characters. */
export const MAX_ID_LENGTH = 40;

/** What a text id may be: it goes into button ids and stored plans. */
export function isTextId(id: string): boolean {
  return /^[a-z0-9-]+$/.test(id) && id.length <= MAX_ID_LENGTH;
}

/**
 * Reads the `key: value` lines between the two `---`. `givenId` is the id an upload gets from the
 * caller: the file's own `id:`, if any, is then ignored (ids are never chosen by a file).
 */
export function parseFrontMatter(
  lines: readonly string[],
  firstLine: number,
  givenId: string | undefined,
  problems: ProblemList,
): FrontMatter {
  const values = new Map<string, { value: string; line: number }>();
  lines.forEach((line, index) => {
    const lineNumber = firstLine + index;
    const match = /^([a-z]+):\s*(.*)$/.exec(line);
    const [, key, value = ''] = match ?? [];
    if (key === undefined) {
      problems.report(lineNumber, 'texts.error.frontMatterLine', { text: excerpt(line) });
    } else if (!KEYS.includes(key)) {
      problems.report(lineNumber, 'texts.error.unknownKey', {
        key: excerpt(key),
        keys: KEYS.join(', '),
      });
    } else if (values.has(key)) {
      problems.report(lineNumber, 'texts.error.duplicateKey', { key });
    } else {
      values.set(key, { value: value.trim(), line: lineNumber });
    }
  });

  for (const key of REQUIRED_KEYS) {
    if (key === 'id' && givenId !== undefined) continue;
    if (!values.get(key)?.value) problems.report(firstLine - 1, 'texts.error.missingKey', { key });
  }
  const check = (key: string, valid: (value: string) => boolean, problem: () => void) => {
    const entry = values.get(key);
    if (entry?.value && !valid(entry.value)) problem();
  };
  const lineOf = (key: string) => values.get(key)?.line;
  if (givenId === undefined) {
    check('id', isTextId, () =>
      problems.report(lineOf('id'), 'texts.error.badId', { max: MAX_ID_LENGTH }),
    );
  }
  check(
    'date',
    (date) => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date)),
    () => problems.report(lineOf('date'), 'texts.error.badDate'),
  );
  check(
    'source',
    (source) => /^https?:\/\/\S+$/.test(source),
    () => problems.report(lineOf('source'), 'texts.error.badSource'),
  );
  const maxLengths: Readonly<Record<string, number>> = {
    ...MAX_META_LENGTH,
    title: MAX_TITLE_LENGTH,
  };
  for (const [key, { value, line }] of values) {
    const max = maxLengths[key];
    if (max !== undefined && value.length > max) {
      problems.report(line, 'texts.error.valueTooLong', { key, length: value.length, max });
    }
  }

  const valueOf = (key: string) => values.get(key)?.value;
  return {
    id: givenId ?? valueOf('id') ?? '',
    title: valueOf('title') ?? '',
    author: valueOf('author') ?? '',
    date: valueOf('date') ?? '',
    language: valueOf('language') ?? '',
    source: valueOf('source') ?? '',
    intro: valueOf('intro') || undefined,
    note: valueOf('note') || undefined,
    credits: valueOf('credits') || undefined,
  };
}
