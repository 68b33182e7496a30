import { describe, expect, it } from 'vitest';
import { applyVote } from '../../src/polls/core/apply-vote';
import type { PollRecord, Tally } from '../../src/polls/core/poll';
import { renderExport, toCsv } from '../../src/polls/core/render-export';
import { renderPollMessage } from '../../src/polls/core/render-poll';
import { renderResults } from '../../src/polls/core/render-results';
import { renderMyVote, renderVoteReply } from '../../src/polls/core/render-vote';
import { LIMITS } from '../../src/render/limits';
import { expectWithinDiscordLimits } from '../support/view-limits';

const CREATED = Date.UTC(2026, 2, 1, 18, 0);

function poll(overrides: Partial<PollRecord> = {}): PollRecord {
  return {
    id: 'AbC-123_xyz',
    guildId: '1',
    channelId: '2',
    messageId: '3',
    creatorKey: '4',
    question: 'Que lit-on ensuite ?',
    options: ['Dune', 'Solaris', 'Fondation'],
    maxChoices: 1,
    anonymous: false,
    results: 'live',
    locale: 'fr',
    createdAt: CREATED,
    closesAt: CREATED + 86_400_000,
    ...overrides,
  };
}

const tally = (counts: number[], voters = counts.reduce((a, b) => a + b, 0)): Tally => ({
  counts,
  voters,
});

/** The worst case for length: 20 options of 80 Markdown characters (each doubles when escaped). */
const WORST = poll({
  question: '*'.repeat(300),
  options: Array.from({ length: 20 }, (_, index) => `${index + 1}`.padEnd(80, '_')),
  maxChoices: 20,
  anonymous: true,
  results: 'hidden',
  roleId: '123456789012345678',
});

describe('renderPollMessage', () => {
  it('shows question, settings, deadline, voters, one field per option with bar, count and percent', () => {
    const view = renderPollMessage(poll(), tally([1, 2, 0]));
    const [embed] = view.embeds ?? [];
    expect(embed?.title).toBe('📊 Sondage');
    expect(embed?.description).toBe(
      [
        'Que lit-on ensuite ?',
        '',
        'Un seul choix',
        `⏳ Clôture <t:${(CREATED + 86_400_000) / 1000}:R> · 👥 3 votants`,
        '🏆 En tête : 2. Solaris',
      ].join('\n'),
    );
    expect(embed?.fields).toEqual([
      { name: '1\\. Dune', value: '`███░░░░░░░` **1** · 33 %' },
      { name: '2\\. Solaris', value: '`███████░░░` **2** · 67 %' },
      { name: '3\\. Fondation', value: '`░░░░░░░░░░` **0** · 0 %' },
    ]);
    expect(view.buttons?.map((row) => row.map((button) => button.customId))).toEqual([
      ['poll:AbC-123_xyz:0', 'poll:AbC-123_xyz:1', 'poll:AbC-123_xyz:2'],
      ['poll-mine:AbC-123_xyz', 'poll-results:AbC-123_xyz', 'poll-close:AbC-123_xyz'],
    ]);
    expect(view.buttons?.[1]?.map((button) => button.label)).toEqual([
      'Mon vote',
      'Résultats',
      'Clore',
    ]);
    expectWithinDiscordLimits(view);
  });

  it('speaks the poll’s language', () => {
    const view = renderPollMessage(poll({ locale: 'en', maxChoices: 2 }), tally([1, 0, 0]));
    expect(view.embeds?.[0]?.description).toContain('Up to 2 choices');
    expect(view.embeds?.[0]?.description).toContain('👥 1 voter');
    expect(view.embeds?.[0]?.fields?.[0]?.value).toContain('100%');
    expect(view.buttons?.[1]?.map((button) => button.label)).toEqual([
      'My vote',
      'Results',
      'Close',
    ]);
  });

  it('hides counts of a hidden-results poll until it closes, but not the number of voters', () => {
    const hidden = poll({ results: 'hidden' });
    const open = renderPollMessage(hidden, tally([3, 1, 0]));
    expect(open.embeds?.[0]?.fields?.map((field) => field.value)).toEqual([
      '\u200b',
      '\u200b',
      '\u200b',
    ]);
    expect(open.embeds?.[0]?.description).toContain('👥 4 votants');
    expect(open.embeds?.[0]?.description).not.toContain('En tête');
    const closed = renderPollMessage({ ...hidden, closedAt: CREATED + 1000 }, tally([3, 1, 0]));
    expect(closed.embeds?.[0]?.fields?.[0]?.value).toContain('**3**');
  });

  it('once closed: every button disabled, the winner or the tie named', () => {
    const closed = poll({ closedAt: CREATED + 60_000 });
    const view = renderPollMessage(closed, tally([2, 0, 2]));
    expect(view.embeds?.[0]?.title).toBe('📊 Sondage clos');
    expect(view.embeds?.[0]?.description).toContain(`🔒 Clos <t:${(CREATED + 60_000) / 1000}:R>`);
    expect(view.embeds?.[0]?.description).toContain('⚖️ Égalité : 1. Dune et 3. Fondation');
    expect(view.buttons?.flat().every((button) => button.disabled === true)).toBe(true);
    expect(renderPollMessage(closed, tally([0, 0, 0])).embeds?.[0]?.description).toContain(
      'Aucun vote.',
    );
  });

  it('escapes Markdown in the question and options, never in button labels', () => {
    const view = renderPollMessage(
      poll({ question: '**Gras** et @everyone', options: ['_a_', '<@123>'] }),
      tally([0, 0]),
    );
    expect(view.embeds?.[0]?.description).toContain('\\*\\*Gras\\*\\* et @everyone');
    expect(view.embeds?.[0]?.fields?.[0]?.name).toBe('1\\. \\_a\\_');
    expect(view.buttons?.[0]?.[0]?.label).toBe('1. _a_');
    expect(view.pingRoles).toBeUndefined();
  });

  it('fits Discord at the limits: 300-character question, 20 options of 80 Markdown characters', () => {
    for (const state of [WORST, { ...WORST, closedAt: CREATED + 1 }]) {
      const view = renderPollMessage(
        state,
        tally(
          Array.from({ length: 20 }, () => 7),
          7,
        ),
      );
      expectWithinDiscordLimits(view);
      expect(view.buttons).toHaveLength(5);
      expect(view.buttons?.map((row) => row.length)).toEqual([5, 5, 5, 5, 3]);
    }
  });

  it('clips a tie between twenty long options to what is left of the embed', () => {
    const closed = { ...WORST, results: 'live' as const, closedAt: CREATED + 1 };
    const view = renderResults(
      closed,
      tally(
        Array.from({ length: 20 }, () => 3),
        3,
      ),
      'fr',
      'final',
    );
    expectWithinDiscordLimits(view);
    expect(view.embeds?.[0]?.description).toContain('⚖️ Égalité : 1');
    expect(view.embeds?.[0]?.description?.endsWith('…')).toBe(true);
  });
});

describe('vote replies', () => {
  it('names the member’s choices and how to change them', () => {
    const single = poll();
    expect(renderVoteReply(single, applyVote(undefined, 1, 1, 0), 'fr').content).toBe(
      'Votre vote : 2. Solaris\nCliquez sur une autre option pour changer d’avis, ou à nouveau sur la vôtre pour retirer votre vote.',
    );
    const multiple = poll({ maxChoices: 2, locale: 'en' });
    expect(renderMyVote(multiple, [0, 2], 'en').content).toBe(
      'Your vote: 1. Dune and 3. Fondation\nClick an option to add or remove it (2 at most).',
    );
    expect(renderMyVote(single, [], 'en').content).toBe('You have no vote in this poll.');
  });

  it('says a vote taken back was withdrawn, and how to vote again', () => {
    const single = poll();
    const withdrawn = applyVote({ choices: [1] }, 1, 1, 10_000);
    expect(renderVoteReply(single, withdrawn, 'fr').content).toBe(
      'Votre vote (2. Solaris) est retiré.\nVous n’avez pas de vote dans ce sondage. Cliquez sur une option pour voter à nouveau.',
    );
    expect(renderVoteReply(single, withdrawn, 'en').content).toBe(
      'Your vote (2. Solaris) is withdrawn.\nYou have no vote in this poll. Click an option to vote again.',
    );
    const multiple = poll({ maxChoices: 2 });
    expect(
      renderVoteReply(multiple, applyVote({ choices: [0, 2] }, 0, 2, 10_000), 'en').content,
    ).toBe(
      'Your vote (1. Dune) is withdrawn.\nYour vote: 3. Fondation\nClick an option to add or remove it (2 at most).',
    );
    const anonymous = renderVoteReply(poll({ anonymous: true }), withdrawn, 'fr').content ?? '';
    expect(anonymous.match(/Sondage anonyme/g)).toHaveLength(1);
  });

  it('explains the limit', () => {
    const applied = applyVote({ choices: [0, 1] }, 2, 2, 0);
    expect(renderVoteReply(poll({ maxChoices: 2 }), applied, 'fr').content).toContain(
      'Vous avez déjà choisi 2 options, le maximum : 1. Dune et 2. Solaris.',
    );
  });

  it('tells an anonymous poll’s voters that no id is kept', () => {
    expect(renderMyVote(poll({ anonymous: true }), [0], 'fr').content).toContain('Sondage anonyme');
  });

  it('names twenty long choices by number when their text would overflow a message', () => {
    const all = Array.from({ length: 20 }, (_, index) => index);
    const content = renderMyVote(WORST, all, 'fr').content ?? '';
    expect(content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(content).toContain('Votre vote : 1, 2, 3');
  });
});

describe('renderExport', () => {
  it('writes one row per option, then voters per option, with a BOM and CRLF', () => {
    const view = renderExport(
      poll({ options: ['Dune', 'Solaris, 2e édition', '=1+1'] }),
      tally([2, 1, 0], 2),
      [
        ['111', { choices: [0] }],
        ['222', { choices: [0, 1] }],
      ],
      'en',
    );
    expect(view.files?.[0]?.name).toBe('poll-AbC-123_xyz.csv');
    expect(view.files?.[0]?.contents).toBe(
      '\uFEFF' +
        [
          'number,option,votes,percent of voters',
          '1,Dune,2,100',
          '2,"Solaris, 2e édition",1,50',
          "3,'=1+1,0,0",
          '',
          'number,option,voter id',
          '1,Dune,111',
          '1,Dune,222',
          '2,"Solaris, 2e édition",222',
          '',
        ].join('\r\n'),
    );
    expect(view.content).toContain('Export of the poll “Que lit-on ensuite ?” (👥 2 voters).');
  });

  it('gives counts only for anonymous polls', () => {
    const view = renderExport(poll({ anonymous: true }), tally([1, 0, 0]), undefined, 'fr');
    expect(String(view.files?.[0]?.contents).split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(view.content).toContain('Sondage anonyme');
  });

  it('quotes what CSV needs quoted', () => {
    expect(toCsv([['a"b', 'c\nd', '+x', 3]])).toBe('"a""b","c\nd",\'+x,3\r\n');
  });
});
