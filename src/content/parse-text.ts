import { ContentError } from './content-error';
import type { DiscussionQuestion, Section, Text } from './text';

/**
 * Parses one content file. The format is Markdown with a small front matter:
 *
 *   ---                       front matter: `key: value` lines
 *   # Title                   optional, must repeat the front matter title
 *   ## Section title          `{editorial}` at the end marks a title given by the editors
 *   Paragraph…                paragraphs are separated by blank lines and kept exactly
 *   ?fr Question ?            discussion questions, each in French then English
 *   ?en Question?
 */
export function parseText(source: string, file: string): Text {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fail = (line: number, reason: string): never => {
    throw new ContentError(file, line, reason);
  };

  if (lines[0] !== '---') fail(1, 'expected front matter starting with "---"');
  const frontMatterEnd = lines.indexOf('---', 1);
  if (frontMatterEnd === -1) fail(1, 'front matter is not closed by "---"');
  const meta = parseFrontMatter(lines.slice(1, frontMatterEnd), 2, fail);

  const sections: MutableSection[] = [];
  let paragraph: string[] = [];
  let paragraphStart = 0;
  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    const section = sections.at(-1);
    if (!section) return fail(paragraphStart, 'text before the first "## " section heading');
    if (section.questions.length > 0) {
      return fail(paragraphStart, 'paragraph after the discussion questions of its section');
    }
    section.paragraphs.push(paragraph.join(' '));
    paragraph = [];
  };

  for (let index = frontMatterEnd + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    if (line.trim() === '') {
      flushParagraph();
    } else if (line.startsWith('# ')) {
      flushParagraph();
      if (line.slice(2).trim() !== meta.title) {
        fail(lineNumber, 'the "# " heading must repeat the front matter title');
      }
    } else if (line.startsWith('## ')) {
      flushParagraph();
      const heading = line.slice(3).trim();
      const editorialTitle = heading.endsWith('{editorial}');
      const title = heading.replace(/\s*\{editorial\}$/, '');
      if (title === '') fail(lineNumber, 'empty section title');
      sections.push({ title, editorialTitle, paragraphs: [], questions: [], line: lineNumber });
    } else if (/^\?[a-z]{2}\s/.test(line)) {
      flushParagraph();
      const section = sections.at(-1) ?? fail(lineNumber, 'question before the first section');
      addQuestionLine(section, line, lineNumber, fail);
    } else if (line.startsWith('#')) {
      fail(lineNumber, 'only "# " (title) and "## " (section) headings are allowed');
    } else {
      if (paragraph.length === 0) paragraphStart = lineNumber;
      paragraph.push(line.trim());
    }
  }
  flushParagraph();

  if (sections.length === 0) fail(frontMatterEnd + 2, 'no "## " section');
  for (const section of sections) checkSection(section, fail);

  return {
    ...meta,
    sections: sections.map((section, index): Section => ({
      number: index + 1,
      title: section.title,
      editorialTitle: section.editorialTitle,
      paragraphs: section.paragraphs,
      questions: section.questions.map(toQuestion),
    })),
  };
}

type Fail = (line: number, reason: string) => never;

interface MutableSection {
  title: string;
  editorialTitle: boolean;
  paragraphs: string[];
  questions: { fr?: string; en?: string; line: number }[];
  line: number;
}

const REQUIRED_KEYS = ['id', 'title', 'author', 'date', 'language', 'source'] as const;
const OPTIONAL_KEYS = ['intro', 'note', 'credits'] as const;
type FrontMatter = Omit<Text, 'sections'>;

/** Button ids carry the text id; this length keeps them far below Discord's 100 characters. */
const MAX_ID_LENGTH = 40;

function parseFrontMatter(lines: string[], firstLine: number, fail: Fail): FrontMatter {
  const values = new Map<string, string>();
  lines.forEach((line, index) => {
    const match = /^([a-z]+):\s*(.*)$/.exec(line);
    if (!match?.[1]) return fail(firstLine + index, `expected "key: value", got "${line}"`);
    const [, key, value = ''] = match;
    if (![...REQUIRED_KEYS, ...OPTIONAL_KEYS].includes(key as never)) {
      return fail(firstLine + index, `unknown front matter key "${key}"`);
    }
    if (values.has(key)) return fail(firstLine + index, `duplicate front matter key "${key}"`);
    values.set(key, value.trim());
  });
  for (const key of REQUIRED_KEYS) {
    if (!values.get(key)) fail(firstLine - 1, `front matter lacks "${key}"`);
  }
  const lineOf = (key: string) => firstLine + lines.findIndex((line) => line.startsWith(`${key}:`));
  const id = values.get('id') ?? '';
  if (!/^[a-z0-9-]+$/.test(id) || id.length > MAX_ID_LENGTH) {
    fail(lineOf('id'), `id must be lowercase letters, digits and "-", at most ${MAX_ID_LENGTH}`);
  }
  const date = values.get('date') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    fail(lineOf('date'), 'date must be YYYY-MM-DD');
  }
  if (!/^https?:\/\/\S+$/.test(values.get('source') ?? '')) {
    fail(lineOf('source'), 'source must be an http(s) link');
  }
  return {
    id,
    title: values.get('title') ?? '',
    author: values.get('author') ?? '',
    date,
    language: values.get('language') ?? '',
    source: values.get('source') ?? '',
    intro: values.get('intro'),
    note: values.get('note'),
    credits: values.get('credits'),
  };
}

function addQuestionLine(section: MutableSection, line: string, lineNumber: number, fail: Fail) {
  const language = line.slice(1, 3);
  const question = line.slice(4).trim();
  if (language !== 'fr' && language !== 'en') {
    return fail(lineNumber, `questions are written "?fr" then "?en", not "?${language}"`);
  }
  if (question === '') return fail(lineNumber, 'empty question');
  const last = section.questions.at(-1);
  if (language === 'fr') {
    if (last && last.en === undefined) fail(last.line, 'question without its "?en" translation');
    section.questions.push({ fr: question, line: lineNumber });
  } else {
    if (!last || last.en !== undefined) fail(lineNumber, '"?en" line without its "?fr" question');
    else last.en = question;
  }
}

const MIN_QUESTIONS = 2;
const MAX_QUESTIONS = 4;

function checkSection(section: MutableSection, fail: Fail) {
  if (section.paragraphs.length === 0) fail(section.line, `section "${section.title}" is empty`);
  const last = section.questions.at(-1);
  if (last && last.en === undefined) fail(last.line, 'question without its "?en" translation');
  const count = section.questions.length;
  if (count < MIN_QUESTIONS || count > MAX_QUESTIONS) {
    fail(
      section.line,
      `section "${section.title}" has ${count} discussion questions; ${MIN_QUESTIONS} to ${MAX_QUESTIONS} are expected`,
    );
  }
}

function toQuestion(question: MutableSection['questions'][number]): DiscussionQuestion {
  return { fr: question.fr ?? '', en: question.en ?? '' };
}
