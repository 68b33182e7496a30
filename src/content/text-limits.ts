/**
 * Limits on one text, checked by the one parser for `content/` and uploads alike. Per-server limits
 * (how many texts, how many bytes in all) are the caller's business.
 */

/** An uploaded file: a long book (about 80,000 words) fits; 10 MB of anything is refused unread. */
export const MAX_UPLOAD_BYTES = 512 * 1024;

/**
 * Sections: a weekly reading plan of four years, and a table of contents of a few pages. Button ids
 * carry the section number, three digits at most.
 */
export const MAX_SECTIONS = 200;

/** Paragraphs in the whole text: a 512 KB file averages 260 characters a paragraph at this count. */
export const MAX_PARAGRAPHS = 2000;

/**
 * A paragraph longer than one message is still quotable: `/section` pages it. 20,000 characters is
 * about 3,300 words, five pages of `/section`, more than any paragraph of real prose; longer is
 * almost always a file whose paragraphs are not separated by blank lines, and says so.
 */
export const MAX_PARAGRAPH_LENGTH = 20_000;

/**
 * A section: about 16,000 words, a long chapter, 25 pages of `/section`. Every press of a page
 * button lays the whole section out again, so this also bounds the work a hostile text can cause.
 */
export const MAX_SECTION_LENGTH = 100_000;

/**
 * Titles of texts and sections: no longer than an embed title, where Discord shows them (clipped
 * with their "§2 · " prefix); autocomplete choices and thread names clip them to 100.
 */
export const MAX_TITLE_LENGTH = 256;

/**
 * Front matter values besides the title. Author, title, date and source make every quote's footer:
 * with these caps it stays far below Discord's 2,048, and every embed below its 6,000 in all.
 */
export const MAX_META_LENGTH = {
  author: 200,
  language: 20,
  source: 500,
  intro: 1000,
  note: 1000,
  credits: 1000,
} as const;

/** A discussion question is one embed field of a reading prompt (1,024 at most). */
export const MAX_QUESTION_LENGTH = 500;

/** Discussion questions of a section: `content/` asks for two to four; an upload may have none. */
export const MAX_QUESTIONS = 4;

/**
 * A section longer than this is worth a warning: about three pages of `/section`, and a weekly
 * prompt shows only the opening of a section longer than one message.
 */
export const LONG_SECTION_LENGTH = 12_000;

/**
 * A `.txt` file without `##` headings gets one section per this many paragraphs (more when the text
 * would otherwise have more than `MAX_SECTIONS`): a short weekly read, with room for discussion.
 */
export const PARAGRAPHS_PER_SECTION = 5;

/** Problems reported at once: enough to fix a file in one go, few enough to read. */
export const MAX_REPORTED_PROBLEMS = 10;
