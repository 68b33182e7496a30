import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/rate-limit/rate-limiter';
import { DEFAULT_IDS, type Emulator, type StoredMessage } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { createPoll, storedVotes, vote } from '../support/polls';
import { dataRows } from '../support/store-rows';
import { steppingClock } from '../support/stepping-clock';

const { reader, member, moderator } = DEFAULT_IDS;

const text = (emulator: Emulator, reply: StoredMessage) =>
  emulator.text(reply).replace('(only you can see this)\n', '');

/** `<t:…:R>` for the first whole second at or after `ms`. */
const relative = (ms: number) => `<t:${Math.ceil(ms / 1000)}:R>`;

describe('per-member rate limit on votes', () => {
  it('limits a scripted burst of clicks after 10, stores nothing refused, spares other members, and lets the member vote again a second later', async () => {
    const time = steppingClock();
    const { emulator, storeUrl } = await startTestBot({ clock: time.clock });
    const poll = await createPoll(emulator, { question: 'Script ?', options: 'a;b;c' });

    // A script clicks 15 times at once, on every option in turn.
    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, index) => vote(emulator, poll, index % 3, member).reply()),
    );
    expect(burst.every((reply) => reply.ephemeral)).toBe(true);
    const refused = burst.filter((reply) => text(emulator, reply).startsWith('Vous cliquez'));
    expect(refused).toHaveLength(15 - RATE_LIMITS.vote.burst);
    for (const reply of refused) {
      expect(text(emulator, reply)).toBe(
        `Vous cliquez très vite : ce clic n’a pas été compté. Vous pourrez voter à nouveau ${relative(time.now() + 1000)}.`,
      );
    }

    // Refused: nothing written, in the member's language.
    const rows = await dataRows(storeUrl);
    const english = await vote(emulator, poll, 2, member, { locale: 'en-US' }).reply();
    expect(text(emulator, english)).toBe(
      `You are clicking very fast: this click was not counted. You can vote again ${relative(time.now() + 1000)}.`,
    );
    expect(await dataRows(storeUrl)).toEqual(rows);

    // Another member is not held back.
    expect(text(emulator, await vote(emulator, poll, 0, reader).reply())).toContain(
      'Votre vote : 1. a',
    );

    // A second later, one more vote goes through; then one a second.
    time.advance(1000);
    const before = (await storedVotes(storeUrl, poll.pollId)).get(member);
    const next = before?.[0] === 2 ? 0 : 2;
    expect(text(emulator, await vote(emulator, poll, next, member).reply())).toContain(
      `Votre vote : ${next + 1}. ${'abc'[next]}`,
    );
    expect((await storedVotes(storeUrl, poll.pollId)).get(member)).toEqual([next]);
    expect(text(emulator, await vote(emulator, poll, 1, member).reply())).toMatch(/^Vous cliquez/);
    time.advance(10_000);
    for (let click = 0; click < RATE_LIMITS.vote.burst; click++) {
      time.advance(1600); // beyond the double-click window
      // Votes, changes and withdrawals alike: what matters is that none is refused as too fast.
      expect(text(emulator, await vote(emulator, poll, click % 3, member).reply())).not.toMatch(
        /^Vous cliquez/,
      );
    }
  });
});

describe('per-member rate limit on poll creation', () => {
  it('allows a series of polls, then says when the next one may be created, and nothing is posted', async () => {
    const time = steppingClock();
    const { emulator, storeUrl } = await startTestBot({ clock: time.clock });
    const { burst, intervalMs } = RATE_LIMITS.pollCreate;
    for (let index = 0; index < burst; index++) {
      await createPoll(emulator, { question: `Question ${index + 1} ?`, options: 'a;b' });
    }
    const posted = () =>
      emulator.channelMessages(emulator.defaultChannelId).filter((m) => !m.ephemeral).length;
    const rows = await dataRows(storeUrl);
    const refused = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'create',
        options: { question: 'Une de trop ?', options: 'a;b' },
      })
      .reply();
    expect(refused.ephemeral).toBe(true);
    expect(text(emulator, refused)).toBe(
      `Vous avez créé beaucoup de sondages d’un coup : celui-ci n’a pas été publié. Vous pourrez en créer un autre ${relative(time.now() + intervalMs)}.`,
    );
    expect(await dataRows(storeUrl)).toEqual(rows);
    expect(posted()).toBe(burst);

    // An invalid poll is answered with what to fix, not with the limit.
    const invalid = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'create',
        options: { question: '?', options: 'a' },
      })
      .reply();
    expect(text(emulator, invalid)).toMatch(/^Le sondage n’a pas été créé/);

    // Others may still create polls; the member may again once the interval has passed.
    await createPoll(emulator, { question: 'Modération ?', options: 'a;b' }, { user: moderator });
    const english = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'create',
        options: { question: 'One more?', options: 'a;b' },
        locale: 'en-GB',
      })
      .reply();
    expect(text(emulator, english)).toBe(
      `You have created many polls in a row: this one was not posted. You can create another one ${relative(time.now() + intervalMs)}.`,
    );
    time.advance(intervalMs);
    await createPoll(emulator, { question: 'Enfin ?', options: 'a;b' });
    expect(emulator.pings()).toEqual([]);
  });
});
