import { expect } from 'vitest';
import type {
  CommandInvocation,
  Emulator,
  InteractionHandle,
  StoredMessage,
  UserRef,
} from '../../scripts/emulator';
import { rawRows } from './store-rows';

/** A secret for tests that need anonymous polls. */
export const TEST_POLL_SECRET = 'test-secret-of-at-least-16-chars';

export interface CreatedPoll {
  readonly pollId: string;
  /** The poll message as first posted (read `emulator.message(id)` for its current version). */
  readonly message: StoredMessage;
  /** The ephemeral answer to the creator. */
  readonly reply: StoredMessage;
}

/** `/poll create` through the emulator; resolves with the posted poll message. */
export async function createPoll(
  emulator: Emulator,
  options: Record<string, string | number | boolean>,
  invocation: Partial<CommandInvocation> = {},
): Promise<CreatedPoll> {
  const channelId = invocation.channelId ?? emulator.defaultChannelId;
  const before = new Set(emulator.channelMessages(channelId).map((message) => message.id));
  const reply = await emulator
    .slashCommand({ name: 'poll', subcommand: 'create', options, ...invocation })
    .reply();
  expect(reply.ephemeral, emulator.text(reply)).toBe(true);
  const message = emulator
    .channelMessages(channelId)
    .find((candidate) => !before.has(candidate.id) && candidate.source === 'channel');
  if (!message) throw new Error(`no poll message was posted; reply: ${emulator.text(reply)}`);
  return { pollId: pollIdOf(message), message, reply };
}

/** The poll id the message's buttons carry. */
export function pollIdOf(message: StoredMessage): string {
  const customId = buttonIds(message).find((id) => id.startsWith('poll:'));
  if (customId === undefined) throw new Error('not a poll message');
  return customId.split(':')[1] ?? '';
}

export function buttonIds(message: StoredMessage): string[] {
  return message.components.flatMap((row) =>
    (row.components ?? []).map((component) => component.custom_id ?? ''),
  );
}

/** A click on option `index` (0-based) of a poll message. */
export function vote(
  emulator: Emulator,
  poll: CreatedPoll,
  index: number,
  user?: UserRef,
  extra: { locale?: string } = {},
): InteractionHandle<StoredMessage> {
  return emulator.clickButton({
    message: poll.message.id,
    customId: `poll:${poll.pollId}:${index}`,
    ...(user !== undefined && { user }),
    ...extra,
  });
}

/** A click on one of the poll message's control buttons. */
export function control(
  emulator: Emulator,
  poll: CreatedPoll,
  kind: 'poll-mine' | 'poll-results' | 'poll-close',
  user?: UserRef,
  extra: { locale?: string; permissions?: string | bigint } = {},
): InteractionHandle<StoredMessage> {
  return emulator.clickButton({
    message: poll.message.id,
    customId: `${kind}:${poll.pollId}`,
    ...(user !== undefined && { user }),
    ...extra,
  });
}

/** Waits until the poll message's current version satisfies `probe` (live edits are coalesced). */
export function waitForPollMessage(
  emulator: Emulator,
  poll: CreatedPoll,
  probe: (text: string, message: StoredMessage) => boolean,
  timeoutMs = 8000,
): Promise<StoredMessage> {
  return emulator.waitFor(
    () => {
      const message = emulator.message(poll.message.id);
      return message && probe(emulator.text(message), message) ? message : undefined;
    },
    timeoutMs,
    'the poll message to show the expected state',
  );
}

/** The stored votes of one poll, by voter key. */
export async function storedVotes(store: string, pollId: string): Promise<Map<string, number[]>> {
  const prefix = `tribune:vote:${pollId}:`;
  const votes = new Map<string, number[]>();
  for (const row of await rawRows(store)) {
    if (!row.key.startsWith(prefix)) continue;
    const { value } = JSON.parse(row.value) as { value: { choices: number[] } };
    votes.set(row.key.slice(prefix.length), value.choices);
  }
  return votes;
}

/** Parses the CSV the bot attached: BOM stripped, CRLF lines, quoted cells. */
export function parseCsv(message: StoredMessage): string[][] {
  const [attachment] = message.attachments;
  expect(attachment?.filename).toMatch(/^poll-[\w-]+\.csv$/);
  const text = attachment?.text() ?? '';
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  for (const line of text.slice(1).split('\r\n').slice(0, -1)) {
    const cells: string[] = [];
    for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      const cell = match[1] ?? '';
      cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
      if (match[2] === '') break;
    }
    rows.push(line === '' ? [] : cells);
  }
  return rows;
}
