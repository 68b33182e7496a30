import { translate } from '../i18n/translate';
import { ContentError } from './content-error';
import { parseFrontMatter } from './front-matter';
import { SectionsBuilder, type DraftSection } from './sections-builder';
import type { Text } from './text';
import { ParagraphLines, splitLines } from './text-lines';
import { MAX_QUESTION_LENGTH, MAX_QUESTIONS } from './text-limits';
import { collectProblems, excerpt, type ProblemList } from './text-notice';

/** What differs between a text of `content/` and one a server uploads; the format is the same. */
export interface MarkdownRules {
  /** The id an upload gets from the caller; undefined to read it from the front matter. */
  readonly id: string | undefined;
  /** Discussion questions a section must have. */
  readonly minQuestions: number;
}

const EDITORIAL = '{editorial}';

/** `content/` texts feed weekly prompts: each section comes with two to four questions. */
const CONTENT_RULES: MarkdownRules = { id: undefined, minQuestions: 2 };

/**
 * Parses one file of `content/`, throwing a `ContentError` that names the file and the line of
 * its first problem, in English, for whoever hosts the bot.
 */
export function parseText(source: string, file: string): Text {
  const { value, problems } = collectProblems((list) =>
    parseMarkdown(splitLines(source), CONTENT_RULES, list),
  );
  const [first] = problems;
  if (first || !value) {
    const reason = first ? translate('en', first.key, first.params) : 'unreadable text';
    throw new ContentError(file, first?.line ?? 0, reason);
  }
  return value;
}

/**
 * Reads the Markdown format, reporting every problem it finds. The format is Markdown with a
 * small front matter:
 *
 *   ---                       front matter: `key: value` lines
 *   # Title                   optional, must repeat the front matter title
 *   ## Section title          `{editorial}` at the end marks a title given by the editors
 *   Paragraph…                paragraphs are separated by blank lines and kept exactly
 *   ?fr Question ?            discussion questions, each in French then English
 *   ?en Question?
 */
export function parseMarkdown(
  lines: readonly string[],
  rules: MarkdownRules,
  problems: ProblemList,
): Text {
  if (lines[0] !== '---') {
    problems.stop(1, 'texts.error.frontMatterStart');
  }
  const frontMatterEnd = lines.indexOf('---', 1);
  if (frontMatterEnd === -1) problems.stop(1, 'texts.error.frontMatterEnd');
  const meta = parseFrontMatter(lines.slice(1, frontMatterEnd), 2, rules.id, problems);

  const sections = new SectionsBuilder(problems);
  const paragraph = new ParagraphLines();
  let reportedTextBeforeSection = false;
  const flushParagraph = () => {
    const read = paragraph.take();
    if (!read) return;
    const section = sections.current;
    if (!section) {
      // Once is enough: every paragraph before the first heading has the same cause.
      if (!reportedTextBeforeSection) problems.report(read.line, 'texts.error.textBeforeSection');
      reportedTextBeforeSection = true;
    } else if (section.questions.length > 0) {
      problems.report(read.line, 'texts.error.paragraphAfterQuestions');
    } else {
      sections.addParagraph(section, read);
    }
  };

  for (let index = frontMatterEnd + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    if (line.trim() === '') {
      flushParagraph();
    } else if (line.startsWith('# ')) {
      flushParagraph();
      if (meta.title !== '' && line.slice(2).trim() !== meta.title) {
        problems.report(lineNumber, 'texts.error.titleMismatch');
      }
    } else if (line.startsWith('## ')) {
      flushParagraph();
      const heading = line.slice(3).trim();
      const editorialTitle = heading.endsWith(EDITORIAL);
      // Not a regular expression: /\s*\{editorial\}$/ takes minutes on a heading of spaces.
      const title = editorialTitle ? heading.slice(0, -EDITORIAL.length).trimEnd() : heading;
      sections.open(title, editorialTitle, lineNumber);
    } else if (/^\?[a-z]{2}\s/.test(line)) {
      flushParagraph();
      const section = sections.current;
      if (section) addQuestionLine(section, line, lineNumber, problems);
      else problems.report(lineNumber, 'texts.error.questionBeforeSection');
    } else if (line.startsWith('#')) {
      flushParagraph();
      problems.report(lineNumber, 'texts.error.deepHeading');
    } else {
      paragraph.add(line, lineNumber);
    }
  }
  flushParagraph();

  if (sections.count === 0) {
    // The line after the front matter, or its last line when nothing follows.
    problems.report(Math.min(frontMatterEnd + 2, lines.length), 'texts.error.noSection');
  }
  return {
    ...meta,
    sections: sections.finish((section) => checkQuestions(section, rules, problems)),
  };
}

function addQuestionLine(
  section: DraftSection,
  line: string,
  lineNumber: number,
  problems: ProblemList,
) {
  const language = line.slice(1, 3);
  const question = line.slice(4).trim();
  if (language !== 'fr' && language !== 'en') {
    problems.report(lineNumber, 'texts.error.questionLanguage', { language });
    return;
  }
  if (question === '') problems.report(lineNumber, 'texts.error.emptyQuestion');
  else if (question.length > MAX_QUESTION_LENGTH) {
    problems.report(lineNumber, 'texts.error.questionTooLong', {
      length: question.length,
      max: MAX_QUESTION_LENGTH,
    });
  }
  const last = section.questions.at(-1);
  if (language === 'fr') {
    if (last && last.en === undefined) {
      problems.report(last.line, 'texts.error.untranslatedQuestion');
      last.en = '';
    }
    section.questions.push({ fr: question, line: lineNumber });
  } else if (!last || last.en !== undefined) {
    problems.report(lineNumber, 'texts.error.loneTranslation');
  } else {
    last.en = question;
  }
}

function checkQuestions(section: DraftSection, rules: MarkdownRules, problems: ProblemList) {
  const last = section.questions.at(-1);
  if (last && last.en === undefined) problems.report(last.line, 'texts.error.untranslatedQuestion');
  const count = section.questions.length;
  if (count < rules.minQuestions || count > MAX_QUESTIONS) {
    problems.report(section.line, 'texts.error.questionCount', {
      title: excerpt(section.title),
      count,
      min: rules.minQuestions,
      max: MAX_QUESTIONS,
    });
  }
}
