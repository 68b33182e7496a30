import type { Section, Text } from '../../content/text';
import type { Locale } from '../../i18n/locale';
import { translate } from '../../i18n/translate';
import { attribution } from '../../quotes/attribution';
import { quotePages, renderPageText } from '../../quotes/render-quote';
import { LIMITS } from '../../render/limits';
import { escapeMarkdown } from '../../render/markdown';
import { clip, embedsLength, type EmbedView, type MessageView } from '../../render/view';
import { nextSubject } from './due-occurrences';
import { readButtons } from './read-marks';
import type { PostRecord, PromptSubject, ReadingPlan } from './plan';

export interface PromptOptions {
  readonly locale: Locale;
  /** The role to ping, the only mention the message may make. */
  readonly roleId: string | undefined;
  /** When the post is late: the instant it was due, shown to readers. */
  readonly lateFor?: Date | undefined;
}

/** "Semaine 3 — Faire front" / "Week 3 — …": the prompt's title and, clipped, its thread's name. */
export function promptTitle(week: number, section: Section, locale: Locale): string {
  return translate(locale, 'reading.prompt.title', { week, title: section.title });
}

/** A thread name within Discord's 100 characters. */
export function threadName(title: string): string {
  return clip(title, LIMITS.threadName);
}

/** A plan's next prompt, exactly as it will be posted (and as `/reading preview` shows it). */
export interface PlanPrompt {
  readonly subject: PromptSubject;
  readonly view: MessageView;
  /** The name of the discussion thread, when the plan opens one. */
  readonly threadTitle: string | undefined;
}

export function renderPlanPrompt(
  plan: ReadingPlan,
  text: Text,
  options: Omit<PromptOptions, 'roleId'> & {
    readonly pollFollows: boolean;
    /** The week being posted: its section prompt gets the "I've read it" button. */
    readonly readMarks?: { readonly localDate: string } | undefined;
  },
): PlanPrompt {
  const subject = nextSubject(plan, text.sections.length);
  const promptOptions = { ...options, roleId: plan.roleId };
  const section = subject.kind === 'section' ? text.sections[subject.section - 1] : undefined;
  if (subject.kind === 'closing' || section === undefined) {
    const title = translate(options.locale, 'reading.closing.thread', { title: text.title });
    return {
      subject: { kind: 'closing' },
      view: renderClosingPrompt(text, plan.posts, promptOptions),
      threadTitle: plan.thread ? threadName(title) : undefined,
    };
  }
  const view = renderSectionPrompt(text, section, subject.week, promptOptions);
  return {
    subject,
    view:
      options.readMarks === undefined
        ? view
        : {
            ...view,
            buttons: readButtons(plan.id, options.readMarks.localDate, 0, options.locale),
          },
    threadTitle: plan.thread
      ? threadName(promptTitle(subject.week, section, options.locale))
      : undefined,
  };
}

/**
 * The weekly prompt: the section, its discussion questions and the attribution, the role pinged.
 *
 * The section is shown whole when it fits one message, else its opening with a pointer to
 * `/section`. Not paged with buttons like `/section`: a prompt is one shared channel message, and
 * a page button edits the message for everyone (and would drop the questions); nor split over
 * several messages, which floods the channel every week. `/section` pages the rest privately.
 */
export function renderSectionPrompt(
  text: Text,
  section: Section,
  week: number,
  options: PromptOptions,
): MessageView {
  const { locale } = options;
  const frame: EmbedView = {
    title: clip(promptTitle(week, section, locale), LIMITS.embedTitle),
    url: text.source,
    author: clip(`${text.author} — ${text.title}`, LIMITS.embedAuthor),
    fields: questionFields(section, locale),
    footer: clip(attribution(text, locale), LIMITS.embedFooter),
    color: PROMPT_COLOR,
  };
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedsTotal - embedsLength([frame]));
  const target = { text, section, paragraph: undefined };
  const [whole, ...rest] = quotePages(target, locale, room);
  let description = renderPageText(whole ?? [], locale);
  if (rest.length > 0) {
    const pointer = translate(locale, 'reading.prompt.continue', {
      section: section.number,
      text: text.id,
    });
    const [opening] = quotePages(target, locale, room - pointer.length - BLOCK.length);
    description = `${renderPageText(opening ?? [], locale)}${BLOCK}${pointer}`;
  }
  return {
    content: promptContent(options),
    embeds: [{ ...frame, description }],
    pingRoles: options.roleId === undefined ? [] : [options.roleId],
  };
}

/**
 * The prompt after the last section: a recap of the weeks with links to their discussions, and,
 * when a poll follows, a word about it.
 */
export function renderClosingPrompt(
  text: Text,
  posts: readonly PostRecord[],
  options: PromptOptions & { readonly pollFollows: boolean },
): MessageView {
  const { locale } = options;
  const lines = posts.flatMap((post) => {
    if (post.subject.kind !== 'section') return [];
    const section = text.sections[post.subject.section - 1];
    return [
      translate(locale, 'reading.closing.week', {
        week: post.subject.week,
        title: escapeMarkdown(section?.title ?? `§${post.subject.section}`),
        link: post.threadId === undefined ? '' : ` · <#${post.threadId}>`,
      }),
    ];
  });
  const intro = translate(locale, 'reading.closing.intro', { count: lines.length });
  const outro = options.pollFollows ? `${BLOCK}${translate(locale, 'reading.closing.poll')}` : '';
  return {
    content: promptContent(options),
    embeds: [
      {
        title: clip(
          translate(locale, 'reading.closing.title', { title: text.title }),
          LIMITS.embedTitle,
        ),
        url: text.source,
        author: clip(text.author, LIMITS.embedAuthor),
        description: fitLines(intro, lines, outro, LIMITS.embedDescription),
        footer: clip(attribution(text, locale), LIMITS.embedFooter),
        color: PROMPT_COLOR,
      },
    ],
    pingRoles: options.roleId === undefined ? [] : [options.roleId],
  };
}

/** The role mention (only ever the plan's role) and, for a late post, when it was due. */
function promptContent(options: PromptOptions): string {
  const parts = [
    options.roleId === undefined ? '' : `<@&${options.roleId}>`,
    options.lateFor === undefined
      ? ''
      : translate(options.locale, 'reading.prompt.late', {
          time: Math.floor(options.lateFor.getTime() / 1000),
        }),
  ];
  return parts.filter(Boolean).join(' ');
}

/** Questions come from organisers' files too: shown as written, never as Markdown. */
function questionFields(section: Section, locale: Locale): { name: string; value: string }[] {
  return section.questions.slice(0, LIMITS.embedFields).map((question, index) => ({
    name: translate(locale, 'reading.prompt.question', { number: index + 1 }),
    value: clip(escapeMarkdown(question[locale]), LIMITS.embedFieldValue),
  }));
}

/** Intro, as many whole lines as fit (then "…"), and the outro, within `limit` characters. */
function fitLines(intro: string, lines: readonly string[], outro: string, limit: number): string {
  let body = intro;
  for (const line of lines) {
    if (body.length + 1 + line.length + ELLIPSIS.length + outro.length > limit) {
      body += ELLIPSIS;
      break;
    }
    body += `\n${line}`;
  }
  return body + outro;
}

const BLOCK = '\n\n';
const ELLIPSIS = '\n…';
const PROMPT_COLOR = 0x8a5a2b;
