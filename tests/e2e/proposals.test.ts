import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDS, type Emulator, type StoredMessage } from '../../scripts/emulator';
import { UserError } from '../../src/errors/user-error';
import type { Proposal } from '../../src/proposals/core/proposal';
import { startTestBot, type TestBot } from '../support/bot-harness';
import { hostileString } from '../support/hostile-strings';
import { buttonIds, pollIdOf, vote, type CreatedPoll } from '../support/polls';
import { manualClock, reading } from '../support/reading';
import { dataRows, rawRows } from '../support/store-rows';
import { until } from '../support/until';

const { reader, member, moderator, guild } = DEFAULT_IDS;
const GENERAL = DEFAULT_IDS.generalChannel;
const CLUB = DEFAULT_IDS.clubChannel;

/** Tuesday 10:00 in Paris: the plan's first prompt is due at 18:30, far from any test. */
const START_TIME = '2026-03-31T08:00:00.000Z';
const START = { channel: CLUB, weekday: 'mardi', time: '18:30' };

const text = (emulator: Emulator, message: StoredMessage) =>
  emulator.text(message).replace('(only you can see this)\n', '');

function proposal(
  emulator: Emulator,
  subcommand: 'add' | 'list' | 'withdraw' | 'vote',
  options: Record<string, string> = {},
  extra: { user?: string; locale?: string } = {},
) {
  return emulator.slashCommand({
    name: 'proposal',
    subcommand,
    options,
    user: extra.user ?? member,
    ...(extra.locale !== undefined && { locale: extra.locale }),
  });
}

/** `/proposal add` answered: its ephemeral answer, as text. */
async function add(
  emulator: Emulator,
  options: Record<string, string>,
  user: string = member,
): Promise<string> {
  const reply = await proposal(emulator, 'add', options, { user }).reply();
  expect(reply.ephemeral).toBe(true);
  return text(emulator, reply);
}

/** A bot in a server with a reading plan (started by the moderator). */
async function withPlan(): Promise<TestBot> {
  const testBot = await startTestBot({ clock: manualClock(START_TIME) });
  const started = await reading(testBot.emulator, 'start', START).reply();
  expect(started.content).toContain('Plan de lecture créé');
  return testBot;
}

/** Waiting proposals, as the store has them. */
async function waiting(storeUrl: string): Promise<Proposal[]> {
  return (await rawRows(storeUrl))
    .filter((row) => row.key.startsWith(`tribune:proposal:${guild}:`))
    .map((row) => (JSON.parse(row.value) as { value: Proposal }).value);
}

async function archived(storeUrl: string): Promise<{ title: string; pollId: string }[]> {
  return (await rawRows(storeUrl))
    .filter((row) => row.key.startsWith(`tribune:proposal-archive:${guild}:`))
    .map((row) => (JSON.parse(row.value) as { value: { title: string; pollId: string } }).value);
}

/** Messages the bot posted in a channel (not answers to interactions). */
const posts = (emulator: Emulator, channelId: string) =>
  emulator.channelMessages(channelId).filter((message) => message.source === 'channel');

const optionLabels = (message: StoredMessage) =>
  message.components
    .flatMap((row) => row.components ?? [])
    .filter((button) => button.custom_id?.startsWith('poll:'))
    .map((button) => button.label ?? '');

describe('/proposal add, list and withdraw', () => {
  it('needs a reading plan, now or before: without one, a clear answer and nothing stored', async () => {
    const { emulator, storeUrl } = await startTestBot({ clock: manualClock(START_TIME) });
    const rows = await dataRows(storeUrl);
    expect(await add(emulator, { title: 'Le Capital' })).toBe(
      'Les propositions vont avec un plan de lecture, et ce serveur n’en a jamais eu. Une personne qui a la permission « Gérer le serveur » peut en lancer un avec `/lecture lancer` ; vous pourrez alors proposer la suite.',
    );
    const english = await proposal(
      emulator,
      'add',
      { title: 'Capital' },
      { locale: 'en-GB' },
    ).reply();
    expect(text(emulator, english)).toContain('Proposals go with a reading plan');
    expect(await dataRows(storeUrl)).toEqual(rows);

    // A plan started, then stopped: the server had one, proposals are welcome.
    await reading(emulator, 'start', START).reply();
    await reading(emulator, 'stop').reply();
    expect(await add(emulator, { title: 'Le Capital' })).toMatch(/^Proposition enregistrée/);
  });

  it('is listed by /help: add, list and withdraw for members, vote for organisers', async () => {
    const { emulator } = await startTestBot();
    const help = async (user: string) =>
      (await emulator.slashCommand({ name: 'help', user }).reply()).embeds[0]?.description ?? '';
    const forMember = await help(member);
    expect(forMember).toContain('**/proposition ajouter** — Propose un texte');
    expect(forMember).toContain('**/proposition liste**');
    expect(forMember).toContain('**/proposition retirer**');
    expect(forMember).not.toContain('/proposition vote');
    expect(await help(moderator)).toContain('**/proposition vote**');
  });

  it('adds proposals, lists them oldest first with who proposed them, and lets each proposer withdraw theirs', async () => {
    const { emulator, storeUrl } = await withPlan();
    expect(
      await add(emulator, {
        title: 'L’État et la révolution',
        link: 'https://example.org/etat',
        note: 'Court, et d’actualité',
      }),
    ).toBe(
      'Proposition enregistrée : « L’État et la révolution ». `/proposition liste` montre toutes les propositions ; `/proposition retirer` reprend la vôtre.',
    );
    expect(await add(emulator, { title: 'Le *Capital*, livre I' }, reader)).toMatch(
      /^Proposition enregistrée : « Le \\\*Capital\\\*, livre I »/,
    );

    const list = await proposal(emulator, 'list', {}, { user: reader }).reply();
    expect(list.ephemeral).toBe(true);
    const [embed] = list.embeds;
    expect(embed?.title).toBe('📚 Propositions pour le prochain texte');
    expect(embed?.description).toMatch(
      new RegExp(
        [
          `^\\*\\*1\\.\\*\\* \\[\\*\\*L’État et la révolution\\*\\*\\]\\(<https://example\\.org/etat>\\) — proposé par <@${member}> <t:\\d+:R>`,
          '> Court, et d’actualité',
          '',
          `\\*\\*2\\.\\*\\* \\*\\*Le \\\\\\*Capital\\\\\\*, livre I\\*\\* — proposé par <@${reader}> <t:\\d+:R>$`,
        ].join('\n'),
      ),
    );
    expect(embed?.footer?.text).toBe('2 propositions en attente');
    const english = await proposal(emulator, 'list', {}, { locale: 'en-US' }).reply();
    expect(english.embeds[0]?.description).toContain(`proposed by <@${member}>`);

    // Withdrawing: the autocomplete offers a member their own proposals, an organiser all.
    const suggest = (user: string) =>
      emulator
        .autocomplete({
          name: 'proposal',
          subcommand: 'withdraw',
          focused: 'proposal',
          options: { proposal: '' },
          user,
        })
        .reply();
    const [zoes] = await waiting(storeUrl);
    if (!zoes) throw new Error('no proposal stored');
    expect(await suggest(member)).toEqual([{ name: 'L’État et la révolution', value: zoes.id }]);
    expect((await suggest(moderator)).map((choice) => choice.name)).toEqual([
      'L’État et la révolution',
      'Le *Capital*, livre I',
    ]);
    const rows = await dataRows(storeUrl);
    const refused = await proposal(
      emulator,
      'withdraw',
      { proposal: zoes.id },
      { user: reader },
    ).reply();
    expect(text(emulator, refused)).toBe(
      'Seule la personne qui a fait cette proposition, ou un membre qui a la permission « Gérer le serveur », peut la retirer.',
    );
    expect(await dataRows(storeUrl)).toEqual(rows);
    const withdrawn = await proposal(emulator, 'withdraw', { proposal: zoes.id }).reply();
    expect(text(emulator, withdrawn)).toBe('Proposition retirée : « L’État et la révolution ».');
    const again = await proposal(emulator, 'withdraw', { proposal: zoes.id }).reply();
    expect(text(emulator, again)).toContain('Cette proposition n’est plus en attente');
    // Its title and link are free again.
    expect(
      await add(emulator, { title: 'L’état et la révolution', link: 'https://example.org/etat' }),
    ).toMatch(/^Proposition enregistrée/);
    // An organiser may withdraw anyone's.
    const bastiens = (await waiting(storeUrl)).find((entry) => entry.proposedBy === reader);
    const byOrganiser = await proposal(
      emulator,
      'withdraw',
      { proposal: bastiens?.id ?? '' },
      { user: moderator },
    ).reply();
    expect(text(emulator, byOrganiser)).toBe(
      'Proposition retirée : « Le \\*Capital\\*, livre I ».',
    );
    expect((await waiting(storeUrl)).map((entry) => entry.title)).toEqual([
      'L’état et la révolution',
    ]);
    expect(emulator.pings()).toEqual([]);
  });

  it('refuses a duplicate title or link, accents, case and spacing aside, pointing to the first', async () => {
    const { emulator, storeUrl } = await withPlan();
    await add(emulator, { title: 'L’État et la révolution', link: 'https://example.org/etat' });
    const rows = await dataRows(storeUrl);
    const sameTitle = await add(emulator, { title: "  l'etat ET la   Revolution " }, reader);
    expect(sameTitle).toMatch(
      new RegExp(
        `^Ce texte est déjà proposé : « L’État et la révolution », par <@${member}> <t:\\d+:R>\\. Pas besoin de le proposer deux fois\\.$`,
      ),
    );
    const sameLink = await add(
      emulator,
      { title: 'Autre titre', link: 'http://www.example.org/etat/' },
      reader,
    );
    expect(sameLink).toMatch(
      new RegExp(`^Ce lien est déjà proposé, avec « L’État et la révolution », par <@${member}>`),
    );
    expect(await dataRows(storeUrl)).toEqual(rows);
    expect(emulator.pings()).toEqual([]);
  });

  it('answers bad input clearly and stores nothing', async () => {
    const { emulator, storeUrl } = await withPlan();
    const rows = await dataRows(storeUrl);
    expect(await add(emulator, { title: 'a'.repeat(2000) })).toBe(
      'Le titre fait 2000 caractères ; 200 au plus. Gardez le titre (et l’auteur), et mettez le reste dans `note`.',
    );
    expect(
      await add(emulator, { title: 'Le Capital', link: 'ftp://example.org/capital.pdf' }),
    ).toBe(
      'Le lien doit être une adresse web complète, qui commence par http:// ou https://, sans espace.',
    );
    expect(await add(emulator, { title: 'Lisez ça @everyone' })).toBe(
      'Une proposition ne peut pas contenir @everyone, @here ni de mention de membre ou de rôle : écrivez le nom en toutes lettres.',
    );
    expect(
      await add(emulator, { title: 'Le Capital', note: `<@&${DEFAULT_IDS.readerRole}>` }),
    ).toContain('ne peut pas contenir @everyone');
    expect(await add(emulator, { title: 'Le Capital', note: 'n'.repeat(501) })).toBe(
      'La note fait 501 caractères ; 500 au plus.',
    );
    const english = await proposal(
      emulator,
      'add',
      { title: 'x', link: 'ftp://example.org' },
      { locale: 'en-US' },
    ).reply();
    expect(text(emulator, english)).toBe(
      'The link must be a full web address starting with http:// or https://, without spaces.',
    );
    expect(await dataRows(storeUrl)).toEqual(rows);
    expect(emulator.pings()).toEqual([]);
  });
});

describe('hostile proposals', () => {
  it('answers whatever is typed privately, lists and polls what it keeps within Discord’s limits, and pings nobody', async () => {
    const { emulator, storeUrl, logs } = await withPlan();
    const typed = fc.record({
      title: fc.oneof(hostileString(240), fc.string({ minLength: 190, maxLength: 210 })),
      link: fc.option(
        fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), hostileString(80)),
        { nil: undefined },
      ),
      note: fc.option(hostileString(520), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(typed, async (options) => {
        const given = Object.fromEntries(
          Object.entries(options).filter(([, value]) => value !== undefined && value !== ''),
        ) as Record<string, string>;
        // Discord refuses empty option values: a member cannot send one.
        fc.pre(given.title !== undefined);
        const reply = await proposal(emulator, 'add', given).reply();
        expect(reply.ephemeral).toBe(true);
      }),
      { numRuns: 40 },
    );
    const stored = await waiting(storeUrl);
    expect(stored.length).toBeGreaterThan(1);
    // Every page of the list, then the poll: the emulator checks each against Discord's rules.
    let page = await proposal(emulator, 'list').reply();
    for (let next = 1; buttonIds(page).includes(`proposals:${next}`); next += 1) {
      page = await emulator.clickButton({ message: page, customId: `proposals:${next}` }).reply();
    }
    const vote = await proposal(emulator, 'vote', {}, { user: moderator }).reply();
    expect(text(emulator, vote)).toMatch(/^Sondage publié/);
    expect(posts(emulator, GENERAL)).toHaveLength(1);
    expect(emulator.violations).toEqual([]);
    expect(emulator.pings()).toEqual([]);
    expect(logs.filter((line) => line.msg === 'interaction handler failed')).toEqual([]);
  });
});

describe('/proposal vote', () => {
  it('lets an organiser post a poll of the proposals that members vote on; the proposals are archived', async () => {
    const { emulator, storeUrl } = await withPlan();
    await add(emulator, { title: 'Le Capital' });
    await add(emulator, { title: 'La Commune', link: 'https://example.org/commune' }, reader);
    await add(emulator, { title: 'Germinal' }, moderator);

    // A member without Manage Server may not.
    const rows = await dataRows(storeUrl);
    const refused = await proposal(emulator, 'vote').reply();
    expect(text(emulator, refused)).toBe(
      'Il vous faut la permission « Gérer le serveur » pour faire cela.',
    );
    // A duration the poll feature refuses: its answer, nothing posted or archived.
    const badDuration = await proposal(
      emulator,
      'vote',
      { duration: 'bientôt' },
      { user: moderator },
    ).reply();
    expect(text(emulator, badDuration)).toContain('bientôt');
    expect(posts(emulator, GENERAL)).toEqual([]);
    expect(await dataRows(storeUrl)).toEqual(rows);

    const reply = await proposal(emulator, 'vote', { duration: '3d' }, { user: moderator }).reply();
    const [pollMessage] = posts(emulator, GENERAL);
    if (!pollMessage) throw new Error('no poll posted');
    expect(text(emulator, reply)).toBe(
      `Sondage publié : https://discord.com/channels/${guild}/${GENERAL}/${pollMessage.id}. 3 propositions y figurent ; elles quittent la liste et restent dans les archives.`,
    );
    expect(text(emulator, pollMessage)).toContain('Quel texte lire ensuite ?');
    expect(optionLabels(pollMessage)).toEqual(['1. Le Capital', '2. La Commune', '3. Germinal']);
    const poll: CreatedPoll = { pollId: pollIdOf(pollMessage), message: pollMessage, reply };
    expect(text(emulator, await vote(emulator, poll, 1, member).reply())).toMatch(/^Votre vote/);
    expect(text(emulator, await vote(emulator, poll, 1, reader).reply())).toMatch(/^Votre vote/);

    // Archived: out of the list, kept with the poll they went to.
    expect(await waiting(storeUrl)).toEqual([]);
    expect(
      (await archived(storeUrl)).map((entry) => ({ title: entry.title, pollId: entry.pollId })),
    ).toEqual(
      ['Le Capital', 'La Commune', 'Germinal'].map((title) => ({ title, pollId: poll.pollId })),
    );
    const list = await proposal(emulator, 'list').reply();
    expect(text(emulator, list)).toBe(
      'Aucune proposition pour l’instant. `/proposition ajouter` pour proposer un texte.',
    );
    // Their titles are free for the next round.
    expect(await add(emulator, { title: 'Le Capital' })).toMatch(/^Proposition enregistrée/);
    expect(emulator.pings()).toEqual([]);
  });

  it('with 25 proposals, puts the 20 oldest to a vote and says that 5 wait', async () => {
    const { emulator, storeUrl } = await withPlan();
    const members = [member, reader, moderator];
    for (let number = 1; number <= 25; number += 1) {
      const title =
        number === 3 ? `Texte 3 : ${'une histoire très longue, '.repeat(6)}` : `Texte ${number}`;
      expect(await add(emulator, { title }, members[number % 3])).toMatch(/^Proposition/);
    }
    const reply = await proposal(
      emulator,
      'vote',
      {},
      { user: moderator, locale: 'en-GB' },
    ).reply();
    expect(text(emulator, reply)).toMatch(
      /^Poll posted: .+\. 20 proposals are in it; they leave the list and stay in the archive\.\nA poll has at most 20 options: 5 newer proposals wait for the next vote\.$/,
    );
    const [pollMessage] = posts(emulator, GENERAL);
    if (!pollMessage) throw new Error('no poll posted');
    expect(text(emulator, pollMessage)).toContain(
      'Which text shall we read next? (the 20 oldest of 25 proposals; the others wait for the next vote)',
    );
    const labels = optionLabels(pollMessage);
    expect(labels).toHaveLength(20);
    expect(labels[0]).toBe('1. Texte 1');
    // A long title is cut where it shows.
    expect(labels[2]).toMatch(/^3\. Texte 3 : une histoire très longue, .*…$/);
    expect(labels[19]).toBe('20. Texte 20');
    expect((await waiting(storeUrl)).map((entry) => entry.title)).toEqual(
      [21, 22, 23, 24, 25].map((number) => `Texte ${number}`),
    );
  });

  it('pages a long list with buttons that read the list again', async () => {
    const { emulator } = await withPlan();
    for (let number = 1; number <= 23; number += 1) {
      await add(emulator, { title: `Texte ${number}`, note: `Note ${number}` });
    }
    const first = await proposal(emulator, 'list').reply();
    expect(first.embeds[0]?.footer?.text).toBe('23 propositions en attente · Page 1/3');
    expect(first.embeds[0]?.description).toMatch(/^\*\*1\.\*\* \*\*Texte 1\*\*/);
    const [, next = ''] = buttonIds(first);
    expect(next).toBe('proposals:1');
    const second = await emulator.clickButton({ message: first, customId: next }).reply();
    expect(second.id).toBe(first.id);
    expect(second.embeds[0]?.description).toMatch(/^\*\*11\.\*\* \*\*Texte 11\*\*/);
    expect(second.embeds[0]?.footer?.text).toBe('23 propositions en attente · Page 2/3');
    // A forged page past the end shows the last one.
    const last = await emulator
      .clickButton({ message: first, customId: 'proposals:99', forged: true })
      .reply();
    expect(last.embeds[0]?.footer?.text).toBe('23 propositions en attente · Page 3/3');
  });

  it('posts no poll of no proposal, or of a single one, and says why', async () => {
    const { emulator, storeUrl } = await withPlan();
    const none = await proposal(emulator, 'vote', {}, { user: moderator }).reply();
    expect(text(emulator, none)).toBe(
      'Il n’y a aucune proposition à mettre au vote : aucun sondage publié. Les membres proposent avec `/proposition ajouter`.',
    );
    await add(emulator, { title: 'Le Capital' });
    const rows = await dataRows(storeUrl);
    const single = await proposal(emulator, 'vote', {}, { user: moderator }).reply();
    expect(text(emulator, single)).toBe(
      'Il n’y a qu’une proposition (« Le Capital ») : un sondage demande au moins deux options. Aucun sondage publié ; la proposition reste dans la liste.',
    );
    expect(posts(emulator, GENERAL)).toEqual([]);
    expect(await dataRows(storeUrl)).toEqual(rows);
  });

  it('posts one poll when two processes put the proposals to a vote at once, and finishes a round a dead process left', async () => {
    const first = await withPlan();
    const second = await first.startAnother();
    const { emulator, storeUrl } = first;
    for (const title of ['Le Capital', 'La Commune', 'Germinal']) await add(emulator, { title });
    const origin = {
      guildId: guild,
      channelId: GENERAL,
      creatorId: moderator,
      locale: 'fr',
    } as const;
    const outcomes = await Promise.allSettled([
      first.bot.services.proposals.putToVote(origin),
      second.bot.services.proposals.putToVote(origin),
    ]);
    const posted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(posted).toHaveLength(1);
    const refusals = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
    );
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toBeInstanceOf(UserError);
    expect(['proposal.vote.busy', 'proposal.vote.none']).toContain((refusals[0] as UserError).key);
    expect(posts(emulator, GENERAL)).toHaveLength(1);
    expect(await archived(storeUrl)).toHaveLength(3);

    // A process died after posting a poll of two proposals, before archiving them: the next round
    // archives them with that poll, and posts none of them again.
    for (const title of ['Bartleby', 'Walden', 'Spartacus']) await add(emulator, { title });
    // Two processes share the interactions: found by title, whichever process stored them.
    const byTitle = new Map((await waiting(storeUrl)).map((entry) => [entry.title, entry.id]));
    await first.bot.services.store.set(`proposal-round:${guild}`, {
      token: 'dead',
      at: Date.parse(START_TIME) - 10 * 60_000,
      pollId: 'dead-poll',
      ids: [byTitle.get('Bartleby'), byTitle.get('Walden')],
    });
    const reply = await proposal(emulator, 'vote', {}, { user: moderator }).reply();
    expect(text(emulator, reply)).toContain('Il n’y a qu’une proposition (« Spartacus »)');
    expect(await archived(storeUrl)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Bartleby', pollId: 'dead-poll' }),
        expect.objectContaining({ title: 'Walden', pollId: 'dead-poll' }),
      ]),
    );
    expect((await waiting(storeUrl)).map((entry) => entry.title)).toEqual(['Spartacus']);
    expect(posts(emulator, GENERAL)).toHaveLength(1);
    // The dead round is over: the next one runs.
    await add(emulator, { title: 'Walden' });
    const next = await proposal(emulator, 'vote', {}, { user: moderator }).reply();
    expect(text(emulator, next)).toMatch(/^Sondage publié/);
  });
});

describe('the poll of proposals at a plan’s end', () => {
  it('follows the closing prompt, after the poll of sections, and archives the proposals', async () => {
    const { emulator, storeUrl } = await startTestBot({ clock: manualClock(START_TIME) });
    await reading(emulator, 'start', { ...START, from_section: 2 }).reply();
    await add(emulator, { title: 'Le Capital' });
    await add(emulator, { title: 'La Commune' }, reader);
    await reading(emulator, 'next').reply();
    await reading(emulator, 'next').reply();
    await reading(emulator, 'next').reply();
    await until(() => posts(emulator, CLUB).length === 5);
    const [, , closing, sectionsPoll, proposalsPoll] = posts(emulator, CLUB);
    expect(closing?.embeds[0]?.title).toMatch(/^Fin de la lecture/);
    expect(text(emulator, sectionsPoll as StoredMessage)).toContain(
      'Quelle section voulez-vous relire ensemble ?',
    );
    if (!proposalsPoll) throw new Error('no poll of proposals');
    expect(text(emulator, proposalsPoll)).toContain('Quel texte lire ensuite ?');
    expect(optionLabels(proposalsPoll)).toEqual(['1. Le Capital', '2. La Commune']);
    expect(await waiting(storeUrl)).toEqual([]);
    expect(await archived(storeUrl)).toHaveLength(2);
    // Only the prompts ping, the plan's role only.
    expect(emulator.pings().map((ping) => ping.messageId)).not.toContain(proposalsPoll.id);
  });

  it('posts nothing more when fewer than two proposals wait: they wait for /proposal vote', async () => {
    const { emulator, storeUrl } = await startTestBot({ clock: manualClock(START_TIME) });
    await reading(emulator, 'start', { ...START, from_section: 3, thread: false }).reply();
    await add(emulator, { title: 'Le Capital' });
    await reading(emulator, 'next').reply();
    await reading(emulator, 'next').reply();
    await until(() => posts(emulator, CLUB).length === 2);
    const [, closing] = posts(emulator, CLUB);
    expect(closing?.embeds[0]?.title).toMatch(/^Fin de la lecture/);
    expect((await waiting(storeUrl)).map((entry) => entry.title)).toEqual(['Le Capital']);
    expect(posts(emulator, CLUB)).toHaveLength(2);
  });
});

describe('/privacy and proposals', () => {
  it('shows a member’s proposals, waiting and archived, and erases them', async () => {
    const { emulator, storeUrl } = await withPlan();
    await add(emulator, { title: 'Le Capital', note: 'Le livre I suffit' });
    await add(emulator, { title: 'La Commune' }, reader);
    await proposal(emulator, 'vote', {}, { user: moderator }).reply();
    await add(emulator, { title: 'Germinal', link: 'https://example.org/germinal' });
    await add(emulator, { title: 'Walden' }, reader);

    const shown = await emulator
      .slashCommand({ name: 'privacy', subcommand: 'show', user: member })
      .reply();
    expect(text(emulator, shown)).toContain(
      '• **Propositions de textes** : 2. Chacune garde son titre, son lien, sa note et votre identifiant',
    );
    const asked = await emulator
      .slashCommand({ name: 'privacy', subcommand: 'delete', user: member })
      .reply();
    expect(text(emulator, asked)).toContain(
      '• vos propositions de textes (2) : celles en attente quittent la liste ; un sondage déjà publié garde ses options ;',
    );
    const [confirm = ''] = buttonIds(asked);
    const erased = await emulator
      .clickButton({ message: asked, customId: confirm, user: member })
      .reply();
    expect(text(emulator, erased)).toContain('• Propositions de textes effacées : 2');

    // Nothing of hers is left; Bastien's stay.
    for (const row of await dataRows(storeUrl)) {
      expect(`${row.key} ${row.value}`).not.toContain(member);
    }
    expect((await waiting(storeUrl)).map((entry) => entry.title)).toEqual(['Walden']);
    expect((await archived(storeUrl)).map((entry) => entry.title)).toEqual(['La Commune']);
    // Her waiting proposal's title and link are free again.
    expect(
      await add(emulator, { title: 'Germinal', link: 'https://example.org/germinal' }, reader),
    ).toMatch(/^Proposition enregistrée/);
  });
});
