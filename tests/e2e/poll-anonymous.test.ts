import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../scripts/emulator';
import { startTestBot } from '../support/bot-harness';
import { TEST_POLL_SECRET, control, createPoll, storedVotes, vote } from '../support/polls';
import { rawRows } from '../support/store-rows';

const { reader, member, moderator, owner } = DEFAULT_IDS;
const humans = [reader, member, moderator, owner];

describe('anonymous polls', () => {
  it('store no Discord user id of anyone, creator included, yet let members change their vote', async () => {
    const { emulator, storeUrl } = await startTestBot({
      env: { POLL_SECRET: TEST_POLL_SECRET },
    });
    const poll = await createPoll(
      emulator,
      { question: 'En confiance ?', options: 'Oui;Non;Sans avis', anonymous: true },
      { user: reader },
    );
    expect(emulator.text(poll.message)).toContain('Anonyme');
    const first = await vote(emulator, poll, 0, reader).reply();
    expect(emulator.text(first)).toContain('Votre vote : 1. Oui');
    expect(emulator.text(first)).toContain('🔒 Sondage anonyme');
    await vote(emulator, poll, 1, member).reply();
    await vote(emulator, poll, 1, owner).reply();
    // A change of mind by the creator replaces their vote: still three voters.
    await vote(emulator, poll, 2, reader).reply();
    expect(emulator.text(await control(emulator, poll, 'poll-mine', reader).reply())).toContain(
      'Votre vote : 3. Sans avis',
    );

    const votes = await storedVotes(storeUrl, poll.pollId);
    expect([...votes.values()].sort()).toEqual([[1], [1], [2]]);
    for (const key of votes.keys()) expect(key).toMatch(/^[0-9a-f]{64}$/);

    // The creator closes it (recognised by a keyed hash too) and exports counts only.
    expect(emulator.text(await control(emulator, poll, 'poll-close', reader).reply())).toContain(
      'Sondage clos',
    );
    const exported = await emulator
      .slashCommand({
        name: 'poll',
        subcommand: 'export',
        options: { poll: poll.pollId },
        user: reader,
      })
      .reply();
    expect(emulator.text(exported)).toContain(
      'Sondage anonyme : le fichier ne donne que les votes',
    );
    const csv = exported.attachments[0]?.text() ?? '';
    expect(csv.trim().split('\r\n')).toHaveLength(4);

    const raw = JSON.stringify(await rawRows(storeUrl));
    for (const id of humans) expect(raw).not.toContain(id);
    for (const id of humans) expect(csv).not.toContain(id);
  });

  it('refuses votes once POLL_SECRET is gone, saying why, rather than count members twice', async () => {
    const testBot = await startTestBot({ env: { POLL_SECRET: TEST_POLL_SECRET } });
    const { emulator, storeUrl } = testBot;
    const poll = await createPoll(emulator, {
      question: 'Anonyme ?',
      options: 'a;b',
      anonymous: true,
    });
    await vote(emulator, poll, 0, reader).reply();
    await testBot.restart({ env: { POLL_SECRET: '' } });
    const refused = await vote(emulator, poll, 1, member).reply();
    expect(refused.ephemeral).toBe(true);
    expect(emulator.text(refused)).toContain('POLL_SECRET');
    expect((await storedVotes(storeUrl, poll.pollId)).size).toBe(1);
  });
});
