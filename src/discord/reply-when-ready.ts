import { performance } from 'node:perf_hooks';
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { MessageView } from '../render/view';
import { toPayload, toReply } from './to-payload';

/** Discord drops an interaction not answered within 3 s; defer well before. */
export const DEFER_AFTER_MS = 2000;

/**
 * When each interaction reached this process. The 3 s run from there, not from when a handler
 * started: the router may have waited for the store (its exactly-once claim), and a burst can
 * delay handlers on a busy event loop. Weak, so it holds no interaction past its life.
 */
const receivedAt = new WeakMap<object, number>();

/** Called by the router as soon as an interaction arrives. */
export function markReceived(interaction: object): void {
  receivedAt.set(interaction, performance.now());
}

function remainingBeforeDefer(interaction: object, deferAfterMs: number): number {
  const since = performance.now() - (receivedAt.get(interaction) ?? performance.now());
  return Math.max(0, deferAfterMs - since);
}

/**
 * Answers with the message `work` produces, in one request when it is ready in time; when it is
 * slow, defers before Discord's 3-second deadline and edits the answer in once it is ready. A
 * failure of `work` is rethrown for the router to answer (as a follow-up if deferred), so nothing
 * is ever confirmed that did not happen.
 */
export async function replyWhenReady(
  interaction: RepliableInteraction,
  work: Promise<MessageView>,
  options: { ephemeral: boolean; deferAfterMs?: number },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(
      () => {
        resolve('slow');
      },
      remainingBeforeDefer(interaction, options.deferAfterMs ?? DEFER_AFTER_MS),
    );
  });
  const first = await Promise.race([
    work.then(
      (view) => ({ view }),
      (error: unknown) => ({ error }),
    ),
    slow,
  ]);
  clearTimeout(timer);
  if (first !== 'slow') {
    if ('error' in first) throw first.error;
    await interaction.reply(toReply(first.view, { ephemeral: options.ephemeral }));
    return;
  }
  await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const view = await work;
  await interaction.editReply(toPayload(view));
}
