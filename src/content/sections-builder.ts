import type { Section } from './text';
import {
  MAX_PARAGRAPH_LENGTH,
  MAX_PARAGRAPHS,
  MAX_SECTION_LENGTH,
  MAX_SECTIONS,
  MAX_TITLE_LENGTH,
} from './text-limits';
import { excerpt, type ProblemList } from './text-notice';

export interface DraftQuestion {
  fr?: string;
  en?: string;
  readonly line: number;
}

export interface DraftSection {
  readonly title: string;
  readonly editorialTitle: boolean;
  /** Where the section starts: its heading, or its first paragraph when it has none. */
  readonly line: number;
  readonly paragraphs: string[];
  readonly questions: DraftQuestion[];
  /** Characters of its paragraphs so far. */
  length: number;
}

/**
 * The sections of a text as a parser reads them, in either format, with the limits every text
 * obeys. Passing a count limit stops the parse at once: 10,000 headings cost no more than 201.
 */
export class SectionsBuilder {
  private readonly sections: DraftSection[] = [];
  private paragraphCount = 0;

  constructor(private readonly problems: ProblemList) {}

  get current(): DraftSection | undefined {
    return this.sections.at(-1);
  }

  get count(): number {
    return this.sections.length;
  }

  open(title: string, editorialTitle: boolean, line: number): DraftSection {
    if (this.sections.length >= MAX_SECTIONS) {
      this.problems.stop(line, 'texts.error.tooManySections', { max: MAX_SECTIONS });
    }
    if (title === '') this.problems.report(line, 'texts.error.emptySectionTitle');
    else if (title.length > MAX_TITLE_LENGTH) {
      this.problems.report(line, 'texts.error.sectionTitleTooLong', {
        length: title.length,
        max: MAX_TITLE_LENGTH,
      });
    }
    const section: DraftSection = {
      title,
      editorialTitle,
      line,
      paragraphs: [],
      questions: [],
      length: 0,
    };
    this.sections.push(section);
    return section;
  }

  addParagraph(section: DraftSection, paragraph: { text: string; line: number }): void {
    if (this.paragraphCount >= MAX_PARAGRAPHS) {
      this.problems.stop(paragraph.line, 'texts.error.tooManyParagraphs', { max: MAX_PARAGRAPHS });
    }
    this.paragraphCount++;
    if (paragraph.text.length > MAX_PARAGRAPH_LENGTH) {
      this.problems.report(paragraph.line, 'texts.error.paragraphTooLong', {
        length: paragraph.text.length,
        max: MAX_PARAGRAPH_LENGTH,
      });
    }
    const before = section.length;
    section.length += paragraph.text.length;
    if (before <= MAX_SECTION_LENGTH && section.length > MAX_SECTION_LENGTH) {
      this.problems.report(section.line, 'texts.error.sectionTooLong', {
        title: excerpt(section.title),
        max: MAX_SECTION_LENGTH,
      });
    }
    section.paragraphs.push(paragraph.text);
  }

  /**
   * The sections, numbered from 1. An empty one is a problem; `check` adds a format's own checks
   * (questions, for Markdown), section by section so that problems come in the file's order.
   */
  finish(check: (section: DraftSection) => void = () => undefined): Section[] {
    return this.sections.map((section, index) => {
      if (section.paragraphs.length === 0) {
        this.problems.report(section.line, 'texts.error.emptySection', {
          title: excerpt(section.title),
        });
      }
      check(section);
      return {
        number: index + 1,
        title: section.title,
        editorialTitle: section.editorialTitle,
        paragraphs: section.paragraphs,
        questions: section.questions.map((question) => ({
          fr: question.fr ?? '',
          en: question.en ?? '',
        })),
      };
    });
  }
}
