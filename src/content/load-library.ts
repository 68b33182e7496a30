import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContentError } from './content-error';
import { createLibrary, type Library } from './library';
import { parseText } from './parse-text';
import type { Text } from './text';

/**
 * Reads and validates every `.md` text in a folder, in file-name order. Used at start and by
 * `npm run content:check`, so a broken file is caught the same way in both places.
 */
export async function loadLibrary(directory: string): Promise<Library> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    throw new ContentError(directory, 0, `cannot read the content folder (${String(error)})`);
  }
  if (names.length === 0) throw new ContentError(directory, 0, 'no .md text in the content folder');
  const texts: Text[] = [];
  for (const name of names) {
    const file = join(directory, name);
    const text = parseText(await readFile(file, 'utf8'), file);
    const clash = texts.find((other) => other.id === text.id);
    if (clash) throw new ContentError(file, 2, `id "${text.id}" is already used by another text`);
    texts.push(text);
  }
  return createLibrary(texts);
}
