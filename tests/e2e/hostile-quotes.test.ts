import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString } from '../support/hostile-strings';
import { startTestBot } from '../support/bot-harness';

/**
 * Hostile input through the real bot: whatever a member types in an option or however a button id
 * is forged, the bot answers, sends nothing Discord would refuse (the harness checks every
 * request against the API schemas) and pings nobody.
 */
describe('hostile input to /section, /search and their buttons', () => {
  it('answers any text in any option, without a refused request or a ping', async () => {
    const { emulator, logs } = await startTestBot();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          section: fc.option(hostileString(100), { nil: undefined }),
          text: fc.option(hostileString(100), { nil: undefined }),
          paragraph: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined }),
          query: hostileString(6000),
          locale: fc.constantFrom('fr', 'en-US', 'de', 'ja'),
        }),
        async ({ section, text, paragraph, query, locale }) => {
          const sectionReply = await emulator
            .slashCommand({
              name: 'section',
              locale,
              options: {
                ...(section !== undefined && { section }),
                ...(text !== undefined && { text }),
                ...(paragraph !== undefined && { paragraph }),
              },
            })
            .reply();
          expect(sectionReply.content.length + sectionReply.embeds.length).toBeGreaterThan(0);
          const searchReply = await emulator
            .slashCommand({ name: 'search', locale, options: { query } })
            .reply();
          expect(searchReply.content.length + searchReply.embeds.length).toBeGreaterThan(0);
          const choices = await emulator
            .autocomplete({
              name: 'section',
              focused: 'section',
              options: { section: section ?? '' },
            })
            .reply();
          expect(choices.length).toBeLessThanOrEqual(25);
        },
      ),
      { numRuns: 60 },
    );
    expect(emulator.pings()).toEqual([]);
    expect(logs.filter((line) => line.msg === 'interaction handler failed')).toEqual([]);
  });

  it('answers forged and truncated button ids with an explanation, changing nothing', async () => {
    const { emulator, logs } = await startTestBot();
    const message = await emulator
      .slashCommand({ name: 'section', options: { section: '1' } })
      .reply();
    const plausible = fc
      .tuple(
        fc.constantFrom('quote', 'contents', 'poll', 'reading', 'x', ''),
        fc.array(fc.oneof(hostileString(20), fc.integer().map(String)), { maxLength: 6 }),
      )
      .map(([kind, parts]) => [kind, ...parts].join(':').slice(0, 100))
      .filter((id) => id.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.oneof(plausible, hostileString(100)), async (customId) => {
        const reply = await emulator.clickButton({ message, customId, forged: true }).reply();
        expect(reply.id === message.id || reply.ephemeral).toBe(true);
      }),
      { numRuns: 80 },
    );
    expect(emulator.pings()).toEqual([]);
    expect(logs.filter((line) => line.msg === 'interaction handler failed')).toEqual([]);
  });
});
