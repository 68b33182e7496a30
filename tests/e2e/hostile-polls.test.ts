import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IDS,
  defaultGuild,
  type Emulator,
  type StoredMessage,
} from '../../scripts/emulator';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { hostileString } from '../support/hostile-strings';
import { TEST_POLL_SECRET, createPoll, type CreatedPoll } from '../support/polls';
import {
  OTHER_SECRET,
  secondGuild,
  seedSecondGuild,
  type SeededSecondGuild,
} from '../support/second-guild';

/**
 * Hostile input to `/poll` and its buttons, through the real bot, with a second server beside
 * the first: whatever is typed in an option or however a button id is forged, the bot answers
 * ephemerally, sends nothing Discord would refuse (the harness checks every request), pings
 * nobody, never shows the other server's polls and never changes its data.
 */
const { reader, member, moderator, readerRole, moderatorRole, everyoneRole } = DEFAULT_IDS;

interface Arena {
  readonly testBot: TestBot;
  readonly emulator: Emulator;
  readonly local: CreatedPoll;
  readonly other: SeededSecondGuild;
  readonly before: unknown;
}

async function arena(): Promise<Arena> {
  const testBot = await startTestBot({
    env: { POLL_SECRET: TEST_POLL_SECRET },
    emulatorOptions: { guilds: [defaultGuild(), secondGuild()] },
  });
  const other = await seedSecondGuild(testBot);
  const local = await createPoll(
    testBot.emulator,
    { question: 'Ici ?', options: 'un;deux;trois', max_choices: 2 },
    { user: reader },
  );
  return { testBot, emulator: testBot.emulator, local, other, before: await other.snapshot() };
}

/** What every run must leave true. */
async function expectUnharmed({ testBot, emulator, other, before }: Arena): Promise<void> {
  expect(emulator.violations).toEqual([]);
  expect(emulator.pings()).toEqual([]);
  expect(testBot.logs.filter((line) => line.msg === 'interaction handler failed')).toEqual([]);
  expect(await other.snapshot()).toEqual(before);
}

function expectPrivateAnswer(emulator: Emulator, reply: StoredMessage): void {
  expect(reply.ephemeral).toBe(true);
  expect(emulator.text(reply)).not.toContain(OTHER_SECRET);
}

const locale = fc.constantFrom('fr', 'en-US', 'en-GB', 'de');
const someone = fc.constantFrom(reader, member, moderator);
/** Now and then a forged interaction without any permission. */
const forgedPermissions = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('0') },
);

/** Ids a forger would try: real ones here and elsewhere, cut short, padded, or anything. */
function pollReference(arena: Arena): fc.Arbitrary<string> {
  const real = [arena.local.pollId, ...arena.other.pollIds];
  return fc.oneof(
    fc.constantFrom(...real),
    fc
      .tuple(fc.constantFrom(...real), fc.nat({ max: 11 }))
      .map(([id, end]) => id.slice(0, end))
      .filter((id) => id.trim() !== ''),
    fc.tuple(fc.constantFrom(...real), hostileString(20)).map(([id, tail]) => `${id}${tail}`),
    fc.constantFrom(...real).map((id) => ` ${id.toUpperCase()} `),
    hostileString(100),
  );
}

describe('hostile input to /poll', () => {
  it('answers any /poll create, posting only valid polls, without a refused request or a ping', async () => {
    const state = await arena();
    const { emulator } = state;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          // No max_length on the question and options: up to Discord's 6,000 characters. Most
          // runs are valid polls with hostile texts, the others are refused with what to fix.
          question: fc.oneof(
            { weight: 4, arbitrary: hostileString(300) },
            { weight: 1, arbitrary: hostileString(6000) },
          ),
          options: fc.oneof(
            {
              weight: 4,
              arbitrary: fc
                .array(hostileString(80), { minLength: 2, maxLength: 20 })
                .map((parts) => parts.join(';')),
            },
            { weight: 1, arbitrary: hostileString(6000) },
          ),
          duration: fc.option(
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom('30m', '12h', '3j', '1d 12h') },
              { weight: 1, arbitrary: hostileString(40) },
            ),
            { nil: undefined },
          ),
          max_choices: fc.option(
            fc.oneof(
              { weight: 3, arbitrary: fc.integer({ min: 1, max: 2 }) },
              { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) },
            ),
            { nil: undefined },
          ),
          anonymous: fc.option(fc.boolean(), { nil: undefined }),
          results: fc.option(fc.constantFrom('live', 'hidden'), { nil: undefined }),
          role: fc.option(fc.constantFrom(readerRole, moderatorRole, everyoneRole), {
            nil: undefined,
          }),
          locale,
        }),
        async ({ locale: userLocale, ...options }) => {
          // A new member each run, so the poll creation limit does not hide what is checked.
          run += 1;
          const user = String(1_390_000_000_000_000_000n + BigInt(run));
          const definedOptions = Object.fromEntries(
            Object.entries(options).filter(([, value]) => value !== undefined),
          ) as Record<string, string | number | boolean>;
          const before = emulator.channelMessages(emulator.defaultChannelId).length;
          const reply = await emulator
            .slashCommand({
              name: 'poll',
              subcommand: 'create',
              options: definedOptions,
              user,
              locale: userLocale,
            })
            .reply();
          expectPrivateAnswer(emulator, reply);
          const posted = emulator
            .channelMessages(emulator.defaultChannelId)
            .slice(before)
            .filter((message) => message.source === 'channel');
          expect(posted.length).toBeLessThanOrEqual(1);
          console.log(
            'posted',
            posted.length,
            emulator.text(reply).slice(0, 400).replace(/\n/g, ' / '),
          );
          // A poll that was posted can be voted on and inspected.
          for (const message of posted) {
            const ids = message.components.flatMap((row) =>
              (row.components ?? []).map((component) => component.custom_id ?? ''),
            );
            for (const customId of [ids[0] ?? '', ...ids.slice(-3)]) {
              const click = await emulator
                .clickButton({ message, customId, user, locale: userLocale })
                .reply();
              expectPrivateAnswer(emulator, click);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
    await expectUnharmed(state);
  });

  it('answers any poll named in close, results and export, and suggests only this server’s polls', async () => {
    const state = await arena();
    const { emulator, other } = state;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('close', 'results', 'export'),
        pollReference(state),
        someone,
        forgedPermissions,
        locale,
        async (subcommand, poll, user, permissions, userLocale) => {
          const reply = await emulator
            .slashCommand({
              name: 'poll',
              subcommand,
              options: { poll: poll.slice(0, 100) },
              user,
              locale: userLocale,
              ...(permissions !== undefined && { permissions }),
            })
            .reply();
          expectPrivateAnswer(emulator, reply);
          for (const attachment of reply.attachments) {
            expect(attachment.text()).not.toContain(OTHER_SECRET);
          }
          const choices = await emulator
            .autocomplete({
              name: 'poll',
              subcommand,
              focused: 'poll',
              options: { poll: poll.slice(0, 100) },
              user,
            })
            .reply();
          expect(choices.length).toBeLessThanOrEqual(25);
          for (const choice of choices) {
            expect(other.pollIds).not.toContain(choice.value);
            expect(choice.name).not.toContain(OTHER_SECRET);
          }
        },
      ),
      { numRuns: 80 },
    );
    await expectUnharmed(state);
  });

  it('answers forged and truncated button ids, and never acts on another server’s poll', async () => {
    const state = await arena();
    const { emulator, local } = state;
    const realIds = local.message.components.flatMap((row) =>
      (row.components ?? []).map((component) => component.custom_id ?? ''),
    );
    const part = fc.oneof(
      pollReference(state),
      fc.integer({ min: -5, max: 25 }).map(String),
      fc.constantFrom('01', '1e3', '999999999999', '0x1', ' 1', ''),
    );
    const customId = fc
      .oneof(
        fc
          .tuple(
            fc.constantFrom('poll', 'poll-mine', 'poll-results', 'poll-close'),
            fc.array(part, { minLength: 0, maxLength: 3 }),
          )
          .map(([kind, parts]) => [kind, ...parts].join(':')),
        fc
          .tuple(fc.constantFrom(...realIds), fc.nat({ max: 30 }))
          .map(([id, end]) => id.slice(0, end)),
        hostileString(100),
      )
      .map((id) => id.slice(0, 100))
      .filter((id) => id.length > 0);
    await fc.assert(
      fc.asyncProperty(
        customId,
        someone,
        forgedPermissions,
        locale,
        async (id, user, permissions, userLocale) => {
          const reply = await emulator
            .clickButton({
              message: local.message.id,
              customId: id,
              user,
              locale: userLocale,
              forged: true,
              ...(permissions !== undefined && { permissions }),
            })
            .reply();
          expectPrivateAnswer(emulator, reply);
        },
      ),
      { numRuns: 150 },
    );
    await expectUnharmed(state);
  });
});
