// `npm run demo`: try Tribune without a Discord account. A local emulator stands in for Discord,
// the real bot connects to it, and you type slash commands in the terminal (or pipe them in).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import { parseArgs } from 'node:util';
import { projectRoot, withProjectPaths } from '../src/config/project-paths';
import { startupFailureText } from '../src/describe-startup-error';
import type { DemoLocale } from './demo/command-defs';
import { demoLocale } from './demo/messages';
import { DemoSession } from './demo/session';

const USAGE = `Usage: npm run demo [-- --lang fr|en] [--log FILE] [--no-color]

Starts a local Discord emulator and the real Tribune bot, then reads commands:
interactively in a terminal, or one per line from standard input (printf '/section 2\\n' | npm run demo).
Type "help" once started. Content comes from content/ (or CONTENT_DIR).`;

function options(): { locale: DemoLocale; logFile?: string; color: boolean } | string {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        lang: { type: 'string' },
        log: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`;
  }
  const { values } = parsed;
  if (values.help === true) return USAGE;
  const locale = demoLocale(values.lang ?? 'fr');
  if (locale === undefined) return `--lang: fr or en, not "${values.lang ?? ''}".\n\n${USAGE}`;
  return {
    locale,
    ...(values.log !== undefined && { logFile: values.log }),
    color: values['no-color'] !== true && process.env.NO_COLOR === undefined,
  };
}

const SCHEMA_CHECKS_OFF: Record<DemoLocale, string> = {
  fr: '(Installation de production : l’émulateur ne vérifie pas les requêtes du bot avec les schémas de l’API Discord, seulement ses limites ; `npm ci` les installe.)\n',
  en: "(Production install: the emulator does not check the bot's requests against Discord's API schemas, only its limits; `npm ci` installs them.)\n",
};

let outputClosed = false;

function print(text: string): void {
  if (!outputClosed) console.log(text);
}

async function main(): Promise<number> {
  const chosen = options();
  if (typeof chosen === 'string') {
    print(chosen);
    return chosen === USAGE ? 0 : 2;
  }
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  const ansi = chosen.color && process.stdout.isTTY;
  if (interactive) print(chosen.locale === 'fr' ? 'Démarrage…' : 'Starting…');

  // CONTENT_DIR, when relative, starts from Tribune's folder, as for the bot.
  const env = withProjectPaths(process.env);
  let session: DemoSession;
  try {
    session = await DemoSession.start({
      locale: chosen.locale,
      ansi,
      width: () => (process.stdout.isTTY ? process.stdout.columns : 0),
      env,
      // npm runs scripts from Tribune's folder; file paths start where the person typed the command.
      cwd: process.env.INIT_CWD ?? process.cwd(),
      ...(chosen.logFile !== undefined && { logFile: chosen.logFile }),
    });
  } catch (error) {
    process.stderr.write(startupFailureText('The demo could not start', error, env));
    return 1;
  }

  print(`${session.banner()}\n`);
  // A production install has no discord-api-spec: the build gave the emulator schemas that accept
  // anything (scripts/build.ts). Say so once.
  if (!existsSync(join(projectRoot(), 'node_modules/discord-api-spec/package.json'))) {
    print(SCHEMA_CHECKS_OFF[chosen.locale]);
  }
  const lines = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
    historySize: 200,
  });
  const close = () => {
    lines.close();
  };
  // Output piped into `head` and closed: stop reading, clean up, exit quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    outputClosed = true;
    close();
  });
  lines.on('SIGINT', close);
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  let quit = false;
  let busy = false;
  // In a terminal, show what the bot posts or edits on its own (scheduled posts, delayed updates).
  const watcher = interactive
    ? setInterval(() => {
        if (busy) return;
        const changes = session.takeChanges();
        if (changes === '') return;
        clearLine(process.stdout, 0);
        cursorTo(process.stdout, 0);
        print(`${changes}\n`);
        lines.prompt(true);
      }, 1000)
    : undefined;
  try {
    if (interactive) {
      lines.setPrompt(session.prompt());
      lines.prompt();
    }
    for await (const line of lines) {
      busy = true;
      const changes = session.takeChanges();
      if (changes !== '') print(`${changes}\n`);
      if (!interactive && line.trim() !== '') print(`> ${line}`);
      try {
        const outcome = await session.handle(line);
        if (outcome.output !== '') print(`${outcome.output}\n`);
        quit = outcome.quit;
      } catch (error) {
        print(`${session.words.failed(error instanceof Error ? error.message : String(error))}\n`);
      }
      if (quit || outputClosed) break;
      if (interactive) {
        lines.setPrompt(session.prompt());
        lines.prompt();
      }
      busy = false;
    }
  } finally {
    clearInterval(watcher);
    lines.close();
    process.off('SIGINT', close);
    process.off('SIGTERM', close);
    if (!quit && interactive) print(`\n${session.words.goodbye}`);
    await session.stop();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; never let a stray handle keep the terminal waiting.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
