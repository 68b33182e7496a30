import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, defaultGuild, type StoredMessage } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { hostileString } from '../support/hostile-strings';
import { TEST_POLL_SECRET } from '../support/polls';
import { reading } from '../support/reading';
import { OTHER, OTHER_SECRET, secondGuild, seedSecondGuild } from '../support/second-guild';

/**
 * Hostile input to `/reading`, through the real bot, with a second server beside the first:
 * whatever an organiser types, the bot answers ephemerally, sends nothing Discord would refuse,
 * pings no one but the role a plan of this server was given, and leaves the other server's plan
 * and polls alone. `/reading` has no buttons; its prompts' buttons are `/section`'s
 * (`hostile-quotes.test.ts`).
 */
const { guild, generalChannel, clubChannel, readerRole, moderatorRole, everyoneRole } = DEFAULT_IDS;

/** Mostly valid values, so that plans get started and acted on, and hostile ones among them. */
function usually<T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostile });
}

const PLAN_SUBCOMMANDS = ['status', 'preview', 'next', 'skip', 'pause', 'resume', 'stop'];

describe('hostile input to /reading', () => {
  it('answers any options and subcommands, pinging only a plan’s role, changing nothing elsewhere', async () => {
    const testBot = await startTestBot({
      env: { POLL_SECRET: TEST_POLL_SECRET },
      emulatorOptions: { guilds: [defaultGuild(), secondGuild()] },
    });
    const { emulator, bot, logs } = testBot;
    const other = await seedSecondGuild(testBot);
    const before = await other.snapshot();
    const textId = bot.services.texts.builtIn.defaultText.id;
    const channel = fc.constantFrom(generalChannel, clubChannel);
    // Now and then a forged interaction without Manage Server.
    const permissions = fc.oneof(
      { weight: 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant('0') },
    );
    const locale = fc.constantFrom('fr', 'en-US', 'de');
    // Plans' roles, as they were configured: the only roles a message may ping.
    const plannedRoles = new Set<string>();

    const answered = (reply: StoredMessage) => {
      expect(reply.ephemeral).toBe(true);
      expect(emulator.text(reply)).not.toContain(OTHER_SECRET);
    };

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          channel,
          weekday: usually(fc.constantFrom('mardi', 'Tuesday', 'DIMANCHE'), hostileString(20)),
          time: usually(fc.constantFrom('18:30', '07:05', '23:59'), hostileString(10)),
          timezone: fc.option(
            usually(fc.constantFrom('Europe/Paris', 'America/Montreal'), hostileString(64)),
            { nil: undefined },
          ),
          text: fc.option(usually(fc.constant(textId), hostileString(100)), { nil: undefined }),
          from_section: fc.option(
            usually(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 999 })),
            { nil: undefined },
          ),
          role: fc.option(fc.constantFrom(readerRole, moderatorRole, everyoneRole), {
            nil: undefined,
          }),
          thread: fc.option(fc.boolean(), { nil: undefined }),
        }),
        permissions,
        fc.constantFrom(...PLAN_SUBCOMMANDS),
        fc.option(channel, { nil: undefined }),
        locale,
        async (options, startPermissions, subcommand, planChannel, userLocale) => {
          const defined = Object.fromEntries(
            Object.entries(options).filter(([, value]) => value !== undefined),
          ) as Record<string, string | number | boolean>;
          const started = await reading(emulator, 'start', defined, {
            locale: userLocale,
            ...(startPermissions !== undefined && { permissions: startPermissions }),
          }).reply();
          answered(started);
          for (const plan of await bot.services.readings.plansOfGuild(guild)) {
            if (plan.roleId !== undefined) plannedRoles.add(plan.roleId);
          }
          const acted = await reading(
            emulator,
            subcommand,
            subcommand === 'status' || planChannel === undefined ? {} : { channel: planChannel },
            { locale: userLocale },
          ).reply();
          answered(acted);
          console.log(
            'RUN',
            emulator.text(started).slice(0, 60).replace(/\n/g, ' '),
            '|',
            subcommand,
            emulator.text(acted).slice(0, 60).replace(/\n/g, ' '),
          );
          for (const focused of ['weekday', 'timezone', 'text'] as const) {
            const typed = String(defined[focused] ?? '');
            const choices = await emulator
              .autocomplete({
                name: 'reading',
                subcommand: 'start',
                focused,
                options: { ...defined, [focused]: typed },
                user: DEFAULT_IDS.moderator,
              })
              .reply();
            expect(choices.length).toBeLessThanOrEqual(25);
          }
        },
      ),
      { numRuns: 50 },
    );

    console.log(
      'PINGS',
      emulator.pings().length,
      [...plannedRoles],
      emulator.channelMessages(clubChannel).length,
      emulator.channelMessages(generalChannel).length,
    );
    expect(emulator.violations).toEqual([]);
    expect(logs.filter((line) => line.msg === 'interaction handler failed')).toEqual([]);
    for (const event of emulator.pings()) {
      expect(event.pings.everyone).toBe(false);
      expect(event.pings.users).toEqual([]);
      for (const role of event.pings.roles) expect(plannedRoles).toContain(role);
      expect(event.channelId).not.toBe(OTHER.channel);
    }
    expect(await other.snapshot()).toEqual(before);
  });
});
