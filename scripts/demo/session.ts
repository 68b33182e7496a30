// One demo session: the emulator and the real bot (commands registered as `npm run deploy` does,
// SQLite store in a fresh temp folder), and what each typed line does. No terminal I/O here.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createBot, type Bot } from '../../app/bot';
import { loadConfig, type Config } from '../../src/config/config';
import { commands } from '../../commands';
import { deployCommands } from '../../src/discord/deploy-commands';
import { createLogger } from '../../src/log/logger';
import {
  DEFAULT_IDS,
  defaultGuild,
  startEmulator,
  type AttachmentFile,
  type Emulator,
  type GuildFixture,
  type InteractionCallbackRecord,
  type InteractionHandle,
  type MemberFixture,
  type StoredMessage,
} from '../emulator';
import { bothNames, chatInputCommands, type CommandDef, type DemoLocale } from './command-defs';
import { renderCommandHelp, renderHelp } from './help';
import { MESSAGES, demoLocale } from './messages';
import {
  parseCommandLine,
  parseInput,
  type Directory,
  type ParsedCommand,
} from './parse-command-line';
import { renderChoices, renderMessage, type Action, type RenderOptions } from './render-reply';
import { normalize } from './text';

export interface SessionOptions {
  /** Language of interactions and of the demo (default fr). */
  readonly locale?: DemoLocale;
  /** Style output with ANSI escapes. */
  readonly ansi?: boolean;
  /** Terminal width for wrapping (0: no wrapping); read at each output. */
  readonly width?: () => number;
  /** Environment the bot's configuration is read from (CONTENT_DIR…); default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the bot's logs go; default a file in the temp folder, deleted at the end. */
  readonly logFile?: string;
  /** The folder local file paths start from (`/text add file:./texte.md`); default the process's. */
  readonly cwd?: string;
}

export interface Outcome {
  readonly output: string;
  readonly quit: boolean;
}

/** Discord's own limit on a file a member attaches (without Nitro). */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Discord's 3 s to acknowledge, plus some slack. */
const CALLBACK_TIMEOUT_MS = 3500;
/** A deferred reply may take up to 15 min on Discord; the demo waits this long. */
const DEFERRED_TIMEOUT_MS = 30_000;
/** The bot is considered done once it has made no request for this long. */
const QUIET_MS = 150;
const SETTLE_MAX_MS = 3000;

const DISCORD_LOCALE: Record<DemoLocale, string> = { fr: 'fr', en: 'en-US' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The promise's value, or undefined after `ms` (the timer does not outlive the race). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The bot's log lines, appended to a file (lines written after closing are dropped). */
class LogFile {
  private fd: number | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  write(line: string): void {
    if (this.fd !== undefined) writeSync(this.fd, line.endsWith('\n') ? line : `${line}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class DemoSession {
  private locale: DemoLocale;
  private discordLocale: string;
  private member: MemberFixture;
  /** The last message shown that has buttons: numbers click those. */
  private target: string | undefined;
  private stopped: Promise<void> | undefined;
  /** Revision of every message as last shown (-1: deleted), to show only what changed. */
  private seen = new Map<string, number>();

  private constructor(
    private readonly emulator: Emulator,
    private readonly bot: Bot,
    private readonly config: Config,
    private readonly guild: GuildFixture,
    private readonly folder: string,
    private readonly logFile: LogFile,
    private readonly options: SessionOptions,
  ) {
    this.locale = options.locale ?? 'fr';
    this.discordLocale = DISCORD_LOCALE[this.locale];
    this.member = this.humans()[0] ?? { id: DEFAULT_IDS.reader, username: 'bastien' };
  }

  /** Starts the emulator and the bot; everything started is stopped again if a step fails. */
  static async start(options: SessionOptions = {}): Promise<DemoSession> {
    const folder = await mkdtemp(join(tmpdir(), 'tribune-demo-'));
    const cleanup: (() => Promise<void> | void)[] = [
      () => rm(folder, { recursive: true, force: true }),
    ];
    try {
      const guild = defaultGuild();
      const emulator = await startEmulator({ guilds: [guild] });
      cleanup.unshift(() => emulator.close());
      const env = options.env ?? process.env;
      const config = loadConfig({
        ...env,
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        DISCORD_GUILD_ID: emulator.guildId,
        DATABASE_URL: `sqlite://${join(folder, 'tribune.sqlite')}`,
        // A secret of the demo's own, so that anonymous polls can be tried too.
        POLL_SECRET: env.POLL_SECRET ?? randomBytes(32).toString('hex'),
      });
      await deployCommands(config, commands);
      const logFile = new LogFile(options.logFile ?? join(folder, 'tribune.log'));
      cleanup.unshift(() => {
        logFile.close();
      });
      const logger = createLogger({
        level: config.LOG_LEVEL,
        secrets: [config.DISCORD_TOKEN],
        write: (line) => {
          logFile.write(line);
        },
      });
      const bot = await createBot({ config, logger });
      cleanup.unshift(() => bot.stop());
      await bot.start();
      return new DemoSession(emulator, bot, config, guild, folder, logFile, options);
    } catch (error) {
      for (const step of cleanup) {
        try {
          await step();
        } catch {
          // Keep cleaning up; the first error is the one to report.
        }
      }
      throw error;
    }
  }

  /** Stops the bot (which closes the store), closes the emulator, removes the temp folder. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      try {
        await this.bot.stop();
      } finally {
        await this.emulator.close();
        this.logFile.close();
        await rm(this.folder, { recursive: true, force: true });
      }
    })();
    return this.stopped;
  }

  get words() {
    return MESSAGES[this.locale];
  }

  banner(): string {
    return [
      ...this.words.banner('help'),
      `${this.words.asNow(this.memberLabel(this.member))} ${this.words.langNow(this.discordLocale)}`,
    ].join('\n');
  }

  prompt(): string {
    return `${this.displayName(this.member)} [${this.locale}] › `;
  }

  /** What one typed line does, and what to print. */
  async handle(line: string): Promise<Outcome> {
    const input = parseInput(line);
    const done = (output: string, quit = false): Outcome => ({ output, quit });
    switch (input.kind) {
      case 'empty':
        return done('');
      case 'quit':
        return done(this.words.goodbye, true);
      case 'help': {
        if (input.topic === undefined) return done(renderHelp(this.commands(), this.locale));
        return done(
          renderCommandHelp(this.commands(), input.topic, this.locale) ??
            this.parseErrorText(input.topic),
        );
      }
      case 'lang':
        return done(this.switchLanguage(input.locale));
      case 'as':
        return done(this.switchMember(input.member));
      case 'click':
        return done(await this.click(input.index, input.values));
      case 'autocomplete':
        return done(await this.suggest(input.text));
      case 'command':
        return done(await this.command(input.text, input.slash));
    }
  }

  // --- Meta commands --------------------------------------------------------------------------

  private switchLanguage(typed: string | undefined): string {
    if (typed === undefined) return this.words.langNow(this.discordLocale);
    const locale = demoLocale(typed);
    if (locale === undefined) return this.words.langUnknown(typed);
    this.locale = locale;
    this.discordLocale = typed.includes('-') ? typed : DISCORD_LOCALE[locale];
    return this.words.langNow(this.discordLocale);
  }

  private switchMember(typed: string | undefined): string {
    const humans = this.humans();
    if (typed === undefined) return this.words.asNow(this.memberLabel(this.member));
    const wanted = normalize(typed.replace(/^@/, ''));
    const found = humans.find((member) =>
      [member.id, member.username, member.global_name ?? '', member.nick ?? '']
        .map(normalize)
        .includes(wanted),
    );
    if (found === undefined) {
      return this.words.asUnknown(
        typed,
        humans.map((member) => this.memberLabel(member)),
      );
    }
    this.member = found;
    return this.words.asNow(this.memberLabel(found));
  }

  private humans(): MemberFixture[] {
    return (this.guild.members ?? []).filter((member) => member.bot !== true);
  }

  private displayName(member: MemberFixture): string {
    return member.nick ?? member.global_name ?? member.username;
  }

  private memberLabel(member: MemberFixture): string {
    const roles = (member.roles ?? [])
      .map((id) => this.guild.roles?.find((role) => role.id === id)?.name)
      .filter((name) => name !== undefined);
    const owner = member.id === this.guild.owner_id ? ['owner'] : [];
    const extra = [...roles.map((role) => `@${role}`), ...owner];
    return `${this.displayName(member)}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
  }

  // --- Commands and suggestions ---------------------------------------------------------------

  private commands(): CommandDef[] {
    return chatInputCommands(this.emulator.commands(this.emulator.guildId));
  }

  private directory(): Directory {
    return {
      members: this.humans().map((member) => ({
        id: member.id,
        names: [member.username, member.global_name, member.nick].filter(
          (name): name is string => typeof name === 'string',
        ),
      })),
      channels: [
        ...(this.guild.channels ?? []).map(({ id, name }) => ({ id, name })),
        ...this.emulator.threads().map(({ id, name }) => ({ id, name })),
      ],
      roles: (this.guild.roles ?? [])
        .filter((role) => role.managed !== true)
        .map(({ id, name }) => ({ id, name })),
    };
  }

  private parse(text: string, slash: boolean, autocomplete: boolean) {
    return parseCommandLine(text, this.commands(), {
      locale: this.locale,
      directory: this.directory(),
      autocomplete,
      slash,
    });
  }

  private parseErrorText(text: string): string {
    const result = this.parse(text, true, false);
    return result.ok ? this.words.unknownInput(text) : this.words.parse(result.error);
  }

  /**
   * The interaction for a parsed command, with each attachment option's local file read as
   * Discord would send it; or, when a file cannot be read, what to say instead.
   */
  private async invocation(parsed: ParsedCommand) {
    const files: Record<string, AttachmentFile> = {};
    for (const [option, path] of Object.entries(parsed.files ?? {})) {
      const file = await this.localFile(path);
      if (typeof file === 'string') return file;
      files[option] = file;
    }
    return {
      name: parsed.name,
      options: { ...parsed.options, ...files },
      ...(parsed.subcommandGroup !== undefined && { subcommandGroup: parsed.subcommandGroup }),
      ...(parsed.subcommand !== undefined && { subcommand: parsed.subcommand }),
      user: this.member,
      locale: this.discordLocale,
    };
  }

  private async command(text: string, slash: boolean): Promise<string> {
    const result = this.parse(text, slash, false);
    if (!result.ok) return this.words.parse(result.error);
    const invocation = await this.invocation(result.command);
    if (typeof invocation === 'string') return invocation;
    return this.interact(() => this.emulator.slashCommand(invocation));
  }

  /** A local file to attach, from the folder the demo was started in. */
  private async localFile(path: string): Promise<AttachmentFile | string> {
    const full = resolve(this.options.cwd ?? process.cwd(), path);
    try {
      // A regular file of a size Discord accepts, before reading it (not /dev/zero, not a folder).
      const info = await stat(full);
      if (!info.isFile()) return this.words.notAFile(path);
      if (info.size > MAX_ATTACHMENT_BYTES) {
        return this.words.fileTooLarge(path, MAX_ATTACHMENT_BYTES / (1024 * 1024));
      }
      return { filename: basename(full), data: await readFile(full) };
    } catch (error) {
      return this.words.fileUnreadable(path, errorText(error));
    }
  }

  private async suggest(text: string): Promise<string> {
    const result = this.parse(text, true, true);
    if (!result.ok) return this.words.parse(result.error);
    const { focused } = result.command;
    if (focused === undefined) return this.words.unknownInput(`?${text}`);
    const invocation = await this.invocation(result.command);
    if (typeof invocation === 'string') return invocation;
    let handle;
    try {
      handle = this.emulator.autocomplete({ ...invocation, focused });
    } catch (error) {
      return this.words.failed(errorText(error));
    }
    try {
      const choices = await handle.reply(CALLBACK_TIMEOUT_MS);
      return [
        renderChoices(this.focusedLabel(result.command), choices, this.renderOptions()),
        ...this.violations(),
      ].join('\n');
    } catch {
      return [this.words.noAnswer(CALLBACK_TIMEOUT_MS / 1000), ...this.violations()].join('\n');
    }
  }

  private focusedLabel(parsed: ParsedCommand): string {
    const command = this.commands().find((def) => def.name === parsed.name);
    let defs = command?.options ?? [];
    for (const name of [parsed.subcommandGroup, parsed.subcommand]) {
      if (name !== undefined) defs = defs.find((def) => def.name === name)?.options ?? [];
    }
    const focused = defs.find((def) => def.name === parsed.focused);
    return focused === undefined ? (parsed.focused ?? '') : bothNames(focused, this.locale);
  }

  // --- Buttons --------------------------------------------------------------------------------

  private async click(index: number, values: readonly string[] | undefined): Promise<string> {
    const message = this.target === undefined ? undefined : this.emulator.message(this.target);
    if (message === undefined || message.deletedAt !== null) return this.words.noButtons;
    const { actions } = renderMessage(message, this.renderOptions());
    const action = actions[index - 1];
    if (action === undefined) return this.words.noSuchButton(index, actions.length);
    if (action.disabled) return this.words.disabledButton(action.label);
    if (action.kind === 'link') return this.words.link(action.url ?? '');
    const customId = action.customId ?? '';
    const base = { message, customId, user: this.member, locale: this.discordLocale };
    if (action.kind === 'button') return this.interact(() => this.emulator.clickButton(base));
    const chosen = this.menuValues(action, values ?? []);
    if (typeof chosen === 'string') return chosen;
    return this.interact(() => this.emulator.selectMenu({ ...base, values: chosen }));
  }

  /** The values picked in a select menu, by label or value; or what to say instead. */
  private menuValues(action: Action, typed: readonly string[]): string[] | string {
    const options = action.options ?? [];
    const labels = options.map((option) => option.label);
    if (typed.length === 0) return this.words.chooseValue(action.index, labels);
    const values: string[] = [];
    for (const value of typed) {
      const wanted = normalize(value);
      const option = options.find(
        (candidate, position) =>
          normalize(candidate.label) === wanted ||
          normalize(candidate.value) === wanted ||
          String(position + 1) === wanted,
      );
      if (option === undefined) return this.words.unknownValue(value, labels);
      values.push(option.value);
    }
    return values;
  }

  // --- Interactions ---------------------------------------------------------------------------

  /**
   * Sends one interaction and shows what the user then sees: the reply, follow-ups, and messages
   * the bot created, edited or deleted meanwhile; then any request Discord would have refused.
   */
  private async interact(send: () => InteractionHandle<StoredMessage>): Promise<string> {
    let handle: InteractionHandle<StoredMessage>;
    try {
      handle = send();
    } catch (error) {
      return this.words.failed(errorText(error));
    }
    const parts: string[] = [];
    const callback: InteractionCallbackRecord | undefined = await within(
      handle.callback,
      CALLBACK_TIMEOUT_MS,
    );
    let reply: StoredMessage | undefined;
    if (callback === undefined) {
      parts.push(this.words.noAnswer(3));
    } else if (callback.type === 9) {
      const title = typeof callback.data?.title === 'string' ? callback.data.title : '';
      parts.push(this.words.modal(title));
    } else {
      const timeout = callback.type === 5 ? DEFERRED_TIMEOUT_MS : callback.type === 6 ? 1000 : 2000;
      reply = await handle.reply(timeout).catch(() => undefined);
      if (reply === undefined && callback.type === 5)
        parts.push(this.words.noAnswer(timeout / 1000));
    }
    await this.settle();
    const shown = new Set<string>();
    if (reply !== undefined) {
      parts.push(this.show(reply));
      shown.add(reply.id);
    }
    for (const followUp of handle.followUps) {
      if (shown.has(followUp.id)) continue;
      parts.push(this.show(followUp, this.words.followUp));
      shown.add(followUp.id);
    }
    parts.push(...this.changesSince(shown), ...this.violations());
    return parts.join('\n\n');
  }

  /**
   * Messages the bot created, edited or deleted since the last output, outside any interaction
   * (a scheduled post, an update it delays); empty when there are none.
   */
  takeChanges(): string {
    return [...this.changesSince(new Set()), ...this.violations()].join('\n\n');
  }

  /** Waits until the bot has made no request for a moment (follow-ups, posts, edits). */
  private async settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_MAX_MS;
    let count = this.emulator.requests.length;
    for (;;) {
      await sleep(QUIET_MS);
      const now = this.emulator.requests.length;
      if (now === count || Date.now() > deadline) return;
      count = now;
    }
  }

  private channelIds(): string[] {
    return [
      ...(this.guild.channels ?? []).map((channel) => channel.id),
      ...this.emulator.threads().map((thread) => thread.id),
    ];
  }

  /** Revision of every message (-1: deleted), to see what an interaction changed. */
  private snapshot(): Map<string, number> {
    const revisions = new Map<string, number>();
    for (const channelId of this.channelIds()) {
      for (const message of this.emulator.channelMessages(channelId, { includeDeleted: true })) {
        revisions.set(message.id, message.deletedAt === null ? message.revision : -1);
      }
    }
    return revisions;
  }

  /** What changed since `seen` (messages in `shown` are already on screen); updates `seen`. */
  private changesSince(shown: ReadonlySet<string>): string[] {
    const before = this.seen;
    this.seen = this.snapshot();
    const parts: string[] = [];
    for (const channelId of this.channelIds()) {
      for (const message of this.emulator.channelMessages(channelId, { includeDeleted: true })) {
        if (shown.has(message.id)) continue;
        const previous = before.get(message.id);
        if (message.deletedAt !== null) {
          if (previous !== undefined && previous !== -1) parts.push(this.words.deleted);
        } else if (previous === undefined) {
          const channel = this.emulator.channel(channelId)?.name ?? channelId;
          parts.push(this.show(message, this.words.newMessage(channel)));
        } else if (previous !== message.revision) {
          parts.push(this.show(message, this.words.edited));
        }
      }
    }
    return parts;
  }

  private violations(): string[] {
    const violations = this.emulator.takeViolations();
    if (violations.length === 0) return [];
    return [
      [
        this.words.refused(violations.length),
        ...violations.map(
          (v) => `  - ${v.route} → ${v.status}${v.code ? ` (${v.code})` : ''}: ${v.message}`,
        ),
      ].join('\n'),
    ];
  }

  private renderOptions(label?: string): RenderOptions {
    const guild = this.guild;
    return {
      locale: this.locale,
      ansi: this.options.ansi ?? false,
      width: this.options.width?.() ?? 0,
      timeZone: this.config.DEFAULT_TIMEZONE,
      ...(label !== undefined && { label }),
      names: {
        user: (id) => {
          const member = this.emulator.member(id);
          return member === undefined ? undefined : this.displayName(member);
        },
        channel: (id) => this.emulator.channel(id)?.name,
        role: (id) => guild.roles?.find((role) => role.id === id)?.name,
      },
    };
  }

  /** Renders a message; if it has buttons, numbers now click them. */
  private show(message: StoredMessage, label?: string): string {
    const rendered = renderMessage(message, this.renderOptions(label));
    if (rendered.actions.length > 0) this.target = message.id;
    return rendered.text;
  }
}
