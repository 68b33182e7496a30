import { CONFIG } from './config';
import { fromRounds, type Figure } from './figures';
import { median } from './stats';
import { send, voteTarget, type Kind } from './interactions';
import { orderOf, startLab, stopLab, type Lab, type Who } from './lab';
import { sleep, within } from './time';

/** Resident memory after start, then after each block of interactions, in MiB. */
type Curve = number[];

/** Lets the subject finish what the last interactions started (live edits, GC) before reading. */
const SETTLE_MS = 1500;
const MIX: readonly Kind[] = ['section', 'autocomplete', 'vote'];

async function memoryCurve(who: Who, interactions: number): Promise<Curve> {
  const lab: Lab = await startLab(who);
  try {
    const { emulator } = lab;
    await sleep(SETTLE_MS);
    const curve = [await lab.subject.rssMiB()];
    const target = await voteTarget(lab);
    // Distinct members, as in a busy server: member and user caches would grow without a bound.
    const members = emulator.createMembers(interactions);
    for (let sent = 0; sent < interactions;) {
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
      if (sent % CONFIG.memoryBlock === 0 || sent === interactions) {
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
 * rounds. The first rounds go on to `CONFIG.memoryInteractions`, the others stop at
 * `CONFIG.memoryCompared`: the curve shows whether memory stops growing.
 */
export async function memoryFigures(): Promise<Figure[]> {
  const curves: Record<Who, Curve[]> = { tribune: [], floor: [] };
  for (let round = 0; round < CONFIG.memoryRounds; round++) {
    const interactions =
      round < CONFIG.memoryLongRounds ? CONFIG.memoryInteractions : CONFIG.memoryCompared;
    for (const who of orderOf(round)) curves[who].push(await memoryCurve(who, interactions));
  }
  const at = (point: number) => ({
    tribune: curves.tribune.flatMap((curve) => curve[point] ?? []),
    floor: curves.floor.flatMap((curve) => curve[point] ?? []),
  });
  const compared = CONFIG.memoryCompared / CONFIG.memoryBlock;
  const points = Math.max(...curves.tribune.map((curve) => curve.length));
  const figures: Figure[] = [];
  for (let point = 0; point < points; point++) {
    // Every sample up to the comparison, then one every `memoryCompared` interactions.
    if (point > compared && (point * CONFIG.memoryBlock) % CONFIG.memoryCompared !== 0) continue;
    const done = Math.min(point * CONFIG.memoryBlock, CONFIG.memoryInteractions);
    figures.push(
      fromRounds(
        point === 0
          ? 'resident memory after start'
          : `resident memory after ${done.toLocaleString('en')} interactions`,
        'MiB',
        at(point),
        point === compared ? { kind: 'ratio-at-most', value: 1.2 } : undefined,
      ),
    );
  }
  if (points - 1 > compared) figures.push(flatness(curves, compared));
  return figures;
}

/** Most a flat curve grows after the comparison point, as a share of the memory there. */
const FLAT_SHARE = 0.1;

/** Growth from the comparison point to the end, in the rounds that went on. */
function flatness(curves: Record<Who, Curve[]>, compared: number): Figure {
  const growth = (who: Who) =>
    median(
      curves[who].flatMap((curve) => {
        const [from, end] = [curve[compared], curve.at(-1)];
        return curve.length - 1 > compared && from !== undefined && end !== undefined
          ? [end - from]
          : [];
      }),
    );
  const limit = FLAT_SHARE * median(curves.tribune.flatMap((curve) => curve[compared] ?? []));
  return {
    name: `resident memory growth from ${CONFIG.memoryCompared.toLocaleString('en')} to ${CONFIG.memoryInteractions.toLocaleString('en')} interactions (flat: ≤ ${FLAT_SHARE * 100} % of the memory at ${CONFIG.memoryCompared.toLocaleString('en')})`,
    unit: 'MiB',
    tribune: growth('tribune'),
    floor: growth('floor'),
    target: { kind: 'at-most', value: Math.round(limit) },
  };
}
