import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { MAX_META_LENGTH, MAX_TITLE_LENGTH } from '../../src/content/text-limits';
import {
  renderExport,
  renderRemoveConfirmation,
  renderTextList,
  uploadButtonIds,
} from '../../src/texts/core/render-texts';
import type { TextEntry } from '../../src/texts/core/text-entry';
import { TEXT_LIMITS } from '../../src/texts/text-catalog';
import { expectWithinDiscordLimits } from '../support/view-limits';

const opEd = (await loadLibrary('content')).defaultText;
const ADDED_AT = Date.parse('2026-03-31T08:00:00.000Z');

function entry(index: number, overrides: Partial<TextEntry> = {}): TextEntry {
  return {
    id: `t-${String(index).padStart(12, '0')}`,
    title: `${index} ${'*Un* titre __très__ long, `vraiment` '.repeat(10)}`.slice(
      0,
      MAX_TITLE_LENGTH,
    ),
    author: '@everyone <@&1300000000000000202> '.repeat(10).slice(0, MAX_META_LENGTH.author),
    sections: 200,
    size: 80 * 1024,
    fileName: 'texte.md',
    format: 'markdown',
    addedBy: '1300000000000000402',
    addedAt: ADDED_AT,
    ...overrides,
  };
}

const room = (own: readonly TextEntry[]) => ({
  texts: own.length,
  maxTexts: TEXT_LIMITS.texts,
  bytes: own.reduce((sum, text) => sum + text.size, 0),
  maxBytes: TEXT_LIMITS.bytes,
});

describe('renderTextList', () => {
  it('lists a full server, 25 texts with the longest titles, over pages within Discord’s limits', () => {
    const own = Array.from({ length: TEXT_LIMITS.texts }, (_, index) =>
      entry(index + 1, index % 2 === 0 ? {} : { addedBy: '' }),
    );
    for (const locale of ['fr', 'en'] as const) {
      const first = renderTextList({ builtIn: [opEd], own, room: room(own) }, 0, locale);
      const pages = Number(/\/(\d+)$/.exec(first.embeds?.[0]?.footer ?? '')?.[1]);
      expect(pages).toBeGreaterThan(1);
      const lines: string[] = [];
      for (let page = 0; page < pages; page++) {
        const view = renderTextList({ builtIn: [opEd], own, room: room(own) }, page, locale);
        expectWithinDiscordLimits(view);
        expect(view.pingRoles ?? []).toEqual([]);
        lines.push(...(view.embeds?.[0]?.description ?? '').split('\n'));
      }
      expect(lines).toHaveLength(own.length + 1);
      expect(lines[0]).toContain(opEd.title);
      own.forEach((text, index) => {
        expect(lines[index + 1]).toContain(`\`${text.id}\``);
        // Titles clipped, their Markdown shown as written.
        expect(lines[index + 1]).toContain(`**${index + 1} \\*Un\\* titre \\_\\_très\\_\\_`);
      });
      expect(lines[2]).not.toMatch(/ajouté par|added by/);
      expect(lines[1]).toContain('<@1300000000000000402>');
    }
    // Past the last page (a button from before a removal): the last page.
    const last = renderTextList({ builtIn: [opEd], own, room: room(own) }, 99, 'fr');
    expect(last.embeds?.[0]?.description).toContain(own.at(-1)?.id);
    expect(last.embeds?.[0]?.footer).toMatch(
      /^Place restante : 0 sur 25 textes, 48 Ko sur 2048 Ko\./,
    );
  });

  it('fits one page with only the built-in texts, without page buttons', () => {
    const view = renderTextList({ builtIn: [opEd], own: [], room: room([]) }, 0, 'en');
    expect(view.buttons).toEqual([]);
    expect(view.embeds?.[0]?.footer).toBe('Room left: 25 of 25 texts, 2048 KB of 2048 KB.');
    expectWithinDiscordLimits(view);
  });
});

describe('the other views of /text', () => {
  it('asks before a removal, with buttons for the organiser who asked, within Discord’s limits', () => {
    const view = renderRemoveConfirmation(entry(1), '1300000000000000402', ADDED_AT, 'fr');
    expectWithinDiscordLimits(view);
    expect(view.buttons?.[0]?.map((button) => button.customId)).toEqual([
      `text-remove:t-000000000001:1300000000000000402:${ADDED_AT}`,
      'text-remove-cancel:1300000000000000402',
    ]);
    expect(view.content).toContain(`<t:${ADDED_AT / 1000}:R>`);
    const preview = uploadButtonIds('AbC-_012345z', ADDED_AT);
    expect(preview.confirm).toBe(`text-add:AbC-_012345z:${ADDED_AT}`);
  });

  it('exports under a safe name with the format’s extension, bytes untouched', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x0a]);
    const names = [
      ['Le droit (1880).md', 'markdown', 'Le-droit-1880.md'],
      ['../../etc/passwd.txt', 'plain', 'etc-passwd.txt'],
      ['.md', 'markdown', 't-000000000001.md'],
      ['notes.TXT', 'plain', 'notes.txt'],
    ] as const;
    for (const [fileName, format, expected] of names) {
      const view = renderExport(entry(1, { fileName, format }), { name: fileName, bytes }, 'en');
      expect(view.files?.[0]?.name).toBe(expected);
      expect(view.files?.[0]?.contents).toBe(bytes);
    }
  });
});
