import type { Locale } from '../i18n/locale';

/** A discussion question, written in every language Tribune speaks. */
export type DiscussionQuestion = Readonly<Record<Locale, string>>;

export interface Section {
  /** 1-based, as readers say it: "section 2". */
  readonly number: number;
  readonly title: string;
  /** True when the title was given by Tribune's editors, not by the authors. */
  readonly editorialTitle: boolean;
  readonly paragraphs: readonly string[];
  readonly questions: readonly DiscussionQuestion[];
}

export interface Text {
  /** Stable identifier, used in button ids and stored plans: never change it once published. */
  readonly id: string;
  readonly title: string;
  readonly author: string;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  readonly language: string;
  readonly source: string;
  readonly intro: string | undefined;
  readonly note: string | undefined;
  readonly credits: string | undefined;
  readonly sections: readonly Section[];
}

/** Where a paragraph sits, as readers cite it: section 2, paragraph 3. */
export interface PassageRef {
  readonly textId: string;
  readonly section: number;
  readonly paragraph: number;
}
