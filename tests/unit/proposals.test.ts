import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/content/fold';
import { UserError } from '../../src/errors/user-error';
import { validatePoll } from '../../src/polls/core/parse-poll-options';
import { POLL_LIMITS } from '../../src/polls/core/poll';
import { checkProposal } from '../../src/proposals/core/check-proposal';
import { dedupeKeys, foldLink, foldTitle } from '../../src/proposals/core/dedupe';
import {
  PROPOSAL_LIMITS,
  proposalId,
  type Proposal,
  type ProposalInput,
} from '../../src/proposals/core/proposal';
import { optionLabels, proposalsBallot } from '../../src/proposals/core/proposals-poll';
import { packPages, renderProposalList } from '../../src/proposals/core/render-list';
import { hostileString } from '../support/hostile-strings';
import { expectWithinDiscordLimits } from '../support/view-limits';

/** The key of the `UserError` a call throws (any other error fails the test). */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof UserError) return error.key;
    throw error;
  }
}

function proposal(index: number, overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: proposalId(1_775_000_000_000 + index * 60_000, index, 'abcd'),
    guildId: '1300000000000000100',
    title: `Texte ${index}`,
    proposedBy: '1300000000000000403',
    proposedAt: 1_775_000_000_000 + index * 60_000,
    ...overrides,
  };
}

describe('checkProposal', () => {
  it('keeps a title, an http(s) link and a note, spacing tidied and the link normalised', () => {
    expect(
      checkProposal({
        title: '  L’État   et la révolution ',
        link: ' HTTPS://Example.org/lénine ',
        note: 'Court,\u00a0et  d’actualité',
      }),
    ).toEqual({
      title: 'L’État et la révolution',
      link: 'https://example.org/l%C3%A9nine',
      note: 'Court, et d’actualité',
    });
    expect(checkProposal({ title: 'Sans lien', link: '', note: ' ' })).toEqual({
      title: 'Sans lien',
    });
  });

  it.each<[string, ProposalInput, string]>([
    ['an empty title', { title: '   ' }, 'proposal.error.titleEmpty'],
    ['a 2,000-character title', { title: 'a'.repeat(2000) }, 'proposal.error.titleTooLong'],
    ['a 501-character note', { title: 'T', note: 'n'.repeat(501) }, 'proposal.error.noteTooLong'],
    [
      'an ftp:// link',
      { title: 'T', link: 'ftp://example.org/t.pdf' },
      'proposal.error.linkInvalid',
    ],
    [
      'a javascript: link',
      { title: 'T', link: 'javascript:alert(1)' },
      'proposal.error.linkInvalid',
    ],
    ['a bare domain', { title: 'T', link: 'example.org' }, 'proposal.error.linkInvalid'],
    ['a link with spaces', { title: 'T', link: 'https://a.org/x y' }, 'proposal.error.linkInvalid'],
    [
      'a 513-character link',
      { title: 'T', link: `https://example.org/${'x'.repeat(493)}` },
      'proposal.error.linkTooLong',
    ],
    ['@everyone in the title', { title: 'Lisez @everyone' }, 'proposal.error.mention'],
    ['@here in the note', { title: 'T', note: 'hey @HERE' }, 'proposal.error.mention'],
    ['@everyone glued to a word', { title: 'T', note: 'x@everyoneee' }, 'proposal.error.mention'],
    ['a member mention', { title: 'De <@!1300000000000000401>' }, 'proposal.error.mention'],
    ['a role mention', { title: 'T', note: '<@&1300000000000000202>' }, 'proposal.error.mention'],
    [
      '@everyone in the link',
      { title: 'T', link: 'https://a.org/@everyone' },
      'proposal.error.mention',
    ],
  ])('refuses %s', (_, input, key) => {
    expect(refusal(() => checkProposal(input))).toBe(key);
  });

  it('accepts every limit exactly', () => {
    const { titleLength, noteLength, linkLength } = PROPOSAL_LIMITS;
    const link = `https://example.org/${'x'.repeat(linkLength - 'https://example.org/'.length)}`;
    const checked = checkProposal({
      title: 't'.repeat(titleLength),
      link,
      note: 'n'.repeat(noteLength),
    });
    expect(checked.link).toHaveLength(linkLength);
  });

  it('throws nothing but a UserError, whatever is typed, and what it keeps is within the limits', () => {
    const input = fc.record({
      title: fc.oneof(hostileString(260), fc.string({ maxLength: 2100 })),
      link: fc.option(
        fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), hostileString(600)),
        { nil: undefined },
      ),
      note: fc.option(hostileString(600), { nil: undefined }),
    });
    fc.assert(
      fc.property(input, (typed) => {
        let checked;
        try {
          checked = checkProposal(typed);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          return;
        }
        expect(checked.title.length).toBeGreaterThan(0);
        expect(checked.title.length).toBeLessThanOrEqual(PROPOSAL_LIMITS.titleLength);
        expect(checked.note?.length ?? 0).toBeLessThanOrEqual(PROPOSAL_LIMITS.noteLength);
        expect(checked.link?.length ?? 0).toBeLessThanOrEqual(PROPOSAL_LIMITS.linkLength);
        expect(checked.link ?? 'https:').toMatch(/^https?:/);
        expect(`${checked.title} ${checked.note ?? ''}`).not.toMatch(
          /@everyone|@here|<@[!&]?\d+>/i,
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('dedupe folding', () => {
  it('ignores accents, case, spacing and punctuation in titles', () => {
    expect(foldTitle('L’État et la Révolution')).toBe('l etat et la revolution');
    expect(foldTitle("  l'etat ET   la revolution.")).toBe('l etat et la revolution');
    expect(foldTitle('Œuvres — « choisies »')).toBe(foldTitle('oeuvres choisies'));
    expect(foldTitle('!!!')).toBe('!!!');
  });

  it('ignores the scheme, www., the fragment, trailing slashes, escapes and case in links', () => {
    const same = [
      'https://www.example.org/Lénine/',
      'http://example.org/lenine#chapitre-2',
      'https://EXAMPLE.org/l%C3%A9nine',
    ];
    expect(new Set(same.map(foldLink)).size).toBe(1);
    expect(foldLink('https://example.org/lenine?page=2')).not.toBe(
      foldLink('https://example.org/lenine'),
    );
  });

  it('is idempotent, and finds a title again whatever its accents, case and spacing', () => {
    const accented = fc.constantFrom(...'aàâäeéèêëiîïoôöuùûüçœæAÀÉÈÇŒ'.split(''));
    const title = fc
      .array(fc.oneof(accented, fc.constantFrom(' ', '  ', '’', "'", '-', 'x', 'L', '1')), {
        minLength: 1,
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(title, hostileString(200)), (typed) => {
        expect(foldTitle(foldTitle(typed))).toBe(foldTitle(typed));
      }),
      { numRuns: 500 },
    );
    // Another member types it with other accents, case and spacing: the same key.
    const variant = (text: string) =>
      text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/ /g, '   ');
    fc.assert(
      fc.property(title, (typed) => {
        expect(foldTitle(variant(typed))).toBe(foldTitle(typed));
      }),
      { numRuns: 500 },
    );
  });

  it('claims the title, and the link when there is one', () => {
    expect(dedupeKeys({ title: 'Le Capital' })).toEqual([{ on: 'title', value: 'le capital' }]);
    expect(dedupeKeys({ title: 'Le Capital', link: 'https://marxists.org/capital/' })).toEqual([
      { on: 'title', value: 'le capital' },
      { on: 'link', value: 'marxists.org/capital' },
    ]);
  });
});

describe('proposalId', () => {
  it('sorts by time, then by the order one process made them, whatever the random part', () => {
    const ids = [0, 1, 999, 1_775_000_000_000, 1_775_000_000_001, 99_999_999_999_999].map(
      (at, index) => proposalId(at, 100 - index, 'ffff'),
    );
    expect([...ids].sort()).toEqual(ids);
    const sameMillisecond = [0, 1, 35, 36, 1_679_615].map((sequence) =>
      proposalId(1_775_000_000_000, sequence, sequence % 2 === 0 ? 'ffff' : '0000'),
    );
    expect([...sameMillisecond].sort()).toEqual(sameMillisecond);
    expect(ids.every((id) => !id.includes(':'))).toBe(true);
  });
});

describe('the poll of proposals', () => {
  it('refuses to post a poll of no proposal, or of one', () => {
    expect(refusal(() => proposalsBallot([], 'fr'))).toBe('proposal.vote.none');
    expect(refusal(() => proposalsBallot([proposal(1)], 'fr'))).toBe('proposal.vote.single');
  });

  it('takes the 20 oldest, says how many wait, and is a valid poll', () => {
    const open = Array.from({ length: 25 }, (_, index) => proposal(index + 1));
    const ballot = proposalsBallot(open, 'fr');
    expect(ballot.chosen.map((chosen) => chosen.title)).toEqual(
      open.slice(0, 20).map((chosen) => chosen.title),
    );
    expect(ballot.left).toBe(5);
    expect(ballot.poll.question).toBe(
      'Quel texte lire ensuite ? (les 20 propositions les plus anciennes sur 25 ; les autres attendent le prochain vote)',
    );
    expect(validatePoll(ballot.poll, { anonymousAvailable: false }).ok).toBe(true);
    const two = proposalsBallot(open.slice(0, 2), 'en');
    expect(two.poll.question).toBe('Which text shall we read next?');
    expect(two.left).toBe(0);
  });

  it('cuts long titles visibly, and keeps cut titles that begin alike apart', () => {
    const long =
      'Une très longue histoire du mouvement ouvrier en France et en Europe, de 1830 à 1914, ';
    const labels = optionLabels([
      `${long}tome premier : les origines`,
      `${long}tome second : la Commune`,
      'Court',
    ]);
    expect(labels[0]).toHaveLength(POLL_LIMITS.optionLength);
    expect(labels[0]?.endsWith('…')).toBe(true);
    expect(labels[1]).toMatch(/… \(2\)$/);
    expect(labels[2]).toBe('Court');
    expect(new Set(labels.map(fold)).size).toBe(3);
  });

  it('is a valid poll for any 2 to 25 distinct titles of up to 200 characters', () => {
    const titles = fc.uniqueArray(
      fc
        .string({ minLength: 1, maxLength: PROPOSAL_LIMITS.titleLength })
        .map((title) => title.replace(/\s+/g, ' ').trim())
        .filter((title) => title !== ''),
      { minLength: 2, maxLength: 25, selector: foldTitle },
    );
    fc.assert(
      fc.property(titles, (list) => {
        const ballot = proposalsBallot(
          list.map((title, index) => proposal(index, { title })),
          'en',
        );
        const validation = validatePoll(ballot.poll, { anonymousAvailable: false });
        expect(validation.ok, JSON.stringify(validation)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderProposalList', () => {
  it('numbers the proposals oldest first, with link, note, proposer and date', () => {
    const view = renderProposalList(
      [
        proposal(1, { title: 'Le *Capital*', link: 'https://example.org/capital', note: '> vite' }),
        proposal(2, { title: 'Sans lien', proposedBy: '1300000000000000401' }),
      ],
      0,
      'fr',
    );
    const [embed] = view.embeds ?? [];
    expect(embed?.title).toBe('📚 Propositions pour le prochain texte');
    expect(embed?.description).toBe(
      [
        `**1.** [**Le \\*Capital\\***](<https://example.org/capital>) — proposé par <@1300000000000000403> <t:1775000060:R>\n> \\> vite`,
        `**2.** **Sans lien** — proposé par <@1300000000000000401> <t:1775000120:R>`,
      ].join('\n\n'),
    );
    expect(embed?.footer).toBe('2 propositions en attente');
    expect(view.buttons).toEqual([]);
    expect(renderProposalList([], 0, 'en').content).toBe(
      'No proposals yet. `/proposal add` to propose a text.',
    );
  });

  it('pages 100 proposals at their longest within Discord’s limits, every one on a page', () => {
    const longest = Array.from({ length: PROPOSAL_LIMITS.openPerServer }, (_, index) =>
      proposal(index, {
        // Every character escaped: the longest an entry can get.
        title: `${index}${'*'.repeat(PROPOSAL_LIMITS.titleLength - String(index).length)}`,
        link: `https://example.org/${'x'.repeat(PROPOSAL_LIMITS.linkLength - 20)}`,
        note: '_'.repeat(PROPOSAL_LIMITS.noteLength),
      }),
    );
    const first = renderProposalList(longest, 0, 'en');
    const footer = first.embeds?.[0]?.footer ?? '';
    const pages = Number(/Page 1\/(\d+)/.exec(footer)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const shown: string[] = [];
    for (let page = 0; page < pages; page += 1) {
      const view = renderProposalList(longest, page, 'en');
      expectWithinDiscordLimits(view);
      shown.push(
        ...[...(view.embeds?.[0]?.description ?? '').matchAll(/^\*\*(\d+)\.\*\*/gm)].map(
          (m) => m[1] ?? '',
        ),
      );
    }
    expect(shown).toEqual(longest.map((_, index) => String(index + 1)));
    // A page past the end (the list shrank since the buttons were drawn) shows the last one.
    expect(renderProposalList(longest, 999, 'en').embeds?.[0]?.footer).toContain(
      `Page ${pages}/${pages}`,
    );
  });

  it('packs entries in order, at most so many a page and within the size', () => {
    expect(packPages(['aaa', 'bb', 'c', 'dddd'], 7, 10)).toEqual([
      ['aaa', 'bb'],
      ['c', 'dddd'],
    ]);
    expect(packPages(['a', 'b', 'c'], 100, 2)).toEqual([['a', 'b'], ['c']]);
    expect(packPages(['too long'], 3, 2)).toEqual([['too long']]);
    expect(packPages([], 10, 2)).toEqual([]);
  });
});
