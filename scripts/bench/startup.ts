import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_IDS } from '../emulator';
import { CONFIG } from './config';
import { fromRounds, type Figure } from './figures';
import { ackLatencies, send } from './interactions';
import { seededFrom, startLab, stopLab, type LabOptions, type Who } from './lab';
import { exitedChildrenCpuMs, quietly } from './noise';
import { seedStore } from './seed';
import { within } from './time';

type Start = 'floor' | 'tribune, empty store' | 'tribune, with data';

interface StartSample {
  readonly readyMs: number;
  /** Ack latency of a `/section` sent the moment the subject said it was ready. */
  readonly firstAnswerMs: number;
}

async function startOnce(who: Who, options: LabOptions): Promise<StartSample> {
  const lab = await startLab(who, options);
  try {
    const [firstAnswerMs = Number.NaN] = await within(
      ackLatencies([send(lab, 'section', undefined)]),
      30_000,
      'the first answer',
    );
    return { readyMs: lab.subject.startMs, firstAnswerMs };
  } finally {
    await stopLab(lab);
  }
}

/**
 * Start-up: spawn → "ready" log line, with an empty store and with a store seeded through the
 * real repositories (10,000 polls of which 500 open, 1,000 reading plans), and the floor's; plus
 * how long the first command waits when sent the moment the bot says it is ready (background
 * catch-up that blocks the event loop would show there).
 */
export async function startupFigures(): Promise<Figure[]> {
  const folder = await mkdtemp(join(tmpdir(), 'tribune-bench-seed-'));
  try {
    const pristine = join(folder, 'seeded.sqlite');
    const seedingStarted = performance.now();
    await seedStore(pristine, DEFAULT_IDS.guild, CONFIG.seed);
    console.error(
      `seeded ${CONFIG.seed.polls} polls and ${CONFIG.seed.plans} plans in ${Math.round(performance.now() - seedingStarted)} ms`,
    );
    const seeded = seededFrom(pristine);
    const samples: Record<Start, StartSample[]> = {
      floor: [],
      'tribune, empty store': [],
      'tribune, with data': [],
    };
    const starts: [Start, Who, LabOptions][] = [
      ['floor', 'floor', {}],
      ['tribune, empty store', 'tribune', {}],
      ['tribune, with data', 'tribune', seeded],
    ];
    // Unmeasured: the first start after seeding finds cold caches (disk, tsx's transforms).
    for (const [, who, options] of starts) await startOnce(who, options);
    for (let round = 0; round < CONFIG.rounds; round++) {
      for (const [start, who, options] of starts) {
        // The subject has exited when `startOnce` returns: its CPU time is a child's.
        samples[start].push(await quietly(exitedChildrenCpuMs, () => startOnce(who, options)));
      }
    }
    const series = (tribune: Start, pick: (sample: StartSample) => number) => ({
      tribune: samples[tribune].map(pick),
      floor: samples.floor.map(pick),
    });
    const data = `${CONFIG.seed.polls.toLocaleString('en')} polls (${(CONFIG.seed.polls / CONFIG.seed.openEvery).toLocaleString('en')} open), ${CONFIG.seed.plans.toLocaleString('en')} plans`;
    const ready = (sample: StartSample) => sample.readyMs;
    const firstAnswer = (sample: StartSample) => sample.firstAnswerMs;
    return [
      fromRounds('start to ready, empty store', 'ms', series('tribune, empty store', ready)),
      fromRounds(`start to ready, ${data}`, 'ms', series('tribune, with data', ready), {
        kind: 'at-most',
        value: 3000,
      }),
      fromRounds(
        'first command sent at ready: ack latency, empty store',
        'ms',
        series('tribune, empty store', firstAnswer),
      ),
      fromRounds(
        `first command sent at ready: ack latency, ${data}`,
        'ms',
        series('tribune, with data', firstAnswer),
        { kind: 'ratio-at-most', value: 3 },
      ),
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
