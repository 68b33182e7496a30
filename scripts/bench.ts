import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { deployCommands } from '../src/discord/deploy-commands';
import { startEmulator, type Emulator, type InteractionHandle } from '../tests/emulator';
import { median, quantile } from './bench/stats';
import { startSubject, type Subject } from './bench/subject';

/**
 * `npm run bench`: Tribune against a floor (a bare discord.js client answering with a fixed
 * reply), each in its own process on its own local emulator, same machine, same run. Prints a
 * Markdown table of medians over rounds with the ratio Tribune / floor, and writes JSON.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BURSTS = [1, 100, 500];
const MEMORY_INTERACTIONS = Number(process.env.BENCH_MEMORY_INTERACTIONS ?? 10_000);

interface Lab {
  readonly emulator: Emulator;
  readonly subject: Subject;
  readonly folder: string;
}

type Kind = 'section' | 'autocomplete';

const interactions: Record<Kind, (emulator: Emulator) => InteractionHandle<unknown>> = {
  section: (emulator) => emulator.slashCommand({ name: 'section', options: { section: '2' } }),
  autocomplete: (emulator) =>
    emulator.autocomplete({ name: 'section', focused: 'section', options: { section: 'ia' } }),
};

async function startLab(name: 'tribune' | 'floor'): Promise<Lab> {
  const emulator = await startEmulator();
  const folder = await mkdtemp(join(tmpdir(), `tribune-bench-${name}-`));
  const env = {
    DISCORD_TOKEN: emulator.token,
    DISCORD_API_URL: emulator.apiUrl,
    DISCORD_GUILD_ID: emulator.guildId,
    DATABASE_URL: `sqlite://${join(folder, 'tribune.sqlite')}`,
    LOG_LEVEL: 'info',
  };
  await deployCommands(loadConfig(env));
  const entry = name === 'tribune' ? 'src/main.ts' : 'scripts/bench/floor.ts';
  return { emulator, folder, subject: await startSubject(name, entry, env) };
}

async function stopLab(lab: Lab) {
  await lab.subject.stop();
  await lab.emulator.close();
  await rm(lab.folder, { recursive: true, force: true });
}

/** Acknowledgement latency: INTERACTION_CREATE sent → first callback received, in ms. */
async function burstLatencies(lab: Lab, kind: Kind, size: number): Promise<number[]> {
  const handles = Array.from({ length: size }, () => interactions[kind](lab.emulator));
  const callbacks = await Promise.all(handles.map((handle) => handle.callback));
  return callbacks.map(
    (callback, index) => callback.receivedAt - (handles[index]?.dispatchedAt ?? 0),
  );
}

interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly tribune: number;
  readonly floor: number;
}

async function latencyFigures(labs: Record<'tribune' | 'floor', Lab>): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const kind of Object.keys(interactions) as Kind[]) {
    for (const size of BURSTS) {
      const rounds: Record<'tribune' | 'floor', { p50: number[]; p99: number[] }> = {
        tribune: { p50: [], p99: [] },
        floor: { p50: [], p99: [] },
      };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate who goes first, so neither always runs on a warmer machine.
        const order =
          round % 2 === 0 ? (['floor', 'tribune'] as const) : (['tribune', 'floor'] as const);
        for (const who of order) {
          // A burst of 1 is repeated to get a distribution.
          const samples =
            size === 1
              ? await sequential(50, () => burstLatencies(labs[who], kind, 1))
              : await burstLatencies(labs[who], kind, size);
          rounds[who].p50.push(quantile(samples, 0.5));
          rounds[who].p99.push(quantile(samples, 0.99));
        }
      }
      for (const q of ['p50', 'p99'] as const) {
        figures.push({
          name: `${kind} ack latency ${q}, burst of ${size}`,
          unit: 'ms',
          tribune: median(rounds.tribune[q]),
          floor: median(rounds.floor[q]),
        });
      }
    }
  }
  return figures;
}

async function sequential(times: number, run: () => Promise<number[]>): Promise<number[]> {
  const all: number[] = [];
  for (let index = 0; index < times; index++) all.push(...(await run()));
  return all;
}

/** Resident memory after start and after many interactions (caches must be bounded). */
async function memoryFigures(labs: Record<'tribune' | 'floor', Lab>): Promise<Figure[]> {
  const afterStart = {
    tribune: await labs.tribune.subject.rssMiB(),
    floor: await labs.floor.subject.rssMiB(),
  };
  const afterLoad = { tribune: 0, floor: 0 };
  for (const who of ['tribune', 'floor'] as const) {
    const { emulator } = labs[who];
    // Distinct members, as in a busy server: member and user caches would grow without limits.
    const members = emulator.createMembers(2000);
    for (let sent = 0; sent < MEMORY_INTERACTIONS; sent += 500) {
      await Promise.all(
        Array.from({ length: 500 }, (_, index) => {
          const user = members[(sent + index) % members.length] ?? '';
          const handle =
            index % 2 === 0
              ? emulator.slashCommand({ name: 'section', options: { section: '1' }, user })
              : emulator.autocomplete({
                  name: 'section',
                  focused: 'section',
                  options: { section: 'l' },
                  user,
                });
          return handle.callback;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    afterLoad[who] = await labs[who].subject.rssMiB();
  }
  return [
    { name: 'resident memory after start', unit: 'MiB', ...afterStart },
    {
      name: `resident memory after ${MEMORY_INTERACTIONS.toLocaleString('en')} interactions`,
      unit: 'MiB',
      ...afterLoad,
    },
  ];
}

function table(figures: readonly Figure[]): string {
  const format = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
  return [
    '| figure | Tribune | floor | Tribune / floor |',
    '|---|---:|---:|---:|',
    ...figures.map(
      (figure) =>
        `| ${figure.name} | ${format(figure.tribune)} ${figure.unit} | ${format(figure.floor)} ${figure.unit} | ${(figure.tribune / figure.floor).toFixed(2)} |`,
    ),
  ].join('\n');
}

async function main() {
  const labs = { tribune: await startLab('tribune'), floor: await startLab('floor') };
  try {
    const figures = [
      {
        name: 'start to ready (empty store)',
        unit: 'ms',
        tribune: labs.tribune.subject.startMs,
        floor: labs.floor.subject.startMs,
      },
      ...(await latencyFigures(labs)),
      ...(await memoryFigures(labs)),
    ];
    const markdown = table(figures);
    console.log(markdown);
    await mkdir('bench-results', { recursive: true });
    await writeFile(
      join('bench-results', 'latest.json'),
      JSON.stringify(
        { date: new Date().toISOString(), node: process.version, rounds: ROUNDS, figures },
        null,
        2,
      ),
    );
    await writeFile(join('bench-results', 'latest.md'), `${markdown}\n`);
  } finally {
    await Promise.all([stopLab(labs.tribune), stopLab(labs.floor)]);
  }
}

await main();
