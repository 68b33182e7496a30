import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type StoredAttachment } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { control, createPoll, vote } from '../support/polls';

const { reader, member, moderator } = DEFAULT_IDS;

/** A real PNG with pixels in it, not an empty picture. */
function expectChart(attachment: StoredAttachment | undefined, pollId: string) {
  expect(attachment?.filename).toBe(`poll-${pollId}.png`);
  const png = decode(attachment?.data ?? new Uint8Array());
  expect(png.width).toBeGreaterThan(300);
  expect(png.height).toBeGreaterThan(100);
  const pixels = png.data;
  const distinct = new Set<number>();
  for (let index = 0; index < pixels.length; index += png.channels * 97) {
    distinct.add(pixels[index] ?? 0);
  }
  // Text and bars on a card: many shades, not one flat colour.
  expect(distinct.size).toBeGreaterThan(5);
}

describe('poll results as a picture', () => {
  it('final results come with a chart and its description for screen readers', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(emulator, { question: 'Quel jour ?', options: 'Lundi;Jeudi' });
    await vote(emulator, poll, 0, reader).reply();
    await vote(emulator, poll, 1, member).reply();
    await control(emulator, poll, 'poll-close', moderator).reply();
    const results = await emulator.waitFor(
      () =>
        emulator
          .channelMessages(poll.message.channelId)
          .find((message) => emulator.text(message).includes('📊 Résultats finaux')),
      8000,
      'the final results',
    );
    const [chart] = results.attachments;
    expectChart(chart, poll.pollId);
    expect(chart?.description).toBe(
      'Diagramme en barres des résultats finaux du sondage « Quel jour ? ». 2 votants. 1. Lundi : 1 vote (50 %). 2. Jeudi : 1 vote (50 %).',
    );
  });

  it('/poll results image:true adds the chart in the member’s language; chart:false polls end without one', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(emulator, {
      question: 'Sans image ?',
      options: 'Oui;Non',
      chart: false,
    });
    await vote(emulator, poll, 0, reader).reply();
    const asked = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'results',
        options: { poll: poll.pollId, image: true },
        locale: 'en-GB',
      })
      .reply();
    expectChart(asked.attachments[0], poll.pollId);
    expect(asked.attachments[0]?.description).toContain('Bar chart of the results so far');
    const plain = await emulator
      .slashCommand({ name: 'poll', subcommand: 'results', options: { poll: poll.pollId } })
      .reply();
    expect(plain.attachments).toEqual([]);

    await control(emulator, poll, 'poll-close', moderator).reply();
    const results = await emulator.waitFor(
      () =>
        emulator
          .channelMessages(poll.message.channelId)
          .find((message) => emulator.text(message).includes('📊 Résultats finaux')),
      8000,
      'the final results',
    );
    expect(results.attachments).toEqual([]);
  });

  it('a hidden-results poll shows no chart before it closes, as it shows no counts', async () => {
    const { emulator } = await startTestBot();
    const poll = await createPoll(
      emulator,
      { question: 'Secret ?', options: 'a;b', results: 'hidden' },
      { user: moderator },
    );
    await vote(emulator, poll, 1, member).reply();
    const refused = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'results',
        options: { poll: poll.pollId, image: true },
        user: member,
      })
      .reply();
    expect(refused.attachments).toEqual([]);
    expect(emulator.text(refused)).toContain('Les résultats de ce sondage sont cachés');
  });
});
