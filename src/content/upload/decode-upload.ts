import { MAX_UPLOAD_BYTES } from '../text-limits';
import type { ProblemList } from '../text-notice';

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const DEL = 0x7f;

/**
 * The bytes of an uploaded file as text, or the problem that makes them no text at all: too
 * large (checked before anything is read), binary, not UTF-8, empty. Control bytes and line ends
 * are ASCII and never part of a multi-byte UTF-8 sequence, so both are found in the raw bytes.
 */
export function decodeUpload(bytes: Uint8Array, problems: ProblemList): string {
  if (bytes.length > MAX_UPLOAD_BYTES) {
    problems.stop(undefined, 'texts.error.tooLarge', {
      size: Math.ceil(bytes.length / 1024),
      max: MAX_UPLOAD_BYTES / 1024,
    });
  }
  // UTF-16, what some editors call "Unicode": its ASCII letters would read as binary data below.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.stop(1, 'texts.error.encoding');
  }
  for (const { start, end, line } of byteLines(bytes)) {
    for (let index = start; index < end; index++) {
      const byte = bytes[index] ?? 0;
      // Tabs are text; other C0 controls and DEL are what images, PDFs and archives are full of.
      if ((byte < 0x20 && byte !== TAB) || byte === DEL) {
        problems.stop(line, 'texts.error.binary', {
          character: `U+${byte.toString(16).toUpperCase().padStart(4, '0')}`,
        });
      }
    }
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return problems.stop(firstLineNotUtf8(bytes), 'texts.error.encoding');
  }
  if (source.replace(/^\uFEFF/, '').trim() === '') problems.stop(undefined, 'texts.error.empty');
  return source;
}

/** Lines as byte ranges, line ends excluded, numbered as `splitLines` numbers them. */
function* byteLines(bytes: Uint8Array): Generator<{ start: number; end: number; line: number }> {
  let start = 0;
  let line = 1;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte !== LF && byte !== CR) continue;
    yield { start, end: index, line };
    if (byte === CR && bytes[index + 1] === LF) index++;
    start = index + 1;
    line++;
  }
  yield { start, end: bytes.length, line };
}

/** Only on the error path: decodes line by line to say which line to fix. */
function firstLineNotUtf8(bytes: Uint8Array): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const { start, end, line } of byteLines(bytes)) {
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
  }
  return undefined;
}
