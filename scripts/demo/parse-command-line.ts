// What a person types in the demo, turned into an interaction for the emulator: meta commands
// (help, lang, as, quit, button numbers) and slash commands parsed against the registered
// definitions (pure: no I/O, no emulator).
import {
  OptionType,
  allNames,
  bothNames,
  findByName,
  hasSubcommands,
  isSubcommand,
  localName,
  positionalOption,
  usageLines,
  type CommandDef,
  type DemoLocale,
  type OptionDef,
} from './command-defs';
import { closest, normalize } from './text';

// --- Lines ------------------------------------------------------------------------------------

export type DemoInput =
  | { readonly kind: 'empty' }
  | { readonly kind: 'help'; readonly topic?: string }
  | { readonly kind: 'lang'; readonly locale?: string }
  | { readonly kind: 'as'; readonly member?: string }
  | { readonly kind: 'quit' }
  /** A button (or select menu) of the last message that has some, 1-based. */
  | { readonly kind: 'click'; readonly index: number; readonly values?: readonly string[] }
  | { readonly kind: 'autocomplete'; readonly text: string }
  | { readonly kind: 'command'; readonly text: string; readonly slash: boolean };

const QUIT = new Set(['quit', 'exit', 'q', 'quitter', 'bye']);
const HELP = new Set(['help', 'aide', 'h', '?']);

/** Classifies one line. Commands start with `/` (or name a command), suggestions with `?`. */
export function parseInput(line: string): DemoInput {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'empty' };
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const argument = rest.join(' ').trim();
  if (HELP.has(word)) return argument === '' ? { kind: 'help' } : { kind: 'help', topic: argument };
  if (QUIT.has(word) && argument === '') return { kind: 'quit' };
  if (word === 'lang' || word === 'langue') {
    return argument === '' ? { kind: 'lang' } : { kind: 'lang', locale: argument };
  }
  if (word === 'as') return argument === '' ? { kind: 'as' } : { kind: 'as', member: argument };
  const click = /^(\d+)(?:\s+(.+))?$/.exec(text);
  if (click) {
    const values = click[2]
      ?.split(/\s*;\s*/)
      .map((value) => value.trim())
      .filter(Boolean);
    return values === undefined
      ? { kind: 'click', index: Number(click[1]) }
      : { kind: 'click', index: Number(click[1]), values };
  }
  if (text.startsWith('?')) return { kind: 'autocomplete', text: text.slice(1).trim() };
  if (text.startsWith('/')) return { kind: 'command', text: text.slice(1).trim(), slash: true };
  return { kind: 'command', text, slash: false };
}

// --- Tokens -----------------------------------------------------------------------------------

export interface Token {
  /** The option name before `:`, as typed; absent for a bare word. */
  readonly name?: string;
  readonly value: string;
  readonly quoted: boolean;
}

const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', '“': '”', '«': '»' };

/**
 * Splits on white space, keeping quoted values whole: `"…"`, `“…”` and `« … »`. `name:value`
 * and `name:"quoted value"` name an option (`name: value` too). Apostrophes are text (`l'IA`).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const skipSpaces = () => {
    while (index < text.length && /\s/.test(text[index] ?? '')) index++;
  };
  const readValue = (): { value: string; quoted: boolean } => {
    const opening = text[index] ?? '';
    const closing = CLOSING_QUOTE[opening];
    if (closing === undefined) {
      const start = index;
      while (index < text.length && !/\s/.test(text[index] ?? '')) index++;
      return { value: text.slice(start, index), quoted: false };
    }
    index++;
    let value = '';
    while (index < text.length && text[index] !== closing) {
      if (text[index] === '\\' && index + 1 < text.length) index++;
      value += text[index] ?? '';
      index++;
    }
    index++; // the closing quote (or the end of an unclosed one)
    return { value: opening === '«' ? value.trim() : value, quoted: true };
  };
  for (;;) {
    skipSpaces();
    if (index >= text.length) break;
    const named = /^([\p{L}\p{N}_-]*\p{L}[\p{L}\p{N}_-]*):/u.exec(text.slice(index));
    if (named?.[1] === undefined) {
      tokens.push(readValue());
      continue;
    }
    index += named[0].length;
    if (/\s/.test(text[index] ?? '')) skipSpaces();
    tokens.push({ name: named[1], ...readValue() });
  }
  return tokens;
}

// --- Commands ---------------------------------------------------------------------------------

export type OptionValue = string | number | boolean;

export interface ParsedCommand {
  /** Registered (default-language) names, as interactions carry them. */
  readonly name: string;
  readonly subcommandGroup?: string;
  readonly subcommand?: string;
  readonly options: Readonly<Record<string, OptionValue>>;
  /** Attachment options: the path of a local file, as typed (the session reads it). */
  readonly files?: Readonly<Record<string, string>>;
  /** For suggestions: the option being typed (its value is sent as typed). */
  readonly focused?: string;
}

export type Expected = 'integer' | 'number' | 'boolean' | 'member' | 'channel' | 'role' | 'choice';

/** What went wrong, with names already in the person's language. */
export type ParseError =
  | { readonly code: 'noCommand'; readonly commands: readonly string[] }
  | {
      readonly code: 'unknownCommand';
      readonly typed: string;
      readonly slash: boolean;
      readonly suggestion?: string;
      readonly commands: readonly string[];
    }
  | {
      readonly code: 'needsSubcommand';
      readonly path: string;
      readonly subcommands: readonly string[];
    }
  | {
      readonly code: 'unknownSubcommand';
      readonly path: string;
      readonly typed: string;
      readonly suggestion?: string;
      readonly subcommands: readonly string[];
    }
  | {
      readonly code: 'unknownOption';
      readonly path: string;
      readonly typed: string;
      readonly suggestion?: string;
      readonly options: readonly string[];
    }
  | { readonly code: 'noOptions'; readonly path: string }
  | { readonly code: 'duplicateOption'; readonly option: string }
  | { readonly code: 'missingValue'; readonly option: string }
  | {
      readonly code: 'missingRequired';
      readonly path: string;
      readonly options: readonly string[];
      readonly usage: readonly string[];
    }
  | {
      readonly code: 'badValue';
      readonly option: string;
      readonly value: string;
      readonly expected: Expected;
      /** Acceptable values, when there are few (choices, members, channels, roles). */
      readonly known?: readonly string[];
    }
  | {
      readonly code: 'outOfRange';
      readonly option: string;
      readonly value: number;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly code: 'badLength';
      readonly option: string;
      readonly length: number;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly code: 'noSuggestions';
      readonly path: string;
      readonly option: string;
      readonly withSuggestions: readonly string[];
    };

export type ParseResult =
  | { readonly ok: true; readonly command: ParsedCommand }
  | { readonly ok: false; readonly error: ParseError };

/** Members, channels and roles that user, channel and role options may name. */
export interface Directory {
  readonly members: readonly { readonly id: string; readonly names: readonly string[] }[];
  readonly channels: readonly { readonly id: string; readonly name: string }[];
  readonly roles: readonly { readonly id: string; readonly name: string }[];
}

export interface ParseOptions {
  readonly locale: DemoLocale;
  readonly directory?: Directory;
  /** Parse for suggestions: required options may be missing, the focused value stays text. */
  readonly autocomplete?: boolean;
  /** Whether the line started with `/` (only changes the error for an unknown first word). */
  readonly slash?: boolean;
}

class Failure extends Error {
  constructor(readonly error: ParseError) {
    super(error.code);
  }
}

function fail(error: ParseError): never {
  throw new Failure(error);
}

/**
 * Parses `section 2`, `section section:2 paragraph:1`, `poll create question:"Quel jour ?"`
 * (without the leading `/`) against the registered commands. Bare words, joined, fill the first
 * required option (else the first string one); option names may be English or French.
 */
export function parseCommandLine(
  text: string,
  commands: readonly CommandDef[],
  options: ParseOptions,
): ParseResult {
  try {
    return { ok: true, command: parse(text.replace(/^\//, ''), commands, options) };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.error };
    throw error;
  }
}

function parse(
  text: string,
  commands: readonly CommandDef[],
  options: ParseOptions,
): ParsedCommand {
  const { locale } = options;
  const names = (defs: readonly (CommandDef | OptionDef)[]) =>
    defs.map((def) => bothNames(def, locale));
  const commandNames = commands.map((command) => `/${bothNames(command, locale)}`);
  const tokens = tokenize(text);
  const first = tokens.shift();
  if (first === undefined) fail({ code: 'noCommand', commands: commandNames });
  const command = first.name === undefined ? findByName(commands, first.value) : undefined;
  if (command === undefined) {
    const typed = first.name === undefined ? first.value : `${first.name}:${first.value}`;
    const suggestion = closest(typed, commands.flatMap(allNames));
    fail({
      code: 'unknownCommand',
      typed,
      slash: options.slash ?? true,
      ...(suggestion !== undefined && { suggestion: `/${suggestion}` }),
      commands: commandNames,
    });
  }

  let path = `/${localName(command, locale)}`;
  let defs = command.options ?? [];
  const route: { subcommandGroup?: string; subcommand?: string } = {};
  while (hasSubcommands(defs)) {
    const subcommands = defs.filter(isSubcommand);
    const token = tokens[0];
    if (token === undefined || token.name !== undefined || token.quoted) {
      fail({ code: 'needsSubcommand', path, subcommands: names(subcommands) });
    }
    const chosen = findByName(subcommands, token.value);
    if (chosen === undefined) {
      const suggestion = closest(token.value, subcommands.flatMap(allNames));
      fail({
        code: 'unknownSubcommand',
        path,
        typed: token.value,
        ...(suggestion !== undefined && { suggestion }),
        subcommands: names(subcommands),
      });
    }
    tokens.shift();
    if (chosen.type === OptionType.SubcommandGroup) route.subcommandGroup = chosen.name;
    else route.subcommand = chosen.name;
    path += ` ${localName(chosen, locale)}`;
    defs = chosen.options ?? [];
  }

  // Which option each token fills.
  const given = new Map<OptionDef, string>();
  const bare: string[] = [];
  /** The option of the last token (`null`: bare words), the one suggestions are for. */
  let last: OptionDef | null | undefined;
  for (const token of tokens) {
    if (token.name === undefined) {
      bare.push(token.value);
      last = null;
      continue;
    }
    const def = findByName(defs, token.name);
    if (def === undefined) {
      if (defs.length === 0) fail({ code: 'noOptions', path });
      const suggestion = closest(token.name, defs.flatMap(allNames));
      fail({
        code: 'unknownOption',
        path,
        typed: token.name,
        ...(suggestion !== undefined && { suggestion }),
        options: names(defs),
      });
    }
    if (given.has(def)) fail({ code: 'duplicateOption', option: bothNames(def, locale) });
    given.set(def, token.value);
    last = def;
  }
  const positional = positionalOption(defs);
  if (bare.length > 0) {
    if (positional === undefined) fail({ code: 'noOptions', path });
    if (given.has(positional)) {
      fail({ code: 'duplicateOption', option: bothNames(positional, locale) });
    }
    given.set(positional, bare.join(' '));
    if (last === null) last = positional;
  }

  let focused: OptionDef | undefined;
  if (options.autocomplete === true) {
    const withSuggestions = defs.filter((def) => def.autocomplete === true);
    focused = last ?? (given.size === 0 ? withSuggestions[0] : undefined);
    if (focused?.autocomplete !== true) {
      fail({
        code: 'noSuggestions',
        path,
        option: focused === undefined ? '' : bothNames(focused, locale),
        withSuggestions: names(withSuggestions),
      });
    }
    if (!given.has(focused)) given.set(focused, '');
  } else {
    const missing = defs.filter((def) => def.required === true && !given.has(def));
    if (missing.length > 0) {
      fail({
        code: 'missingRequired',
        path,
        options: names(missing),
        usage: usageLines(command, locale).filter(
          (line) => line.startsWith(`${path} `) || line === path,
        ),
      });
    }
  }

  const values: Record<string, OptionValue> = {};
  const files: Record<string, string> = {};
  for (const [def, raw] of given) {
    const value = def === focused ? raw : convert(def, raw, options);
    if (def.type === OptionType.Attachment) files[def.name] = String(value);
    else values[def.name] = value;
  }
  return {
    name: command.name,
    ...route,
    options: values,
    ...(Object.keys(files).length > 0 && { files }),
    ...(focused !== undefined && { focused: focused.name }),
  };
}

// --- Values -----------------------------------------------------------------------------------

const TRUE = new Set(['true', 'yes', 'y', 'oui', 'o', 'vrai', '1', 'on']);
const FALSE = new Set(['false', 'no', 'n', 'non', 'faux', '0', 'off']);

/** A typed value as the option's type wants it, checked against its limits and choices. */
function convert(def: OptionDef, raw: string, options: ParseOptions): OptionValue {
  const option = bothNames(def, options.locale);
  const value = raw.trim();
  if (value === '') fail({ code: 'missingValue', option });
  const bad = (expected: Expected, known?: readonly string[]): never =>
    fail({
      code: 'badValue',
      option,
      value,
      expected,
      ...(known !== undefined && { known }),
    });
  const directory = options.directory ?? { members: [], channels: [], roles: [] };
  switch (def.type) {
    case OptionType.Boolean: {
      const word = normalize(value);
      if (TRUE.has(word)) return true;
      if (FALSE.has(word)) return false;
      return bad('boolean');
    }
    case OptionType.Integer:
    case OptionType.Number: {
      const integer = def.type === OptionType.Integer;
      const choice = matchChoice(def, value);
      if (choice !== undefined) return choice;
      const pattern = integer ? /^[-+]?\d+$/ : /^[-+]?(?:\d+[.,]?\d*|[.,]\d+)(?:e[-+]?\d+)?$/i;
      const number = Number(value.replace(',', '.'));
      if (
        !pattern.test(value) ||
        (integer ? !Number.isSafeInteger(number) : !Number.isFinite(number))
      ) {
        return bad(integer ? 'integer' : 'number');
      }
      checkChoices(def, number, bad, options.locale);
      if (
        (def.min_value !== undefined && number < def.min_value) ||
        (def.max_value !== undefined && number > def.max_value)
      ) {
        fail({
          code: 'outOfRange',
          option,
          value: number,
          ...(def.min_value !== undefined && { min: def.min_value }),
          ...(def.max_value !== undefined && { max: def.max_value }),
        });
      }
      return number;
    }
    case OptionType.User:
      return (
        findEntity(
          value,
          directory.members.map(({ id, names }) => ({ id, names })),
        ) ??
        bad(
          'member',
          directory.members.map((member) => `@${member.names[0] ?? member.id}`),
        )
      );
    case OptionType.Channel:
      return (
        findEntity(
          value,
          directory.channels.map(({ id, name }) => ({ id, names: [name] })),
        ) ??
        bad(
          'channel',
          directory.channels.map((channel) => `#${channel.name}`),
        )
      );
    case OptionType.Role:
      return (
        findEntity(
          value,
          directory.roles.map(({ id, name }) => ({ id, names: [name] })),
        ) ??
        bad(
          'role',
          directory.roles.map((role) => `@${role.name}`),
        )
      );
    case OptionType.Mentionable:
      return (
        findEntity(value, [
          ...directory.members.map(({ id, names }) => ({ id, names })),
          ...directory.roles.map(({ id, name }) => ({ id, names: [name] })),
        ]) ?? bad('member')
      );
    case OptionType.Attachment:
      // A local file's path: the session reads it and attaches it as Discord would.
      return value;
    default: {
      const choice = matchChoice(def, value);
      if (choice !== undefined) return choice;
      checkChoices(def, value, bad, options.locale);
      const length = value.length;
      if (
        (def.min_length !== undefined && length < def.min_length) ||
        (def.max_length !== undefined && length > def.max_length)
      ) {
        fail({
          code: 'badLength',
          option,
          length,
          ...(def.min_length !== undefined && { min: def.min_length }),
          ...(def.max_length !== undefined && { max: def.max_length }),
        });
      }
      return raw;
    }
  }
}

/** The value of the choice typed by its value or by one of its names. */
function matchChoice(def: OptionDef, typed: string): string | number | undefined {
  const wanted = normalize(typed);
  return def.choices?.find(
    (choice) =>
      normalize(String(choice.value)) === wanted ||
      allNames(choice).some((name) => normalize(name) === wanted),
  )?.value;
}

function checkChoices(
  def: OptionDef,
  value: OptionValue,
  bad: (expected: Expected, known?: readonly string[]) => never,
  locale: DemoLocale,
): void {
  const choices = def.choices ?? [];
  if (choices.length > 0 && !choices.some((choice) => choice.value === value)) {
    bad(
      'choice',
      choices.map((choice) => localName(choice, locale)),
    );
  }
}

/** An id from `<@123>`, `@name`, `#name`, a name or an id. */
function findEntity(
  typed: string,
  entities: readonly { readonly id: string; readonly names: readonly string[] }[],
): string | undefined {
  const mention = /^<(?:@[!&]?|#)(\d+)>$/.exec(typed);
  const wanted = normalize(mention?.[1] ?? typed.replace(/^[@#]/, ''));
  return entities.find(
    (entity) => entity.id === wanted || entity.names.some((name) => normalize(name) === wanted),
  )?.id;
}
