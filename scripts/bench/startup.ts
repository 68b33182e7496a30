import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_IDS } from '../../tests/emulator';
import { CONFIG } from './config';
import type { Figure } from './figures';
import { ackLatencies, send } from './interactions';
import { startLab, stopLab, type LabOptions, type Who } from './lab';
import { median } from './stats';
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
    const seeded: LabOptions = {
      async seed(databasePath) {
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(pristine + suffix))
            await copyFile(pristine + suffix, databasePath + suffix);
        }
      },
    };
    const samples: Record<Start, StartSample[]> = {
      floor: [],
      'tribune, empty store': [],
      'tribune, with data': [],
    };
    for (let round = 0; round < CONFIG.rounds; round++) {
      samples.floor.push(await startOnce('floor', {}));
      samples['tribune, empty store'].push(await startOnce('tribune', {}));
      samples['tribune, with data'].push(await startOnce('tribune', seeded));
    }
    const med = (start: Start, pick: (sample: StartSample) => number) =>
      median(samples[start].map(pick));
    const data = `${CONFIG.seed.polls.toLocaleString('en')} polls (${CONFIG.seed.openPolls.toLocaleString('en')} open), ${CONFIG.seed.plans.toLocaleString('en')} plans`;
    return [
      {
        name: 'start to ready, empty store',
        unit: 'ms',
        tribune: med('tribune, empty store', (sample) => sample.readyMs),
        floor: med('floor', (sample) => sample.readyMs),
      },
      {
        name: `start to ready, ${data}`,
        unit: 'ms',
        tribune: med('tribune, with data', (sample) => sample.readyMs),
        floor: med('floor', (sample) => sample.readyMs),
        target: { kind: 'at-most', value: 3000 },
      },
      {
        name: 'first command sent at ready: ack latency, empty store',
        unit: 'ms',
        tribune: med('tribune, empty store', (sample) => sample.firstAnswerMs),
        floor: med('floor', (sample) => sample.firstAnswerMs),
      },
      {
        name: `first command sent at ready: ack latency, ${data}`,
        unit: 'ms',
        tribune: med('tribune, with data', (sample) => sample.firstAnswerMs),
        floor: med('floor', (sample) => sample.firstAnswerMs),
      },
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
