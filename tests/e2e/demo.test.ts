import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { writeContentWithLongText } from '../support/long-text';
import { tempDir } from '../support/temp-dir';
import { MARKDOWN_TEXT } from '../support/texts';

const opEd = (await loadLibrary('content')).defaultText;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each echoed command (`> …`) with what was printed after it. */
  readonly replies: Map<string, string>;
}

/** Runs `npm run demo` as a person would pipe commands into it. */
async function runDemo(
  lines: readonly string[],
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<Run> {
  // tsx itself rather than through npx, which would replace INIT_CWD (where npm was started).
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['scripts/demo.ts', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the demo did not exit within 25 s\n${stdout}\n${stderr}`));
    }, 25_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const replies = new Map<string, string>();
  for (const block of stdout.split(/^> /m).slice(1)) {
    const [command = '', ...rest] = block.split('\n');
    replies.set(command, rest.join('\n').trim());
  }
  return { code, stdout, stderr, replies };
}

describe('npm run demo', () => {
  it('answers piped commands with the real bot and exits cleanly at the end of input', async () => {
    const contentDir = await tempDir();
    await writeContentWithLongText(
      contentDir,
      await readFile('content/sommet-ia-montagne-de-degats.md', 'utf8'),
    );
    const tmp = await tempDir();
    const run = await runDemo(
      [
        '/section 2',
        '/section section:1 texte:long-texte-essai',
        '2',
        '/search surveillance',
        '?section l’ia',
        'lang en',
        '/section 1',
        '/sectoin 2',
        '/search query:"lutte sociale" colour:red',
      ],
      { CONTENT_DIR: contentDir, TMPDIR: tmp },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/local emulator stands in for Discord|émulateur local/);

    const section = run.replies.get('/section 2') ?? '';
    expect(section).toContain('§2 · L’IA, comme on ne vous en parle pas');
    expect(section).toContain(opEd.sections[1]?.paragraphs[0]?.slice(0, 80));
    expect(section).toContain(
      'Le Mouton Numérique, « Sommet de l’IA, montagne de dégâts… », 10 février 2025',
    );

    const paged = run.replies.get('/section section:1 texte:long-texte-essai') ?? '';
    expect(paged).toMatch(/Page 1\/\d+/);
    expect(paged).toMatch(/\[1\] ◀ Précédent \(désactivé\) +\[2\] Suivant ▶/);
    const next = run.replies.get('2') ?? '';
    expect(next).toMatch(/Page 2\/\d+/);
    expect(next).toMatch(/\[1\] ◀ Précédent +\[2\] Suivant ▶/);

    const search = run.replies.get('/search surveillance') ?? '';
    expect(search).toContain('Recherche : « surveillance »');
    expect(search).toMatch(/§\d+ ¶\d+/);
    expect(search).toMatch(/surveillance/i);

    expect(run.replies.get('?section l’ia')).toMatch(/2\. L’IA, comme on ne vous en parle pas/);

    const english = run.replies.get('/section 1') ?? '';
    expect(english).toContain('§1 · Un sommet sous influence (editors’ title)');
    expect(english).toContain('10 February 2025');

    expect(run.replies.get('/sectoin 2')).toMatch(
      /Unknown command “\/sectoin”\. Did you mean \/section\? Commands: \/section, \/search/,
    );
    expect(run.replies.get('/search query:"lutte sociale" colour:red')).toMatch(
      /\/search has no option “colour”\. Options: query \(mots\), text \(texte\), private \(privé\)/,
    );

    // The bot's logs go to a file, not into the conversation; the temp folder is gone.
    expect(run.stdout).not.toMatch(/"level":/);
    expect(run.stderr).not.toMatch(/"level":/);
    expect((await readdir(tmp)).filter((name) => name.startsWith('tribune-demo-'))).toEqual([]);
  });

  it('adds a text from a local file, relative to the folder it was started from', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'paresse.md'), MARKDOWN_TEXT);
    const run = await runDemo(
      [
        '/text add file:./paresse.md',
        'as camille',
        '/texte ajouter fichier:./paresse.md',
        '1',
        '/section texte:paresse section:1 paragraphe:1',
        '/text add file:./absent.md',
        '/text add file:.',
      ],
      { INIT_CWD: folder },
    );
    expect(run.code, run.stderr).toBe(0);
    // Bastien, the default member, may not manage the server.
    expect(run.replies.get('/text add file:./paresse.md')).toContain('Gérer le serveur');
    const preview = run.replies.get('/texte ajouter fichier:./paresse.md') ?? '';
    expect(preview).toMatch(/^Tribune \(visible par vous seul·e\)/);
    expect(preview).toContain('Aperçu : Le Droit à la paresse');
    expect(preview).toMatch(/\[1\] Ajouter ce texte +\[2\] Annuler/);
    expect(run.replies.get('1')).toContain('Texte ajouté : « Le Droit à la paresse »');
    expect(run.replies.get('/section texte:paresse section:1 paragraphe:1')).toContain(
      'Une étrange folie possède les classes ouvrières',
    );
    expect(run.replies.get('/text add file:./absent.md')).toMatch(
      /^Je ne peux pas lire le fichier « \.\/absent\.md » : ENOENT/,
    );
    expect(run.replies.get('/text add file:.')).toBe('« . » n’est pas un fichier.');
  });

  it('starts in English with --lang en and marks private replies', async () => {
    const run = await runDemo(['/section 3 paragraph:2 private:yes', 'quit', '/section'], {}, [
      '--lang',
      'en',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('A local emulator stands in for Discord');
    const reply = run.replies.get('/section 3 paragraph:2 private:yes') ?? '';
    expect(reply).toMatch(/^Tribune \(visible only to you\)/);
    expect(reply).toContain('§3 · Faire front : « l’IA » est une lutte sociale · ¶2');
    expect(run.replies.get('quit')).toBe('Goodbye.');
    expect(run.replies.has('/section')).toBe(false);
  });

  it('runs the README’s demo session as written: every line answered, nothing refused', async () => {
    const readme = await readFile('README.md', 'utf8');
    const session = /A session to\s+try[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)?.[1];
    const lines = (session ?? '').split('\n').filter((line) => line !== '');
    expect(lines).toContain('as camille');
    const run = await runDemo(lines, {});
    expect(run.code, run.stderr).toBe(0);
    for (const line of lines) {
      const reply = run.replies.get(line);
      expect(reply, line).toBeTruthy();
      expect(reply, line).not.toMatch(
        /permission|n’a pas été créé|inconnu|Désolé|Unknown|Sorry|not created|Erreur|Error/,
      );
    }
    expect(run.replies.get('/poll export "Quel jour ?"')).toContain('│ 1,lundi,1,100');
    expect(run.replies.get('/reading status')).toContain('#club-lecture');
  });
});
