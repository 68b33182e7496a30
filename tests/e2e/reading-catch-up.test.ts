import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/content/load-library';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { manualClock, pause, prompts, reading, waitForPrompts } from '../support/reading';
import { until } from '../support/until';

const opEd = (await loadLibrary('content')).defaultText;
const CLUB = DEFAULT_IDS.clubChannel;
const START = { channel: CLUB, weekday: 'mardi', time: '18:30', role: DEFAULT_IDS.readerRole };

/** Tuesday 31 March 2026: 10:00 in Paris, and the plan's 18:30 (16:30 UTC). */
const TUESDAY_MORNING = '2026-03-31T08:00:00.000Z';
const DUE = Date.parse('2026-03-31T16:30:00.000Z') / 1000;
const NEXT_TUESDAY = Date.parse('2026-04-07T16:30:00.000Z') / 1000;

/** A plan started Tuesday morning, then the bot down over the evening, back at `backAt`. */
async function downOverTheEvening(backAt: string, env: Record<string, string> = {}) {
  const clock = manualClock(TUESDAY_MORNING);
  const first = await startTestBot({ clock, env });
  await reading(first.emulator, 'start', START).reply();
  await first.stop();
  clock.set(backAt);
  const back = await first.restart({ clock, env });
  return { emulator: first.emulator, back, clock };
}

describe('occurrences missed while the bot was down', () => {
  it('are posted on start when inside the grace window, marked late', async () => {
    const { emulator, back } = await downOverTheEvening('2026-03-31T18:30:00.000Z');
    const [prompt] = await waitForPrompts(emulator, 1);
    expect(prompt?.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
    expect(prompt?.content).toBe(
      `<@&${DEFAULT_IDS.readerRole}> ⏰ En retard : cette publication était prévue pour <t:${DUE}:F>.`,
    );
    await until(() => back.logs.some((line) => line.msg === 'reading prompt posted'));
    expect(emulator.threads(CLUB)).toHaveLength(1);
    const status = await reading(emulator, 'status').reply();
    expect(status.embeds[0]?.fields?.[0]?.value).toContain('en retard');
    expect(status.embeds[0]?.fields?.[0]?.value).toContain('Progression : section 2 sur 3');
    expect(status.embeds[0]?.fields?.[0]?.value).toContain(`<t:${NEXT_TUESDAY}:F>`);
  });

  it('are skipped and shown in status when older than the grace window; the plan goes on', async () => {
    const { emulator, back } = await downOverTheEvening('2026-04-01T06:00:00.000Z');
    await until(() => back.logs.some((line) => line.msg === 'reading prompt too late, skipped'));
    await pause(300);
    expect(prompts(emulator)).toEqual([]);
    const status = await reading(emulator, 'status').reply();
    const value = status.embeds[0]?.fields?.[0]?.value ?? '';
    expect(value).toContain(
      `Non publiée : <t:${DUE}:f> — trop tard au redémarrage de Tribune (au-delà du délai de rattrapage)`,
    );
    expect(value).toContain('Progression : section 1 sur 3');
    expect(value).toContain(`Prochaine publication : <t:${NEXT_TUESDAY}:F>`);
  });

  it('follow READING_GRACE_HOURS', async () => {
    const { emulator, back } = await downOverTheEvening('2026-03-31T18:30:00.000Z', {
      READING_GRACE_HOURS: '1',
    });
    await until(() => back.logs.some((line) => line.msg === 'reading prompt too late, skipped'));
    expect(prompts(emulator)).toEqual([]);
  });

  it('after weeks down: older weeks skipped, the latest inside the window posted late', async () => {
    // Back three weeks later, two hours after that Tuesday's time.
    const { emulator, back } = await downOverTheEvening('2026-04-21T18:30:00.000Z');
    const [prompt] = await waitForPrompts(emulator, 1);
    expect(prompt?.embeds[0]?.title).toBe(`Semaine 1 — ${opEd.sections[0]?.title ?? ''}`);
    await until(() => back.logs.some((line) => line.msg === 'reading prompt posted'));
    const [plan] = await back.bot.services.readings.plansOfGuild(DEFAULT_IDS.guild);
    expect(plan?.misses.map((miss) => [miss.localDate, miss.reason])).toEqual([
      ['2026-03-31', 'too-late'],
      ['2026-04-07', 'too-late'],
      ['2026-04-14', 'too-late'],
    ]);
    expect(plan?.posts.map((post) => [post.localDate, post.late])).toEqual([['2026-04-21', true]]);
    expect(prompts(emulator)).toHaveLength(1);
  });

  it('a time skipped by spring-forward is posted at the first valid minute, not lost', async () => {
    // Sundays at 02:30 in Paris: on 29 March 2026 clocks jump from 02:00 to 03:00, and
    // node-cron never fires. The reconciliation posts it from 03:00 on, on time.
    const clock = manualClock('2026-03-28T10:00:00.000Z');
    const first = await startTestBot({ clock });
    const started = await reading(first.emulator, 'start', {
      ...START,
      weekday: 'dimanche',
      time: '02:30',
    }).reply();
    const threeOClock = Date.parse('2026-03-29T01:00:00.000Z') / 1000;
    expect(started.content).toContain(`Première publication : <t:${threeOClock}:F>`);
    await first.stop();
    clock.set('2026-03-29T01:00:20.000Z');
    await first.restart({ clock });
    const [prompt] = await waitForPrompts(first.emulator, 1);
    expect(prompt?.content).toBe(`<@&${DEFAULT_IDS.readerRole}>`);
  });
});
