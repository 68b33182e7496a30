import { CONFIG } from './config';
import { fromRounds, type Figure } from './figures';
import { ackLatencies, send, voteTarget, type Kind } from './interactions';
import { BOTH, orderOf, type Lab, type Who } from './lab';
import { quietly } from './noise';
import { quantile } from './stats';
import { within } from './time';

export interface Sample {
  readonly p50: number;
  readonly p99: number;
  /** CPU time the subject spent per interaction of the burst. */
  readonly cpuMs: number;
}

/** One burst of `size` concurrent interactions (a burst of 1 is repeated for a distribution). */
export async function burst(lab: Lab, kind: Kind, size: number): Promise<Sample> {
  const target = kind === 'vote' ? await voteTarget(lab) : undefined;
  const times = size === 1 ? CONFIG.sequentialSamples : 1;
  // Votes come from distinct members, each voting once: every click is a new vote to store.
  const members = kind === 'vote' ? lab.emulator.createMembers(size * times) : [];
  const cpuBefore = await lab.subject.cpuMs();
  const latencies: number[] = [];
  for (let repeat = 0; repeat < times; repeat++) {
    const handles = Array.from({ length: size }, (_, index) =>
      send(lab, kind, target, members[repeat * size + index], index),
    );
    latencies.push(...(await within(ackLatencies(handles), 30_000, `${size} ${kind} callbacks`)));
  }
  const cpuMs = ((await lab.subject.cpuMs()) - cpuBefore) / (size * times);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), cpuMs };
}

/**
 * Acknowledgement latency (emulator sends INTERACTION_CREATE → callback received) of `/section`,
 * its autocomplete and poll votes, at bursts of 1, 100 and 500: medians over rounds, and the
 * median of the rounds' ratios; and the CPU time per interaction at the largest burst, which
 * explains the ratios.
 */
export async function latencyFigures(labs: Record<Who, Lab>): Promise<Figure[]> {
  const latency: Figure[] = [];
  const cpu: Figure[] = [];
  const largest = Math.max(...CONFIG.bursts);
  for (const kind of CONFIG.kinds) {
    for (const size of CONFIG.bursts) {
      const rounds: Record<Who, Sample[]> = { tribune: [], floor: [] };
      for (let round = 0; round < CONFIG.rounds; round++) {
        for (const who of orderOf(round)) {
          const { subject } = labs[who];
          rounds[who].push(
            await quietly(
              () => subject.cpuMs(),
              () => burst(labs[who], kind, size),
            ),
          );
        }
      }
      const series = (pick: (sample: Sample) => number) => ({
        tribune: rounds.tribune.map(pick),
        floor: rounds.floor.map(pick),
      });
      for (const q of ['p50', 'p99'] as const) {
        latency.push(
          fromRounds(
            `${kind} ack latency ${q}, burst of ${size}`,
            'ms',
            series((sample) => sample[q]),
            q === 'p99' && size === largest ? { kind: 'ratio-at-most', value: 1.3 } : undefined,
          ),
        );
      }
      if (size === largest) {
        cpu.push(
          fromRounds(
            `${kind} CPU time per interaction, burst of ${size}`,
            'ms',
            series((sample) => sample.cpuMs),
          ),
        );
      }
    }
  }
  for (const who of BOTH) labs[who].emulator.assertNoViolations();
  return [...latency, ...cpu];
}
