import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseUpload,
  type UploadPreview,
  type UploadResult,
} from '../../src/content/upload/parse-upload';
import {
  describeNotice,
  renderUploadPreview,
  renderUploadProblems,
} from '../../src/texts/core/render-upload';
import type { Section, Text } from '../../src/content/text';
import {
  LONG_SECTION_LENGTH,
  MAX_META_LENGTH,
  MAX_REPORTED_PROBLEMS,
  MAX_SECTIONS,
  MAX_TITLE_LENGTH,
} from '../../src/content/text-limits';
import type { TextWarning } from '../../src/content/text-notice';
import { textWarnings } from '../../src/content/upload/upload-warnings';
import { expectWithinDiscordLimits } from '../support/view-limits';
import { FRONT_MATTER } from '../support/texts';

const OP_ED = new Uint8Array(
  readFileSync(new URL('../../content/sommet-ia-montagne-de-degats.md', import.meta.url)),
);
const IDS = {
  confirm: 'text-add:yes:1300000000000000401:1760000000',
  cancel: 'text-add:no:1300000000000000401',
};
const OPTIONS = {
  id: 'g1-t1',
  plainTextMeta: {
    author: 'Auteur inconnu',
    date: '2025-03-01',
    language: 'fr',
    source: 'https://discord.com/channels/1/2',
  },
};

const upload = (name: string, content: string | Uint8Array): UploadResult =>
  parseUpload(
    { name, bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content },
    OPTIONS,
  );

function previewOf(result: UploadResult): UploadPreview {
  if (!result.ok) throw new Error(`expected a text, got ${JSON.stringify(result.errors)}`);
  return result;
}

describe('renderUploadPreview', () => {
  it('shows title, author, counts, every section and the attribution, with Confirm / Cancel', () => {
    const view = renderUploadPreview(previewOf(upload('op-ed.md', OP_ED)), 'fr', IDS);
    expectWithinDiscordLimits(view);
    expect(view.content).toBe(
      'Voici le texte tel que je l’ai lu. Rien n’est enregistré avant que vous confirmiez.',
    );
    const [embed] = view.embeds ?? [];
    expect(embed?.title).toBe('Aperçu : Sommet de l’IA, montagne de dégâts…');
    expect(embed?.author).toBe('Le Mouton Numérique');
    expect(embed?.url).toBe('https://mouton-numerique.org/');
    expect(embed?.description?.split('\n')).toEqual([
      '3 sections · 9 paragraphes · 10 questions de discussion',
      '',
      '§1 · Un sommet sous influence (titre de la rédaction) — 3 paragraphes · 3 questions de discussion',
      '§2 · L’IA, comme on ne vous en parle pas — 3 paragraphes · 3 questions de discussion',
      '§3 · Faire front : « l’IA » est une lutte sociale — 3 paragraphes · 4 questions de discussion',
    ]);
    expect(embed?.fields).toEqual([]);
    expect(embed?.footer).toBe(
      'Le Mouton Numérique, « Sommet de l’IA, montagne de dégâts… », 10 février 2025 — https://mouton-numerique.org/',
    );
    expect(view.buttons).toEqual([
      [
        { customId: IDS.confirm, label: 'Ajouter ce texte', style: 'success' },
        { customId: IDS.cancel, label: 'Annuler', style: 'secondary' },
      ],
    ]);
    expect(view.pingRoles).toBeUndefined();
  });

  it('shows the warnings of a plain text, in the member’s language', () => {
    const paragraphs = Array.from({ length: 12 }, (_, index) => `Paragraph ${index + 1}.`);
    const result = upload('notes.txt', `Notes\n\n${paragraphs.join('\n\n')}`);
    const view = renderUploadPreview(previewOf(result), 'en', IDS);
    expectWithinDiscordLimits(view);
    const [embed] = view.embeds ?? [];
    expect(embed?.author).toBe('Auteur inconnu');
    expect(embed?.description?.split('\n').slice(0, 3)).toEqual([
      '3 sections · 12 paragraphs · 0 discussion questions',
      '',
      '§1 · Paragraph 1. (editors’ title) — 5 paragraphs',
    ]);
    expect(embed?.fields).toHaveLength(1);
    expect(embed?.fields?.[0]?.name).toBe('Worth checking');
    expect(embed?.fields?.[0]?.value.split('\n')).toEqual([
      '⚠️ No “##” headings: I made one section every 5 paragraphs, titled by its first words. To choose your own sections, add “## Title” lines.',
      '⚠️ A .txt file gives no author, date or source: the preview shows what Tribune will show. To give them, send a .md file.',
      '⚠️ No discussion questions: a reading plan’s weekly prompts will have none. A .md file can give some (“?fr” and “?en” lines at the end of each section).',
    ]);
  });

  it.each([
    ['fr', '1 section · 1 paragraphe · 0 question de discussion', '— 1 paragraphe'],
    ['en', '1 section · 1 paragraph · 0 discussion questions', '— 1 paragraph'],
  ] as const)('counts in %s with the right plurals', (locale, summary, line) => {
    const view = renderUploadPreview(previewOf(upload('a.txt', 'Titre\n\nUn.')), locale, IDS);
    const lines = view.embeds?.[0]?.description?.split('\n') ?? [];
    expect(lines[0]).toBe(summary);
    expect(lines[2]?.endsWith(line)).toBe(true);
  });

  it('shows section titles as typed', () => {
    const source = 'Titre\n\n## **gras** `code` ||x|| <@&1300000000000000202>\n\nUn.';
    const view = renderUploadPreview(previewOf(upload('a.txt', source)), 'fr', IDS);
    expect(view.embeds?.[0]?.description).toContain(
      '§1 · \\*\\*gras\\*\\* \\`code\\` \\|\\|x\\|\\| <@&1300000000000000202> — 1 paragraphe',
    );
  });

  describe('at the limits: 200 sections of the longest titles, every warning', () => {
    const longParagraph = 'x'.repeat(LONG_SECTION_LENGTH + 1);
    const sections: Section[] = Array.from({ length: MAX_SECTIONS }, (_, index) => ({
      number: index + 1,
      title: `**${index + 1}** ${'Un titre de section très long '.repeat(10)}`.slice(
        0,
        MAX_TITLE_LENGTH,
      ),
      editorialTitle: index % 2 === 0,
      paragraphs: index % 3 === 0 ? [longParagraph] : ['Un.', 'Deux.'],
      questions: index % 4 === 0 ? [] : [{ fr: 'Q ?', en: 'Q?' }],
    }));
    const text: Text = {
      id: 'g1-t25',
      title: 'Un titre de texte très long '.repeat(10).slice(0, MAX_TITLE_LENGTH),
      author: 'Une autrice au nom très long '.repeat(10).slice(0, MAX_META_LENGTH.author),
      date: '2025-09-30',
      language: 'fr',
      source: `https://example.org/${'a'.repeat(600)}`.slice(0, MAX_META_LENGTH.source),
      intro: undefined,
      note: undefined,
      credits: undefined,
      sections,
    };
    const plainWarnings: TextWarning[] = [
      { line: undefined, key: 'texts.warning.sectionsByParagraphs', params: { size: 10 } },
      { line: 3, key: 'texts.warning.openingSection', params: {} },
      { line: 4, key: 'texts.warning.joinedLines', params: { count: 1999, line: 4 } },
      { line: undefined, key: 'texts.warning.plainTextMeta', params: {} },
      { line: undefined, key: 'texts.warning.noQuestions', params: {} },
    ];
    const preview: UploadPreview = {
      ok: true,
      text,
      format: 'plain',
      warnings: [...plainWarnings, ...textWarnings(text)],
    };

    it.each(['fr', 'en'] as const)('stays within Discord’s limits (%s)', (locale) => {
      const view = renderUploadPreview(preview, locale, IDS);
      expectWithinDiscordLimits(view);
      const [embed] = view.embeds ?? [];
      const fieldLines = (embed?.fields ?? []).flatMap((field) => field.value.split('\n'));
      expect(fieldLines.filter((line) => line.startsWith('⚠️'))).toHaveLength(7);
      expect(fieldLines.join('\n')).toContain('§1, §4, §7');
      const lines = embed?.description?.split('\n') ?? [];
      const listed = lines.filter((line) => line.startsWith('§')).length;
      expect(listed).toBeGreaterThan(5);
      const more = Number(/(\d+)/.exec(lines.at(-1) ?? '')?.[1]);
      expect(lines.at(-1)).toMatch(
        locale === 'fr' ? /^… et \d+ autres sections\.$/ : /^… and \d+ more sections\.$/,
      );
      expect(listed + more).toBe(MAX_SECTIONS);
    });
  });
});

describe('renderUploadProblems', () => {
  const broken = [
    ...FRONT_MATTER,
    'foo: bar',
    '**gras** ||x|| @everyone',
    '---',
    '## Une',
    '',
    'Un.',
  ].join('\n');

  it('lists each problem with its line, in the member’s language, its quotes shown as typed', () => {
    const result = upload('**cassé**.md', broken);
    if (result.ok) throw new Error('expected problems');
    const view = renderUploadProblems('**cassé**.md', result.errors, 'fr');
    expectWithinDiscordLimits(view);
    const [embed] = view.embeds ?? [];
    expect(embed?.title).toBe('Je ne peux pas ajouter « \\*\\*cassé\\*\\*.md »');
    expect(embed?.description?.split('\n')).toEqual([
      'Ligne 7 : clé d’en-tête inconnue « foo » ; les clés possibles : id, title, author, date, language, source, intro, note, credits.',
      'Ligne 8 : l’en-tête attend des lignes « clé: valeur », pas « \\*\\*gras\\*\\* \\|\\|x\\|\\| @everyone ».',
    ]);
    expect(embed?.footer).toBe(
      'Rien n’a été enregistré. Corrigez le fichier, puis envoyez-le de nouveau.',
    );
    expect(view.buttons).toBeUndefined();
  });

  it('says what is wrong with a file as a whole without a line', () => {
    const result = upload('a.txt', new Uint8Array(10 * 1024 * 1024));
    if (result.ok) throw new Error('expected problems');
    expect(renderUploadProblems('a.txt', result.errors, 'en').embeds?.[0]?.description).toBe(
      'The file is 10240 KB; 512 KB at most, please.',
    );
  });

  it('stays within Discord’s limits with the most problems and the longest file name', () => {
    const junk = '*|`'.repeat(100);
    const source = ['---', ...Array.from({ length: 20 }, () => junk), '---'].join('\n');
    const name = `${'*'.repeat(2000)}.md`;
    const result = upload(name, source);
    if (result.ok) throw new Error('expected problems');
    expect(result.errors).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    for (const locale of ['fr', 'en'] as const) {
      const view = renderUploadProblems(name, result.errors, locale);
      expectWithinDiscordLimits(view);
      expect(view.embeds?.[0]?.description?.split('\n')).toHaveLength(result.errors.length);
    }
  });

  it('shows a warning without its line: its message says where, when it matters', () => {
    expect(describeNotice({ line: 3, key: 'texts.warning.openingSection', params: {} }, 'en')).toBe(
      'The paragraphs before the first “##” heading make section 1, titled by its first words.',
    );
  });
});
