import { MessageFlags, type RepliableInteraction } from 'discord.js';
import type { MessageView } from '../render/view';
import { toPayload, toReply } from './to-payload';

/** Discord drops an interaction not answered within 3 s; defer well before. */
export const DEFER_AFTER_MS = 2000;

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
    timer = setTimeout(() => {
      resolve('slow');
    }, options.deferAfterMs ?? DEFER_AFTER_MS);
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
