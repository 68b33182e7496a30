import type { Locale } from '../../i18n/locale';
import { translate, type MessageParams } from '../../i18n/translate';
import { attribution, sectionHeading } from '../../quotes/attribution';
import { LIMITS } from '../../render/limits';
import { escapeInlineMarkdown, escapeMarkdown } from '../../render/markdown';
import { clip, embedsLength, type EmbedView, type MessageView } from '../../render/view';
import type { Section } from '../../content/text';
import type { TextProblem, TextWarning } from '../../content/text-notice';
import type { UploadPreview } from '../../content/upload/parse-upload';

/** The custom ids of the preview's buttons: the command encodes who may press them, and until when. */
export interface PreviewButtonIds {
  readonly confirm: string;
  readonly cancel: string;
}

/** Section titles in the preview's list: enough to recognise them, short enough to list many. */
const LISTED_TITLE_LENGTH = 100;
const PREVIEW_COLOR = 0x4f6d7a;

/**
 * What an organiser sees before a text is stored: its title, author and attribution, counts,
 * every section with its paragraphs (as many as fit, then how many more), the warnings, and
 * Confirm / Cancel. Within Discord's limits whatever the text, up to `MAX_SECTIONS` sections.
 */
export function renderUploadPreview(
  preview: UploadPreview,
  locale: Locale,
  buttons: PreviewButtonIds,
): MessageView {
  const { text } = preview;
  const count = (key: 'sections' | 'paragraphs' | 'questions', value: number) =>
    translate(locale, `texts.preview.${key}`, { count: value });
  const questions = text.sections.reduce((sum, section) => sum + section.questions.length, 0);
  const summary = translate(locale, 'texts.preview.summary', {
    sections: count('sections', text.sections.length),
    paragraphs: count(
      'paragraphs',
      text.sections.reduce((sum, section) => sum + section.paragraphs.length, 0),
    ),
    questions: count('questions', questions),
  });
  const sectionLine = (section: Section) => {
    const heading = escapeMarkdown(
      sectionHeading({ ...section, title: clip(section.title, LISTED_TITLE_LENGTH) }, locale),
    );
    const paragraphs = count('paragraphs', section.paragraphs.length);
    return section.questions.length === 0
      ? translate(locale, 'texts.preview.sectionLine', { heading, paragraphs })
      : translate(locale, 'texts.preview.sectionLineWithQuestions', {
          heading,
          paragraphs,
          questions: count('questions', section.questions.length),
        });
  };

  const frame: EmbedView = {
    title: clip(translate(locale, 'texts.preview.title', { title: text.title }), LIMITS.embedTitle),
    url: text.source,
    author: clip(text.author, LIMITS.embedAuthor),
    fields: packLines(
      translate(locale, 'texts.preview.warnings'),
      preview.warnings.map((warning) => `⚠️ ${describeNotice(warning, locale)}`),
    ),
    footer: clip(attribution(text, locale), LIMITS.embedFooter),
    color: PREVIEW_COLOR,
  };
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedsTotal - embedsLength([frame]));
  const description = fitLines(
    `${summary}\n`,
    text.sections.map(sectionLine),
    (more) => translate(locale, 'texts.preview.moreSections', { count: more }),
    room,
  );
  return {
    content: translate(locale, 'texts.preview.intro'),
    embeds: [{ ...frame, description }],
    buttons: [
      [
        {
          customId: buttons.confirm,
          label: translate(locale, 'texts.preview.confirm'),
          style: 'success',
        },
        {
          customId: buttons.cancel,
          label: translate(locale, 'texts.preview.cancel'),
          style: 'secondary',
        },
      ],
    ],
  };
}

/** Why a file was refused, one problem a line, each with its line number. */
export function renderUploadProblems(
  fileName: string,
  problems: readonly TextProblem[],
  locale: Locale,
): MessageView {
  const lines = problems.map((problem) => describeNotice(problem, locale));
  return {
    embeds: [
      {
        title: clip(
          translate(locale, 'texts.problems.title', {
            file: escapeInlineMarkdown(fileName.replace(/\s+/g, ' ')),
          }),
          LIMITS.embedTitle,
        ),
        description: fitLines('', lines, () => '…', LIMITS.embedDescription),
        footer: translate(locale, 'texts.problems.hint'),
        color: PROBLEM_COLOR,
      },
    ],
  };
}

const PROBLEM_COLOR = 0xb5403a;

/**
 * One problem or warning in the member's language, "Line 12: …" when it has a line. Its
 * parameters may quote the file, so they are shown as typed, on one line.
 */
export function describeNotice(notice: TextProblem | TextWarning, locale: Locale): string {
  const params: MessageParams = Object.fromEntries(
    Object.entries(notice.params).map(([name, value]) => [
      name,
      typeof value === 'string' ? escapeInlineMarkdown(value.replace(/\s+/g, ' ')) : value,
    ]),
  );
  const message = translate(locale, notice.key, params);
  if (notice.line === undefined || notice.key.startsWith('texts.warning.')) return message;
  return translate(locale, 'texts.problems.line', { line: notice.line, problem: message });
}

/**
 * `head`, then as many whole lines as fit within `limit` characters, then what `more(n)` says of
 * the `n` lines left out.
 */
function fitLines(
  head: string,
  lines: readonly string[],
  more: (count: number) => string,
  limit: number,
): string {
  let body = head;
  for (const [index, line] of lines.entries()) {
    const left = lines.length - index;
    const reserve = left > 1 ? 1 + more(left - 1).length : 0;
    if (body.length + 1 + line.length + reserve > limit) {
      return `${body}\n${clip(more(left), limit - body.length - 1)}`;
    }
    body += `${body === '' ? '' : '\n'}${line}`;
  }
  return body;
}

/** Lines packed into as few embed fields as they need, each within Discord's field limit. */
function packLines(name: string, lines: readonly string[]): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const line of lines.map((line) => clip(line, LIMITS.embedFieldValue))) {
    const last = fields.at(-1);
    if (last && last.value.length + 1 + line.length <= LIMITS.embedFieldValue) {
      last.value += `\n${line}`;
    } else {
      fields.push({ name, value: line });
    }
  }
  return fields;
}
