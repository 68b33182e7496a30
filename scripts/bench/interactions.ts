import {
  DEFAULT_IDS,
  type InteractionHandle,
  type MemberFixture,
  type StoredMessage,
} from '../emulator';
import type { Kind } from './config';
import type { Lab } from './lab';

/** The interactions measured (`/section`, its autocomplete, a vote), sent alike to both. */
export type { Kind };

/**
 * What a vote clicks: Tribune's poll message (`/poll create`), or the message the floor answers a
 * command with, which carries one button.
 */
export interface VoteTarget {
  readonly messageId: string;
  readonly pollId: string | null;
  readonly options: number;
}

export const POLL_OPTIONS = ['Un', 'Deux', 'Trois', 'Quatre', 'Cinq'];

/** Where a poll is created: a server and one of its channels (default: the emulator's first). */
export interface PollPlace {
  readonly guildId: string;
  readonly channelId: string;
}

/** A fresh target: a new poll for Tribune, a new message with a button for the floor. */
export async function voteTarget(lab: Lab, place?: PollPlace): Promise<VoteTarget> {
  const { emulator } = lab;
  if (lab.who === 'floor') {
    const reply = await emulator
      .slashCommand({ name: 'section', options: { section: '1' } })
      .reply();
    return { messageId: reply.id, pollId: null, options: 1 };
  }
  // A new creator each time: a per-member limit on poll creation must not get in the way.
  const [creator] = emulator.createMembers(
    1,
    place === undefined ? { roles: [DEFAULT_IDS.moderatorRole] } : { guildId: place.guildId },
  );
  const channelId = place?.channelId ?? emulator.defaultChannelId;
  const before = new Set(emulator.channelMessages(channelId).map((message) => message.id));
  const reply = await emulator
    .slashCommand({
      name: 'poll',
      subcommand: 'create',
      options: {
        question: 'Quel livre ensuite ?',
        options: POLL_OPTIONS.join(';'),
        duration: '7d',
      },
      ...(creator !== undefined && { user: creator }),
      ...place,
    })
    .reply(10_000);
  const message = emulator
    .channelMessages(channelId)
    .find((candidate) => !before.has(candidate.id) && candidate.source === 'channel');
  const pollId = message === undefined ? undefined : pollIdOf(message);
  if (message === undefined || pollId === undefined) {
    throw new Error(`/poll create posted no poll: ${emulator.text(reply)}`);
  }
  return { messageId: message.id, pollId, options: POLL_OPTIONS.length };
}

function pollIdOf(message: StoredMessage): string | undefined {
  for (const row of message.components) {
    for (const component of row.components ?? []) {
      const parts = component.custom_id?.split(':') ?? [];
      if (parts[0] === 'poll' && parts.length === 3) return parts[1];
    }
  }
  return undefined;
}

/** One interaction of `kind` by `user` (default: the guild's default member). */
export function send(
  lab: Lab,
  kind: Kind,
  target: VoteTarget | undefined,
  user?: MemberFixture,
  index = 0,
): InteractionHandle<unknown> {
  const { emulator } = lab;
  const by = user === undefined ? {} : { user };
  switch (kind) {
    case 'section':
      return emulator.slashCommand({ name: 'section', options: { section: '2' }, ...by });
    case 'autocomplete':
      return emulator.autocomplete({
        name: 'section',
        focused: 'section',
        options: { section: 'ia' },
        ...by,
      });
    case 'vote': {
      if (target === undefined) throw new Error('a vote needs a target');
      return emulator.clickButton({
        message: target.messageId,
        customId: target.pollId === null ? 'ok' : `poll:${target.pollId}:${index % target.options}`,
        ...by,
      });
    }
  }
}

/** Acknowledgement latency of each handle: INTERACTION_CREATE sent → first callback received. */
export async function ackLatencies(
  handles: readonly InteractionHandle<unknown>[],
): Promise<number[]> {
  const callbacks = await Promise.all(handles.map((handle) => handle.callback));
  return callbacks.map(
    (callback, index) => callback.receivedAt - (handles[index]?.dispatchedAt ?? 0),
  );
}
