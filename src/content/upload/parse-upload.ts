import { isTextId } from '../front-matter';
import { parseMarkdown } from '../parse-text';
import type { Text } from '../text';
import { splitLines } from '../text-lines';
import { collectProblems, excerpt, type TextProblem, type TextWarning } from '../text-notice';
import { decodeUpload } from './decode-upload';
import { parsePlainText, type PlainTextMeta } from './parse-plain-text';
import { textWarnings } from './upload-warnings';

export type { PlainTextMeta } from './parse-plain-text';
export type { TextProblem, TextWarning } from '../text-notice';

/** `.md`: the format of `content/`; `.txt`: plain text. */
export type UploadFormat = 'markdown' | 'plain';

export interface UploadedFile {
  readonly name: string;
  /** The file exactly as uploaded: store these, and export gives them back identical. */
  readonly bytes: Uint8Array;
}

export interface UploadOptions {
  /**
   * The id the text gets: chosen by the caller, stable and never reused. A `.md` file's own `id:`
   * is ignored, so that a file can never take another text's place.
   */
  readonly id: string;
  /** Author, date, language and source of a `.txt` file, which cannot say them itself. */
  readonly plainTextMeta: PlainTextMeta;
}

export type UploadResult =
  | {
      readonly ok: true;
      readonly text: Text;
      readonly format: UploadFormat;
      readonly warnings: readonly TextWarning[];
    }
  | { readonly ok: false; readonly errors: readonly TextProblem[] };

export type UploadPreview = Extract<UploadResult, { ok: true }>;

/**
 * Reads an uploaded text with the same parser and validation as `content/`. Never throws on what
 * a file holds (only on a caller's bad id) and reads each byte a bounded number of times: hostile
 * files get problems, each naming its line, as message keys for the member's language.
 */
export function parseUpload(file: UploadedFile, options: UploadOptions): UploadResult {
  if (!isTextId(options.id)) throw new Error(`Invalid text id "${options.id}"`);
  const format = uploadFormat(file.name);
  if (format === undefined) {
    return {
      ok: false,
      errors: [
        { line: undefined, key: 'texts.error.extension', params: { file: excerpt(file.name) } },
      ],
    };
  }
  const { value, problems } = collectProblems((list) => {
    const lines = splitLines(decodeUpload(file.bytes, list));
    if (format === 'plain') return parsePlainText(lines, options.id, options.plainTextMeta, list);
    return {
      text: parseMarkdown(lines, { id: options.id, minQuestions: 0 }, list),
      warnings: [],
    };
  });
  if (problems.length > 0 || value === undefined) return { ok: false, errors: problems };
  return {
    ok: true,
    text: value.text,
    format,
    warnings: [...value.warnings, ...textWarnings(value.text)],
  };
}

/** The format a file's name says it has, or undefined for a file Tribune does not read. */
export function uploadFormat(name: string): UploadFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.md')) return 'markdown';
  if (lower.endsWith('.txt')) return 'plain';
  return undefined;
}
