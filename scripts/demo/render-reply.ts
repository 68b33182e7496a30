// Messages as the demo prints them: content, embeds (author, title, text, fields, footer), files,
// polls, and buttons numbered so that typing the number clicks them (pure).
import type { ComponentJson, EmbedJson, JsonObject } from '../emulator/types';
import type { DemoLocale } from './command-defs';
import { MESSAGES } from './messages';

/** What the demo prints of a message (a `StoredMessage` fits). */
export interface DemoMessage {
  readonly content: string;
  readonly embeds: readonly EmbedJson[];
  readonly components: readonly ComponentJson[];
  readonly attachments?: readonly DemoAttachment[];
  readonly ephemeral?: boolean;
  readonly poll?: JsonObject | null;
}

/** A file on a message; `text` gives a text file's content, shown in part. */
export interface DemoAttachment {
  readonly filename: string;
  readonly size?: number;
  text?(): string;
}

/** A text file (CSV export, text export) shows its first lines, as a file preview would. */
const PREVIEWED = /\.(csv|md|txt)$/i;
const PREVIEW_LINES = 5;

function renderAttachment(attachment: DemoAttachment, options: RenderOptions): string[] {
  const lines = [`📎 ${attachment.filename}`];
  if (attachment.text === undefined || !PREVIEWED.test(attachment.filename)) return lines;
  const content = attachment
    .text()
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  while (content.at(-1) === '') content.pop();
  const shown = content.slice(0, PREVIEW_LINES).map((line) => `  │ ${line}`);
  const more = content.length - PREVIEW_LINES;
  return [
    ...lines,
    ...shown,
    ...(more > 0 ? [`  │ ${MESSAGES[options.locale].moreLines(more)}`] : []),
  ];
}

/** A button or select menu, numbered in reading order from 1. */
export interface Action {
  readonly index: number;
  readonly kind: 'button' | 'link' | 'select';
  readonly label: string;
  readonly disabled: boolean;
  readonly customId?: string;
  readonly url?: string;
  readonly options?: readonly { readonly label: string; readonly value: string }[];
}

export interface Names {
  user?(id: string): string | undefined;
  channel?(id: string): string | undefined;
  role?(id: string): string | undefined;
}

export interface RenderOptions {
  readonly locale: DemoLocale;
  /** Bold, dim, italics… with ANSI escapes (a terminal); plain text otherwise. */
  readonly ansi: boolean;
  /** Wrap lines to this many columns; 0 for no wrapping. */
  readonly width: number;
  readonly names?: Names;
  /** For `<t:…>` timestamps: the zone dates are shown in, named after full dates. */
  readonly timeZone?: string;
  /** For relative timestamps (`<t:…:R>`, "in 3 days"); default: the real clock. */
  readonly now?: () => number;
  /** Who speaks, first on the header line. */
  readonly author?: string;
  /** Said after the author on the header line (`↳ follow-up message`). */
  readonly label?: string;
}

export interface RenderedMessage {
  readonly text: string;
  readonly actions: readonly Action[];
}

// --- Styles -----------------------------------------------------------------------------------

type Style = 'bold' | 'dim' | 'italic' | 'underline' | 'strike' | 'inverse' | 'code';

const ANSI: Record<Style, [string, string]> = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  underline: ['\u001b[4m', '\u001b[24m'],
  strike: ['\u001b[9m', '\u001b[29m'],
  inverse: ['\u001b[7m', '\u001b[27m'],
  code: ['\u001b[36m', '\u001b[39m'],
};

function styler(ansi: boolean) {
  return (style: Style, text: string): string =>
    ansi && text !== '' ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text;
}

// eslint-disable-next-line no-control-regex
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

/** The text without ANSI escapes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

// --- Markdown ---------------------------------------------------------------------------------

const ESCAPED_START = 0xe000; // private use area: escaped characters hide there meanwhile

const TIMESTAMP_FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

/** The largest unit first: "in 3 days", not "in 259,200 seconds". */
const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * A `<t:…>` timestamp as Discord would show it to a reader in the demo's zone: relative ones
 * relative ("dans 3 jours"), dates and times in that zone, named after a full date and time so
 * nobody takes them for another zone's.
 */
function formatTimestamp(seconds: number, style: string, options: RenderOptions): string {
  const language = options.locale === 'fr' ? 'fr-FR' : 'en-GB';
  if (style === 'R') {
    const delta = seconds - Math.round((options.now?.() ?? Date.now()) / 1000);
    const [unit, size] = RELATIVE_UNITS.find(([, length]) => Math.abs(delta) >= length) ??
      RELATIVE_UNITS[6] ?? ['second', 1];
    return new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(
      Math.round(delta / size),
      unit,
    );
  }
  const format = TIMESTAMP_FORMATS[style] ?? TIMESTAMP_FORMATS.f;
  const text = new Intl.DateTimeFormat(language, {
    ...format,
    ...(options.timeZone !== undefined && { timeZone: options.timeZone }),
  }).format(new Date(seconds * 1000));
  const named =
    options.timeZone !== undefined &&
    format?.timeStyle !== undefined &&
    style !== 't' &&
    style !== 'T';
  return named ? `${text}, ${options.timeZone ?? ''}` : text;
}

/**
 * Discord Markdown for a terminal: emphasis as ANSI styles (or removed), escapes undone,
 * mentions, channels and timestamps by name, masked links as `text (url)`.
 */
export function formatMarkdown(markdown: string, options: RenderOptions): string {
  const style = styler(options.ansi);
  const names = options.names ?? {};
  // Code first: nothing inside it is Markdown.
  const literals: string[] = [];
  const hide = (text: string, how: Style | null) => {
    literals.push(how === null ? text : style(how, text));
    return String.fromCharCode(ESCAPED_START + literals.length - 1);
  };
  let text = markdown
    .replace(/```(?:[\w-]*\n)?([\s\S]*?)```/g, (_, code: string) =>
      hide(code.replace(/\n$/, ''), 'code'),
    )
    .replace(/`([^`\n]+)`/g, (_, code: string) => hide(code, 'code'))
    .replace(/\\([^\p{L}\p{N}\s])/gu, (_, char: string) => hide(char, null));

  text = text
    .replace(/<@!?(\d+)>/g, (whole, id: string) => {
      const name = names.user?.(id);
      return name === undefined ? whole : `@${name}`;
    })
    .replace(/<@&(\d+)>/g, (whole, id: string) => {
      const name = names.role?.(id);
      return name === undefined ? whole : `@${name}`;
    })
    .replace(/<#(\d+)>/g, (whole, id: string) => {
      const name = names.channel?.(id);
      return name === undefined ? whole : `#${name}`;
    })
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, seconds: string, format?: string) =>
      formatTimestamp(Number(seconds), format ?? 'f', options),
    )
    .replace(/<\/([\w\- ]+):\d+>/g, '/$1')
    .replace(/<(https?:\/\/[^\s>]+)>/g, '$1')
    .replace(/\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, (_, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    );

  text = text
    .split('\n')
    .map((line) => {
      const heading = /^#{1,3} (.*)$/.exec(line);
      if (heading) return style('bold', heading[1] ?? '');
      const subtext = /^-# (.*)$/.exec(line);
      if (subtext) return style('dim', subtext[1] ?? '');
      return line.replace(/^>>?>? /, '▎ ').replace(/^(\s*)[-*] (?=\S)/, '$1• ');
    })
    .join('\n')
    .replace(/\*\*\*([^*\n]+?)\*\*\*/g, (_, inner: string) => style('bold', style('italic', inner)))
    .replace(/\*\*([^\n]+?)\*\*/g, (_, inner: string) => style('bold', inner))
    .replace(/__([^\n]+?)__/g, (_, inner: string) => style('underline', inner))
    .replace(
      /(^|[^\p{L}\p{N}*])\*(?!\s)([^*\n]+?)\*(?![\p{L}\p{N}*])/gu,
      (_, before: string, inner: string) => before + style('italic', inner),
    )
    .replace(
      /(^|[^\p{L}\p{N}_])_(?!\s)([^_\n]+?)_(?![\p{L}\p{N}_])/gu,
      (_, before: string, inner: string) => before + style('italic', inner),
    )
    .replace(/~~([^\n]+?)~~/g, (_, inner: string) => style('strike', inner))
    .replace(/\|\|([^\n]+?)\|\|/g, (_, inner: string) => style('inverse', inner));

  return text.replace(
    /[\ue000-\uf8ff]/g,
    (char) => literals[char.charCodeAt(0) - ESCAPED_START] ?? char,
  );
}

// --- Layout -----------------------------------------------------------------------------------

/** Words of a line, French spaced punctuation (`mot :`, `« mot »`) kept with its word. */
function frenchWords(line: string): string[] {
  const words: string[] = [];
  let glue = false;
  for (const word of line.split(' ')) {
    const plain = stripAnsi(word);
    const previous = words.at(-1);
    if ((glue || /^[:;!?»]/.test(plain)) && previous !== undefined) {
      words[words.length - 1] = `${previous} ${word}`;
    } else {
      words.push(word);
    }
    glue = plain === '«';
  }
  return words;
}

/** Splits a line into lines of at most `width` visible columns, at spaces when possible. */
export function wrap(line: string, width: number): string[] {
  if (width <= 0 || stripAnsi(line).length <= width) return [line];
  const lines: string[] = [];
  let current = '';
  let currentLength = 0;
  for (const word of frenchWords(line)) {
    const length = stripAnsi(word).length;
    if (currentLength > 0 && currentLength + 1 + length > width) {
      lines.push(current);
      current = '';
      currentLength = 0;
    }
    if (length > width && currentLength === 0 && !word.includes('\u001b')) {
      for (let start = 0; start < word.length; start += width) {
        const piece = word.slice(start, start + width);
        if (piece.length === width) lines.push(piece);
        else {
          current = piece;
          currentLength = piece.length;
        }
      }
      continue;
    }
    current = currentLength > 0 ? `${current} ${word}` : word;
    currentLength += (currentLength > 0 ? 1 : 0) + length;
  }
  if (currentLength > 0 || lines.length === 0) lines.push(current);
  return lines;
}

/** Each line of `text` wrapped, with `prefix` before every resulting line. */
function block(text: string, prefix: string, width: number): string[] {
  const room = width > 0 ? Math.max(width - stripAnsi(prefix).length, 20) : 0;
  return text
    .split('\n')
    .flatMap((line) => wrap(line, room).map((piece) => `${prefix}${piece}`.trimEnd()));
}

function renderEmbed(embed: EmbedJson, options: RenderOptions): string[] {
  const style = styler(options.ansi);
  const md = (text: string) => formatMarkdown(text, options);
  const bar = style('dim', '│ ');
  const lines: string[] = [];
  const add = (text: string) => lines.push(...block(text, bar, options.width));
  if (embed.author?.name) add(style('dim', md(embed.author.name)));
  if (embed.title) add(style('bold', md(embed.title)));
  if (embed.description) add(md(embed.description));
  for (const field of embed.fields ?? []) {
    if (lines.length > 0) add('');
    add(style('bold', md(field.name)));
    add(md(field.value));
  }
  if (embed.footer?.text) {
    if (lines.length > 0) add('');
    add(style('dim', `— ${embed.footer.text}`));
  }
  return lines;
}

function renderPoll(poll: JsonObject, options: RenderOptions): string[] {
  const style = styler(options.ansi);
  const question = (poll.question as { text?: string } | undefined)?.text ?? '';
  const answers = Array.isArray(poll.answers) ? (poll.answers as JsonObject[]) : [];
  return [
    `📊 ${style('bold', question)}`,
    ...answers.map((answer) => {
      const media = (answer.poll_media ?? {}) as { text?: string; emoji?: { name?: string } };
      return `   • ${[media.emoji?.name, media.text].filter(Boolean).join(' ')}`;
    }),
  ];
}

/** Numbers buttons and menus in reading order, and renders each row as one line. */
function renderComponents(
  components: readonly ComponentJson[],
  options: RenderOptions,
  actions: Action[],
): string[] {
  const style = styler(options.ansi);
  const lines: string[] = [];
  const action = (component: ComponentJson): string | undefined => {
    const index = actions.length + 1;
    const disabled = component.disabled === true;
    const number = style('bold', `[${index}]`);
    const off = disabled ? ` (${MESSAGES[options.locale].disabled})` : '';
    if (component.type === 2) {
      const emoji = (component.emoji as { name?: string } | undefined)?.name;
      const label = [emoji, component.label].filter(Boolean).join(' ') || '…';
      const url = component.url;
      actions.push({
        index,
        kind: url === undefined ? 'button' : 'link',
        label,
        disabled,
        ...(component.custom_id !== undefined && { customId: component.custom_id }),
        ...(url !== undefined && { url }),
      });
      const shown = `${number} ${label}${url !== undefined ? ' ↗' : ''}${off}`;
      return disabled ? style('dim', shown) : shown;
    }
    if ([3, 5, 6, 7, 8].includes(component.type)) {
      const choices = (component.options ?? []).map(({ label, value }) => ({ label, value }));
      actions.push({
        index,
        kind: 'select',
        label: component.placeholder ?? '',
        disabled,
        ...(component.custom_id !== undefined && { customId: component.custom_id }),
        options: choices,
      });
      const shown = `${number} ▾ ${component.placeholder ?? ''}${choices.length > 0 ? `: ${choices.map((choice) => choice.label).join(' | ')}` : ''}${off}`;
      return disabled ? style('dim', shown) : shown;
    }
    return undefined;
  };
  for (const component of components) {
    switch (component.type) {
      case 1: {
        const row = (component.components ?? []).map(action).filter((part) => part !== undefined);
        if (row.length > 0) lines.push(...block(row.join('   '), '', options.width));
        break;
      }
      case 10:
        lines.push(...block(formatMarkdown(component.content ?? '', options), '', options.width));
        break;
      case 14:
        lines.push('');
        break;
      default: {
        const single = action(component);
        if (single !== undefined) lines.push(single);
        lines.push(...renderComponents(component.components ?? [], options, actions));
        const accessory = component.accessory as ComponentJson | undefined;
        if (accessory !== undefined) {
          const shown = action(accessory);
          if (shown !== undefined) lines.push(shown);
        }
      }
    }
  }
  return lines;
}

/** The message as the demo prints it, and its numbered buttons. */
export function renderMessage(message: DemoMessage, options: RenderOptions): RenderedMessage {
  const style = styler(options.ansi);
  const words = MESSAGES[options.locale];
  const header = [
    style('bold', options.author ?? 'Tribune'),
    options.label,
    message.ephemeral === true ? style('dim', words.ephemeral) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const body: string[] = [];
  if (message.content !== '') {
    body.push(...block(formatMarkdown(message.content, options), '', options.width));
  }
  for (const embed of message.embeds) body.push(...renderEmbed(embed, options));
  for (const attachment of message.attachments ?? []) {
    body.push(...renderAttachment(attachment, options));
  }
  if (message.poll) body.push(...renderPoll(message.poll, options));
  const actions: Action[] = [];
  body.push(...renderComponents(message.components, options, actions));
  if (body.length === 0) body.push(style('dim', words.emptyReply));
  return { text: [header, ...body].join('\n'), actions };
}

/** Autocomplete suggestions: each name, with the value it would fill in when it differs. */
export function renderChoices(
  option: string,
  choices: readonly { readonly name: string; readonly value: string | number }[],
  options: RenderOptions,
): string {
  const style = styler(options.ansi);
  const words = MESSAGES[options.locale];
  const lines = choices.map((choice) =>
    String(choice.value) === choice.name
      ? `  • ${choice.name}`
      : `  • ${choice.name}  ${style('dim', `→ ${String(choice.value)}`)}`,
  );
  return [
    words.suggestions(option),
    ...(lines.length > 0 ? lines : [`  ${words.noSuggestionsFound}`]),
  ].join('\n');
}
