import { loadLibrary } from '../src/content/load-library';

/** `npm run content:check`: the same validation the bot runs at start, for editors and CI. */
const directory = process.argv[2] ?? process.env.CONTENT_DIR ?? 'content';
try {
  const library = await loadLibrary(directory);
  for (const text of library.texts) {
    const paragraphs = text.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
    console.log(`✓ ${text.id}: ${text.sections.length} sections, ${paragraphs} paragraphs`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
