import { defaultGuild, type GuildFixture } from '../../scripts/emulator';
import type { TestBot } from './bot-harness';
import { rowsMentioning } from './store-rows';

/** Ids of a second server, to check that nothing crosses from one server to another. */
export const OTHER = {
  guild: '1300000000000009100',
  channel: '1300000000000009301',
  role: '1300000000000009201',
  member: '1300000000000009401',
} as const;

/**
 * Another server beside `defaultGuild()`: one channel, a mentionable role and one member. Commands
 * are registered in the first server only (as `npm run deploy` does with DISCORD_GUILD_ID), so
 * tests put this server's data in the store through the services.
 */
export function secondGuild(): GuildFixture {
  const everyone = defaultGuild().roles?.[0];
  if (!everyone) throw new Error('the default guild has no @everyone role');
  return defaultGuild({
    id: OTHER.guild,
    name: 'Autre cercle',
    owner_id: OTHER.member,
    roles: [
      { ...everyone, id: OTHER.guild },
      { id: OTHER.role, name: 'Ailleurs', permissions: '0', position: 1, mentionable: true },
    ],
    channels: [{ id: OTHER.channel, name: 'ailleurs', type: 0, position: 0 }],
    members: [{ id: OTHER.member, username: 'autre', roles: [OTHER.role] }],
  });
}

/** Every question asked in the second server contains this: it must never show in another. */
export const OTHER_SECRET = 'secrète d’ailleurs';

export interface SeededSecondGuild {
  readonly pollIds: readonly string[];
  readonly planId: string;
  /** The second server's rows in the store and messages in its channel, to compare. */
  snapshot(): Promise<unknown>;
}

/**
 * Puts data of the second server in the store, through the services (its members cannot use
 * commands here): an open poll and an anonymous one (`POLL_SECRET` needed), each with a vote, and
 * a reading plan pinging its role.
 */
export async function seedSecondGuild(testBot: TestBot): Promise<SeededSecondGuild> {
  const { bot, emulator, storeUrl } = testBot;
  const { polls, readings, texts } = bot.services;
  const actor = {
    userId: OTHER.member,
    guildId: OTHER.guild,
    roleIds: [OTHER.role],
    canManageMessages: false,
    locale: 'fr' as const,
  };
  const pollIds: string[] = [];
  for (const anonymous of [false, true]) {
    const { pollId, messageId } = await polls.createAndPost(
      {
        guildId: OTHER.guild,
        channelId: OTHER.channel,
        creatorId: OTHER.member,
        locale: 'fr',
      },
      polls.check(
        {
          question: `Question ${OTHER_SECRET} ?`,
          options: ['oui', 'non'],
          duration: 3_600_000,
          anonymous,
        },
        'fr',
      ),
    );
    await polls.vote(actor, pollId, 0);
    await emulator.waitFor(
      () => emulator.message(messageId)?.embeds[0]?.description?.includes('👥 1 votant'),
      5000,
      'the second server’s poll to show its vote',
    );
    pollIds.push(pollId);
  }
  const { plan } = await readings.createPlan({
    guildId: OTHER.guild,
    channelId: OTHER.channel,
    textId: texts.builtIn.defaultText.id,
    firstSection: 1,
    weekday: 1,
    time: { hour: 3, minute: 0, second: 0 },
    timeZone: 'Europe/Paris',
    roleId: OTHER.role,
    thread: true,
    locale: 'fr',
    createdBy: OTHER.member,
  });
  const ids = [OTHER.guild, OTHER.channel, OTHER.member, ...pollIds, plan.id];
  return {
    pollIds,
    planId: plan.id,
    snapshot: async () => ({
      rows: await rowsMentioning(storeUrl, ids),
      messages: emulator
        .channelMessages(OTHER.channel, { includeDeleted: true })
        .map((message) => `${message.id}@${message.revision}`),
    }),
  };
}
