import { CONFIG } from './config';
import { fromRounds, type Figure } from './figures';
import { send, voteTarget, type Kind } from './interactions';
import { orderOf, startLab, stopLab, type Lab, type Who } from './lab';
import { sleep, within } from './time';

/** Resident memory after start, then after each block of interactions, in MiB. */
type Curve = number[];

/** Lets the subject finish what the last interactions started (live edits, GC) before reading. */
const SETTLE_MS = 1500;
const MIX: readonly Kind[] = ['section', 'autocomplete', 'vote'];

async function memoryCurve(who: Who): Promise<Curve> {
  const lab: Lab = await startLab(who);
  try {
    const { emulator } = lab;
    await sleep(SETTLE_MS);
    const curve = [await lab.subject.rssMiB()];
    const target = await voteTarget(lab);
    // Distinct members, as in a busy server: member and user caches would grow without a bound.
    const members = emulator.createMembers(CONFIG.memoryInteractions);
    for (let sent = 0; sent < CONFIG.memoryInteractions;) {
      const wave = members.slice(sent, sent + CONFIG.memoryConcurrency);
      const handles = wave.map((member, index) =>
        send(lab, MIX[(sent + index) % MIX.length] ?? 'section', target, member, sent + index),
      );
      await within(
        Promise.all(handles.map((handle) => handle.callback)),
        30_000,
        `${wave.length} callbacks`,
      );
      sent += wave.length;
      if (sent % CONFIG.memoryBlock === 0 || sent === CONFIG.memoryInteractions) {
        await sleep(SETTLE_MS);
        curve.push(await lab.subject.rssMiB());
      }
    }
    return curve;
  } finally {
    await stopLab(lab);
  }
}

/**
 * Resident memory after start and after every 2,500 interactions (a third each of `/section`,
 * autocomplete and votes, from distinct members), each subject in fresh processes; medians over
 * rounds. The curve shows whether memory stops growing.
 */
export async function memoryFigures(): Promise<Figure[]> {
  const curves: Record<Who, Curve[]> = { tribune: [], floor: [] };
  for (let round = 0; round < CONFIG.memoryRounds; round++) {
    for (const who of orderOf(round)) curves[who].push(await memoryCurve(who));
  }
  const points = curves.tribune[0]?.length ?? 0;
  const figures: Figure[] = [];
  for (let point = 0; point < points; point++) {
    const done = Math.min(point * CONFIG.memoryBlock, CONFIG.memoryInteractions);
    figures.push(
      fromRounds(
        point === 0
          ? 'resident memory after start'
          : `resident memory after ${done.toLocaleString('en')} interactions`,
        'MiB',
        {
          tribune: curves.tribune.map((curve) => curve[point] ?? Number.NaN),
          floor: curves.floor.map((curve) => curve[point] ?? Number.NaN),
        },
        point === points - 1 ? { kind: 'ratio-at-most', value: 1.3 } : undefined,
      ),
    );
  }
  return figures;
}
