import { performance } from 'node:perf_hooks';
import {
  MessageFlags,
  type MessageComponentInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { MessageView } from '../render/view';
import { toPayload, toReply } from './to-payload';

/**
 * Discord drops an interaction not answered within 3 s; defer well before. Half of it is left for
 * the deferral itself: on a busy process (a burst of 500 votes on a loaded 2-core machine) a
 * request took over a second from `deferReply` to Discord.
 */
export const DEFER_AFTER_MS = 1500;

/**
 * When each interaction's 3 s began, on this process's monotonic clock. Not when a handler
 * started: the router may have waited for the store (its exactly-once claim), and a burst can
 * delay handlers on a busy event loop. Not even when it reached this process: in a burst, an
 * interaction may wait in the gateway socket's backlog while the ones before it are parsed, and
 * Discord counts from when it created the interaction, which its id (a snowflake) tells. Weak, so
 * it holds no interaction past its life.
 */
const receivedAt = new WeakMap<object, number>();

/** Discord's epoch for snowflakes (2015-01-01T00:00:00Z). */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
/** Beyond this, the snowflake's age says more about a skewed clock here than about Discord. */
const MAX_TRUSTED_AGE_MS = 3000;

/** Called by the router as soon as an interaction arrives. */
export function markReceived(interaction: { readonly id: string }): void {
  const now = performance.now();
  const age = Date.now() - snowflakeTime(interaction.id);
  receivedAt.set(interaction, age > 0 && age <= MAX_TRUSTED_AGE_MS ? now - age : now);
}

function snowflakeTime(id: string): number {
  try {
    return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
  } catch {
    return Date.now();
  }
}

function remainingBeforeDefer(interaction: object, deferAfterMs: number): number {
  const since = performance.now() - (receivedAt.get(interaction) ?? performance.now());
  return Math.max(0, deferAfterMs - since);
}

type Work = MessageView | Promise<MessageView>;

/**
 * Answers an interaction with the message `work` produces: the one way every command answers. In
 * one request when it is ready in time; when it is slow, defers before Discord's 3-second
 * deadline and edits the answer in once it is ready. A failure of `work` is rethrown for the
 * router to answer (as a follow-up if deferred), so nothing is ever confirmed that did not happen.
 */
export async function replyWhenReady(
  interaction: RepliableInteraction,
  work: Work,
  options: { ephemeral: boolean; deferAfterMs?: number },
): Promise<void> {
  const view = await inTime(interaction, work, options.deferAfterMs);
  if (view !== 'slow') {
    await interaction.reply(toReply(view, { ephemeral: options.ephemeral }));
    return;
  }
  await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await interaction.editReply(toPayload(await work));
}

/** `replyWhenReady` for a button that changes the message it is on (pages, confirmations). */
export async function updateWhenReady(
  interaction: MessageComponentInteraction,
  work: Work,
  options: { deferAfterMs?: number } = {},
): Promise<void> {
  const view = await inTime(interaction, work, options.deferAfterMs);
  if (view !== 'slow') {
    await interaction.update(toPayload(view));
    return;
  }
  await interaction.deferUpdate();
  await interaction.editReply(toPayload(await work));
}

/** The view, if `work` gives it before it is time to defer; else 'slow'. Rethrows its failure. */
async function inTime(
  interaction: object,
  work: Work,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<MessageView | 'slow'> {
  if (!(work instanceof Promise)) return work;
  // No time left (or none asked for): defer at once rather than race a timer.
  const remaining = remainingBeforeDefer(interaction, deferAfterMs);
  if (remaining === 0) {
    // Awaited once deferred; handled now, so a failure meanwhile is not an unhandled rejection.
    work.catch(() => undefined);
    return 'slow';
  }
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => {
      resolve('slow');
    }, remaining);
  });
  const first = await Promise.race([
    work.then(
      (view) => ({ view }),
      (error: unknown) => ({ error }),
    ),
    slow,
  ]);
  clearTimeout(timer);
  if (first === 'slow') return first;
  if ('error' in first) throw first.error;
  return first.view;
}
