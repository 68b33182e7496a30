import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { PollRecord } from '../../src/polls/core/poll';
import { PollStore } from '../../src/polls/poll-store';
import type { ReadingPlan, Weekday } from '../../src/reading/core/plan';
import { PlanStore } from '../../src/reading/plan-store';
import { openStore } from '../../src/store/open-store';

export interface SeedCounts {
  readonly polls: number;
  readonly openPolls: number;
  readonly votesPerPoll: number;
  readonly plans: number;
}

const DAY = 86_400_000;
const BATCH = 100;
const ZONES = ['Europe/Paris', 'America/Montreal', 'Africa/Dakar', 'Europe/Brussels'];
const TEXT_ID = 'sommet-ia-montagne-de-degats';

/**
 * Fills a SQLite file through Tribune's own repositories, as months of use would: polls (most of
 * them closed, with frozen tallies and kept votes, the rest open for days yet) and active reading
 * plans, each in its own channel, spread over the week, none of them due while the benchmark runs.
 */
export async function seedStore(
  databasePath: string,
  guildId: string,
  counts: SeedCounts,
): Promise<void> {
  const store = await openStore({
    url: `sqlite://${databasePath}`,
    logger: pino({ level: 'silent' }),
  });
  try {
    const polls = new PollStore(store);
    const plans = new PlanStore(store);
    const now = Date.now();
    await inBatches(counts.polls, async (index) => {
      const open = index < counts.openPolls;
      const createdAt = now - (open ? 1 : 2 + (index % 60)) * DAY;
      const poll: PollRecord = {
        id: `seed${String(index).padStart(8, '0')}`,
        guildId,
        channelId: snowflake(1, index % 50),
        messageId: snowflake(2, index),
        creatorKey: snowflake(3, index % 200),
        question: `Question ${String(index)} : quel chapitre lire ensuite ?`,
        options: ['Le premier', 'Le deuxième', 'Le troisième', 'Le quatrième'],
        maxChoices: 1,
        anonymous: false,
        results: 'live',
        locale: 'fr',
        createdAt,
        closesAt: open ? now + (1 + (index % 14)) * DAY : createdAt + DAY,
      };
      if (!(await polls.create(poll))) throw new Error(`seed poll ${poll.id} exists`);
      for (let voter = 0; voter < counts.votesPerPoll; voter++) {
        await polls.changeVote(poll.id, snowflake(4, voter), () => ({ choices: [voter % 4] }));
      }
      if (open) return;
      const closed = await polls.close(poll.id, poll.closesAt);
      if (closed === undefined) throw new Error(`seed poll ${poll.id} did not close`);
      await polls.claimAnnouncement(poll.id);
      await polls.settleClosed(closed);
    });
    // Plans post on every weekday but today's (and 18:00–18:59): none is due during the run.
    const today = new Date(now).getUTCDay();
    await inBatches(counts.plans, async (index) => {
      const weekday = (((today + (index % 6)) % 7) + 1) as Weekday;
      const createdAt = new Date(now - (index % 30) * DAY).toISOString();
      const plan: ReadingPlan = {
        id: randomUUID(),
        guildId,
        channelId: snowflake(5, index),
        textId: TEXT_ID,
        roleId: undefined,
        thread: index % 2 === 0,
        locale: 'fr',
        createdBy: snowflake(3, index % 200),
        createdAt,
        weekday,
        time: { hour: 18, minute: index % 60, second: 0 },
        timeZone: ZONES[index % ZONES.length] ?? 'Europe/Paris',
        firstSection: 1,
        nextSection: 1,
        state: 'active',
        pauseReason: undefined,
        anchor: new Date(now).toISOString(),
        posts: [],
        misses: [],
      };
      if (!(await plans.create(plan))) throw new Error(`seed plan ${plan.id} was refused`);
    });
  } finally {
    await store.close();
  }
}

/** Runs `work(0 … count-1)`, `BATCH` at a time. */
async function inBatches(count: number, work: (index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    await Promise.all(Array.from({ length: size }, (_, offset) => work(start + offset)));
  }
}

/** A snowflake-shaped id, distinct per (kind, index). */
function snowflake(kind: number, index: number): string {
  return `14${String(kind)}${String(index).padStart(16, '0')}`;
}
