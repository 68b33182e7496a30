import { clip } from '../../render/view';
import { SectionsBuilder } from '../sections-builder';
import type { Text } from '../text';
import { ParagraphLines } from '../text-lines';
import { MAX_SECTIONS, MAX_TITLE_LENGTH, PARAGRAPHS_PER_SECTION } from '../text-limits';
import type { ProblemList, TextWarning } from '../text-notice';

/** What a plain-text file cannot say about itself, given by the caller. */
export type PlainTextMeta = Pick<Text, 'author' | 'date' | 'language' | 'source'>;

type Block =
  | { kind: 'heading'; title: string; line: number }
  | { kind: 'paragraph'; text: string; line: number; joinsLongLines: boolean };

/** Titles Tribune makes from a section's first words: about a line of autocomplete. */
const AUTO_TITLE_LENGTH = 60;

/**
 * A line this long is a paragraph of its own more often than a wrapped line of one: files saved
 * from a word processor put each paragraph on one line, without blank lines between them.
 */
const LONG_LINE = 200;

/**
 * Reads a plain-text file: the title on the first non-blank line, paragraphs separated by blank
 * lines (their lines joined with a space, as in Markdown), sections started by `## Title` lines.
 * Without any `##` line, every `PARAGRAPHS_PER_SECTION` paragraphs make a section.
 */
export function parsePlainText(
  lines: readonly string[],
  id: string,
  meta: PlainTextMeta,
  problems: ProblemList,
): { text: Text; warnings: TextWarning[] } {
  const titleIndex = lines.findIndex((line) => line.trim() !== '');
  if (titleIndex === -1) problems.stop(undefined, 'texts.error.empty');
  const titleLine = titleIndex + 1;
  const firstLine = (lines[titleIndex] ?? '').trim();
  // A title written as a Markdown heading is still the title.
  const title = firstLine.replace(/^#+\s+(?=\S)/, '');
  if (title.length > MAX_TITLE_LENGTH) {
    problems.report(titleLine, 'texts.error.titleTooLong', {
      length: title.length,
      max: MAX_TITLE_LENGTH,
    });
  }

  const blocks = readBlocks(lines, titleIndex + 1);
  const paragraphs = blocks.filter((block) => block.kind === 'paragraph');
  // Headings without paragraphs are reported section by section (or as too many sections).
  if (blocks.length === 0) problems.stop(titleLine, 'texts.error.noParagraph');

  const warnings: TextWarning[] = [];
  const sections = new SectionsBuilder(problems);
  if (blocks.some((block) => block.kind === 'heading')) {
    for (const block of blocks) {
      if (block.kind === 'heading') {
        sections.open(block.title, false, block.line);
        continue;
      }
      let section = sections.current;
      if (!section) {
        section = sections.open(autoTitle(block.text), true, block.line);
        warnings.push({ line: block.line, key: 'texts.warning.openingSection', params: {} });
      }
      sections.addParagraph(section, block);
    }
  } else {
    // More per section when needed, so that no text is refused for lack of headings alone.
    const size = Math.max(PARAGRAPHS_PER_SECTION, Math.ceil(paragraphs.length / MAX_SECTIONS));
    paragraphs.forEach((paragraph, index) => {
      const section =
        index % size === 0
          ? sections.open(autoTitle(paragraph.text), true, paragraph.line)
          : sections.current;
      if (section) sections.addParagraph(section, paragraph);
    });
    warnings.push({ line: undefined, key: 'texts.warning.sectionsByParagraphs', params: { size } });
  }

  const joined = paragraphs.filter((paragraph) => paragraph.joinsLongLines);
  const [firstJoined] = joined;
  if (firstJoined) {
    warnings.push({
      line: firstJoined.line,
      key: 'texts.warning.joinedLines',
      params: { count: joined.length, line: firstJoined.line },
    });
  }
  warnings.push({ line: undefined, key: 'texts.warning.plainTextMeta', params: {} });

  const text: Text = {
    id,
    title,
    ...meta,
    intro: undefined,
    note: undefined,
    credits: undefined,
    sections: sections.finish(),
  };
  return { text, warnings };
}

/** Headings and paragraphs after the title, with the line each starts on. */
function readBlocks(lines: readonly string[], from: number): Block[] {
  const blocks: Block[] = [];
  const paragraph = new ParagraphLines();
  const flush = () => {
    const read = paragraph.take();
    if (read) {
      blocks.push({
        kind: 'paragraph',
        text: read.text,
        line: read.line,
        joinsLongLines: read.lineCount > 1 && read.longestLine > LONG_LINE,
      });
    }
  };
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      flush();
    } else if (/^##(?:\s|$)/.test(line)) {
      flush();
      blocks.push({ kind: 'heading', title: line.slice(2).trim(), line: index + 1 });
    } else {
      paragraph.add(line, index + 1);
    }
  }
  flush();
  return blocks;
}

/** A section title from its first words, cut between words. */
function autoTitle(paragraph: string): string {
  if (paragraph.length <= AUTO_TITLE_LENGTH) return paragraph;
  const space = paragraph.lastIndexOf(' ', AUTO_TITLE_LENGTH - 1);
  return space > AUTO_TITLE_LENGTH / 2
    ? `${paragraph.slice(0, space)}…`
    : clip(paragraph, AUTO_TITLE_LENGTH);
}
