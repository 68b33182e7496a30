import type { ReadingPlan, Weekday } from '../../src/reading/core/plan';
import type { NewPlan } from '../../src/reading/reading-service';
import { isoWeekday, localDateTime } from '../../src/time/zoned-time';
import { DEFAULT_IDS, type Emulator, type StoredMessage } from '../../scripts/emulator';
import type { TestBot } from './bot-harness';

/**
 * Creates a plan through the service whose next occurrence is `seconds` from now (the scheduler
 * takes second-resolution times, which organisers never type), so a test sees node-cron fire for
 * real without waiting for a weekly slot.
 */
export async function planSecondsAhead(
  testBot: TestBot,
  seconds: number,
  overrides: Partial<NewPlan> = {},
): Promise<ReadingPlan> {
  const timeZone = overrides.timeZone ?? 'Europe/Paris';
  const due = localDateTime(new Date(Date.now() + seconds * 1000), timeZone);
  const { plan } = await testBot.bot.services.readings.createPlan({
    guildId: DEFAULT_IDS.guild,
    channelId: DEFAULT_IDS.clubChannel,
    textId: testBot.bot.services.texts.builtIn.defaultText.id,
    firstSection: 1,
    weekday: isoWeekday(due) as Weekday,
    time: { hour: due.hour, minute: due.minute, second: due.second },
    timeZone,
    roleId: DEFAULT_IDS.readerRole,
    thread: true,
    locale: 'fr',
    createdBy: DEFAULT_IDS.moderator,
    ...overrides,
  });
  return plan;
}

/** Prompts the bot posted in a channel (messages with an embed, not interaction replies). */
export function prompts(
  emulator: Emulator,
  channelId: string = DEFAULT_IDS.clubChannel,
): StoredMessage[] {
  return emulator
    .channelMessages(channelId)
    .filter((message) => message.source === 'channel' && message.embeds.length > 0);
}

/** Waits until the channel holds `count` prompts. */
export function waitForPrompts(
  emulator: Emulator,
  count: number,
  timeoutMs = 8000,
  channelId: string = DEFAULT_IDS.clubChannel,
): Promise<StoredMessage[]> {
  return emulator.waitFor(
    () => {
      const found = prompts(emulator, channelId);
      return found.length >= count && found;
    },
    timeoutMs,
    `${count} prompt(s) in ${channelId}`,
  );
}

/** Lets time pass (to show that nothing more happens). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A clock a test moves by hand. */
export function manualClock(start: string): { now(): Date; set(iso: string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(iso) {
      current = new Date(iso);
    },
  };
}

/** The moderator's `/reading <subcommand>` (Camille has Manage Server). */
export function reading(
  emulator: Emulator,
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
  extra: { locale?: string; permissions?: string; user?: string } = {},
) {
  return emulator.slashCommand({
    name: 'reading',
    subcommand,
    options,
    user: extra.user ?? DEFAULT_IDS.moderator,
    ...(extra.locale !== undefined && { locale: extra.locale }),
    ...(extra.permissions !== undefined && { permissions: extra.permissions }),
  });
}

/** Waits until the plan has recorded `count` posts (a prompt is out a moment before). */
export async function waitForRecordedPosts(
  testBot: TestBot,
  planId: string,
  count: number,
  timeoutMs = 8000,
): Promise<ReadingPlan> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const plan = await testBot.bot.services.readings.get(planId);
    if (plan !== undefined && plan.posts.length >= count) return plan;
    if (Date.now() > deadline) throw new Error(`plan ${planId} has not recorded ${count} post(s)`);
    await pause(20);
  }
}
