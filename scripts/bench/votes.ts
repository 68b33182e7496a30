import sqlite3 from 'sqlite3';
import { CONFIG } from './config';
import { fromRounds, type Figure } from './figures';
import type { InteractionHandle } from '../emulator';
import { send, voteTarget, type PollPlace, type VoteTarget } from './interactions';
import { orderOf, type Lab, type Who } from './lab';
import { quietly } from './noise';
import { within } from './time';

/** One round: distinct members click at once; every answer is awaited. */
interface VoteRound {
  /** First click sent → last answer received (a deferred vote counts once its edit arrives). */
  readonly ms: number;
  /** Clicks answered with a defer (type 5) rather than at once. */
  readonly deferred: number;
  /** Tribune's polls, whose stored votes are counted after the bot has stopped (none: floor). */
  readonly pollIds: readonly string[];
}

/** Clicks sent at once, each by its own member. */
export interface SentVotes {
  readonly handles: readonly InteractionHandle<unknown>[];
  /** When the first click went out (`performance.now()`). */
  readonly startedAt: number;
  readonly pollIds: readonly string[];
}

/**
 * `votes` distinct members click at once, spread evenly over a new poll in each of `places` (by
 * default one, in the emulator's first channel), the clicks of the places interleaved.
 */
export async function sendVotes(
  lab: Lab,
  votes: number = CONFIG.voteBurst,
  places: readonly (PollPlace | undefined)[] = [undefined],
): Promise<SentVotes> {
  const targets: VoteTarget[] = [];
  for (const place of places) targets.push(await voteTarget(lab, place));
  const members = places.map((place) =>
    lab.emulator.createMembers(
      Math.ceil(votes / places.length),
      place === undefined ? {} : { guildId: place.guildId },
    ),
  );
  const startedAt = performance.now();
  const handles = Array.from({ length: votes }, (_, index) => {
    const where = index % places.length;
    const number = Math.floor(index / places.length);
    return send(lab, 'vote', targets[where], members[where]?.[number], number);
  });
  const pollIds = targets.flatMap((target) => (target.pollId === null ? [] : [target.pollId]));
  return { handles, startedAt, pollIds };
}

async function voteRound(lab: Lab): Promise<VoteRound> {
  const { handles, startedAt, pollIds } = await sendVotes(lab);
  await within(
    Promise.all(handles.map((handle) => handle.reply(60_000))),
    60_000,
    `${handles.length} vote answers`,
  );
  const ms = performance.now() - startedAt;
  const callbacks = await Promise.all(handles.map((handle) => handle.callback));
  return {
    ms,
    deferred: callbacks.filter((callback) => callback.type === 5).length,
    pollIds,
  };
}

export interface VoteBursts {
  readonly rounds: Record<Who, VoteRound[]>;
}

/** Runs the burst rounds on running labs; the store is counted later (`voteFigures`). */
export async function voteBursts(labs: Record<Who, Lab>): Promise<VoteBursts> {
  const rounds: Record<Who, VoteRound[]> = { tribune: [], floor: [] };
  for (let round = 0; round < CONFIG.rounds; round++) {
    for (const who of orderOf(round)) {
      const lab = labs[who];
      rounds[who].push(
        await quietly(
          () => lab.subject.cpuMs(),
          () => voteRound(lab),
        ),
      );
    }
  }
  return { rounds };
}

/** Figures of the bursts, with the votes counted in Tribune's SQLite file after it stopped. */
export async function voteFigures(bursts: VoteBursts, databasePath: string): Promise<Figure[]> {
  const { tribune, floor } = bursts.rounds;
  const counts = await Promise.all(
    tribune.map((round) => storedVotes(databasePath, round.pollIds[0] ?? '')),
  );
  const total = CONFIG.voteBurst;
  const series = (pick: (round: VoteRound) => number) => ({
    tribune: tribune.map(pick),
    floor: floor.map(pick),
  });
  return [
    fromRounds(
      `${total.toLocaleString('en')} votes at once: all answered`,
      'ms',
      series((round) => round.ms),
      { kind: 'ratio-at-most', value: 1.3 },
    ),
    fromRounds(
      `${total.toLocaleString('en')} votes at once: votes per second`,
      '/s',
      series((round) => (total * 1000) / round.ms),
    ),
    {
      name: `${total.toLocaleString('en')} votes at once: answered with a defer (max over rounds)`,
      unit: '',
      tribune: Math.max(...tribune.map((round) => round.deferred)),
      floor: Math.max(...floor.map((round) => round.deferred)),
    },
    {
      name: `${total.toLocaleString('en')} votes at once: stored, read after stop (min over rounds)`,
      unit: '',
      tribune: Math.min(...counts),
      floor: null,
      target: { kind: 'equals', value: total },
    },
  ];
}

/** Votes of one poll in the SQLite file, read with a connection of our own. */
export function storedVotes(databasePath: string, pollId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(databasePath, sqlite3.OPEN_READONLY);
    const prefix = `tribune:vote:${pollId}:`;
    db.get(
      'SELECT count(*) AS n FROM keyv WHERE key >= ? AND key < ?',
      [prefix, `${prefix}\uffff`],
      (error: Error | null, row: { n: number } | undefined) => {
        db.close();
        if (error) reject(error);
        else resolve(row?.n ?? 0);
      },
    );
  });
}
