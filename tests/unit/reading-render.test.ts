import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { parseText } from '../../src/content/parse-text';
import { nextOccurrence } from '../../src/reading/core/next-occurrence';
import type { PostRecord, ReadingPlan } from '../../src/reading/core/plan';
import {
  renderClosingPrompt,
  renderPlanPrompt,
  renderSectionPrompt,
} from '../../src/reading/core/render-prompt';
import { renderStatus } from '../../src/reading/core/render-status';
import { MAX_QUESTION_LENGTH } from '../../src/content/text-limits';
import { LIMITS } from '../../src/render/limits';
import { longTextSource } from '../support/long-text';
import { readingPlan } from '../support/reading-plan';
import { expectWithinDiscordLimits } from '../support/view-limits';

const opEd = (await loadLibrary('content')).defaultText;
const longText = parseText(longTextSource(), 'long.md');

function plan(overrides: Partial<ReadingPlan> = {}): ReadingPlan {
  return readingPlan({
    channelId: '1300000000000000302',
    textId: opEd.id,
    roleId: '1300000000000000202',
    ...overrides,
  });
}

function posted(section: number, week: number, threadId?: string): PostRecord {
  return {
    subject: { kind: 'section', section, week },
    localDate: `2026-04-0${week}`,
    scheduledAt: '2026-03-31T16:30:00.000Z',
    postedAt: '2026-03-31T16:30:01.000Z',
    late: false,
    messageId: `m${week}`,
    threadId,
  };
}

describe('renderSectionPrompt', () => {
  it('titles the week by the guild language, shows the whole short section, questions and attribution', () => {
    const section = opEd.sections[1];
    if (!section) throw new Error('no section 2');
    const french = renderSectionPrompt(opEd, section, 2, { locale: 'fr', roleId: 'role' });
    const [embed] = french.embeds ?? [];
    expect(embed?.title).toBe('Semaine 2 — L’IA, comme on ne vous en parle pas');
    expect(embed?.description).not.toContain('/section');
    expect(embed?.description).toContain(section.paragraphs[0]?.slice(0, 40));
    expect(embed?.fields?.map((field) => field.value)).toEqual(section.questions.map((q) => q.fr));
    expect(embed?.footer).toContain('Le Mouton Numérique');
    expect(french.content).toBe('<@&role>');
    expect(french.pingRoles).toEqual(['role']);
    expectWithinDiscordLimits(french);

    const english = renderSectionPrompt(opEd, section, 2, { locale: 'en', roleId: undefined });
    expect(english.embeds?.[0]?.title).toBe('Week 2 — L’IA, comme on ne vous en parle pas');
    expect(english.embeds?.[0]?.fields?.[0]?.value).toBe(section.questions[0]?.en);
    expect(english.pingRoles).toEqual([]);
    expect(english.content).toBe('');
  });

  it('shows the opening of a long section with a /section pointer, within every limit', () => {
    const section = longText.sections[0];
    if (!section) throw new Error('no section');
    for (const locale of ['fr', 'en'] as const) {
      const view = renderSectionPrompt(longText, section, 1, { locale, roleId: 'role' });
      const description = view.embeds?.[0]?.description ?? '';
      expect(description).toMatch(/`\/section section:1 (texte|text):long-texte-essai`\*$/);
      expect(description.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(description.length).toBeGreaterThan(LIMITS.embedDescription / 2);
      expectWithinDiscordLimits(view);
    }
  });

  it('shows the questions of an organiser’s text as written, never as Markdown, each within a field', () => {
    const [first] = opEd.sections;
    if (!first) throw new Error('no section');
    const longest = '*_`|[]>#'.repeat(MAX_QUESTION_LENGTH / 8);
    const section = {
      ...first,
      questions: [
        { fr: '# **Gras** [lien](https://evil.example/) `code` @everyone', en: '> ||spoiler||' },
        { fr: longest, en: '-# ~~barré~~ 1. un' },
      ],
    };
    const text = { ...opEd, sections: [section] };
    const french = renderSectionPrompt(text, section, 1, { locale: 'fr', roleId: undefined });
    expect(french.embeds?.[0]?.fields?.map((field) => field.value)).toEqual([
      '\\# \\*\\*Gras\\*\\* \\[lien\\](https://evil.example/) \\`code\\` @everyone',
      longest.replace(/[*_`|[\]]/g, '\\$&'),
    ]);
    expect(french.pingRoles).toEqual([]);
    expectWithinDiscordLimits(french);
    const english = renderSectionPrompt(text, section, 1, { locale: 'en', roleId: undefined });
    expect(english.embeds?.[0]?.fields?.map((field) => field.value)).toEqual([
      '\\> \\|\\|spoiler\\|\\|',
      '\\-# \\~\\~barré\\~\\~ 1. un',
    ]);
  });

  it('says when a prompt is late, with the due time as a Discord timestamp', () => {
    const section = opEd.sections[0];
    if (!section) throw new Error('no section');
    const view = renderSectionPrompt(opEd, section, 1, {
      locale: 'fr',
      roleId: 'role',
      lateFor: new Date('2026-03-31T16:30:00Z'),
    });
    expect(view.content).toBe(
      '<@&role> ⏰ En retard : cette publication était prévue pour <t:1774974600:F>.',
    );
  });
});

describe('renderPlanPrompt', () => {
  it('renders the next section, with a thread name within 100 characters', () => {
    const prompt = renderPlanPrompt(
      plan({ nextSection: 3, posts: [posted(1, 1), posted(2, 2)] }),
      opEd,
      {
        locale: 'fr',
        pollFollows: false,
      },
    );
    expect(prompt.subject).toEqual({ kind: 'section', section: 3, week: 3 });
    expect(prompt.threadTitle).toBe('Semaine 3 — Faire front : « l’IA » est une lutte sociale');
    expect(
      renderPlanPrompt(plan({ thread: false }), opEd, { locale: 'fr', pollFollows: false })
        .threadTitle,
    ).toBeUndefined();
  });

  it('clips a long thread name to Discord’s 100 characters', () => {
    const long = parseText(
      longTextSource().replace(
        '## Très longue section',
        `## ${'Un titre vraiment très long '.repeat(8)}`,
      ),
      'long.md',
    );
    const prompt = renderPlanPrompt(plan({ textId: long.id }), long, {
      locale: 'en',
      pollFollows: false,
    });
    expect(prompt.threadTitle?.length).toBe(100);
    expect(prompt.threadTitle?.endsWith('…')).toBe(true);
  });

  it('after the last section renders the closing recap with links to each week’s thread', () => {
    const done = plan({
      nextSection: 4,
      posts: [posted(1, 1, 't1'), posted(2, 2, 't2'), posted(3, 3)],
    });
    const prompt = renderPlanPrompt(done, opEd, { locale: 'en', pollFollows: true });
    expect(prompt.subject).toEqual({ kind: 'closing' });
    const [embed] = prompt.view.embeds ?? [];
    expect(embed?.title).toBe('End of the reading: Sommet de l’IA, montagne de dégâts…');
    expect(embed?.description).toContain('**Week 1** — Un sommet sous influence · <#t1>');
    expect(embed?.description).toContain('**Week 3** — Faire front');
    expect(embed?.description).toContain('A poll follows');
    expect(prompt.view.pingRoles).toEqual(['1300000000000000202']);
    expect(prompt.threadTitle).toBe('Wrap-up — Sommet de l’IA, montagne de dégâts…');
    expectWithinDiscordLimits(prompt.view);
    expect(
      renderClosingPrompt(opEd, done.posts, { locale: 'fr', roleId: undefined, pollFollows: false })
        .embeds?.[0]?.description,
    ).not.toContain('sondage');
  });
});

describe('renderStatus', () => {
  it('lists each plan: channel, schedule, progress, next date, last post, misses', () => {
    const active = plan({ nextSection: 2, posts: [{ ...posted(1, 1), late: true }] });
    const paused = plan({
      id: 'plan-2',
      channelId: '42',
      state: 'paused',
      pauseReason: 'channel-deleted',
      misses: [
        {
          localDate: '2026-04-07',
          scheduledAt: '2026-04-07T16:30:00.000Z',
          reason: 'failed',
          at: '2026-04-07T16:31:00.000Z',
          detail: 'HTTP 500',
        },
      ],
    });
    const next = nextOccurrence(active, new Date(active.anchor));
    const view = renderStatus(
      [
        { plan: active, text: opEd, next },
        { plan: paused, text: opEd, next: undefined },
      ],
      'en',
    );
    const [first, second] = view.embeds?.[0]?.fields ?? [];
    expect(first?.value).toContain(
      '<#1300000000000000302> · every Tuesday at 18:30 (Europe/Paris)',
    );
    expect(first?.value).toContain('Progress: section 2 of 3');
    expect(first?.value).toContain(`Next prompt: <t:${next.at.getTime() / 1000}:F>`);
    expect(first?.value).toContain('late');
    expect(second?.value).toContain('Paused: the channel was deleted');
    expect(second?.value).toContain('sending failed after several attempts (HTTP 500)');
    expectWithinDiscordLimits(view);
    expect(renderStatus([], 'fr').content).toContain('/lecture lancer');
  });
});
