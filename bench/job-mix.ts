/**
 * The simulated job mix of P1 and P2: one seeded draw, the same for every strategy.
 *
 * Each job belongs to a flow whose usual runtime is log-spread from 10 s to 8 h. A run takes that
 * usual time give or take a lognormal spread, and a few runs fail early. The flow's ten previous
 * completed runs, drawn the same way, are what DataWORQ's `history` list shows.
 */
import type { SimulatedJob } from '../shared/cost/simulated-dataworq.ts';
import { seededRandom } from './random.ts';

export type { SimulatedJob } from '../shared/cost/simulated-dataworq.ts';

export interface MixOptions {
  readonly jobs: number;
  readonly seed: number;
  readonly shortestSeconds: number;
  readonly longestSeconds: number;
  /** Deviation of ln(runtime / usual runtime): 0.25 ≈ runs vary by a quarter. */
  readonly spread: number;
  /** Share of runs that end early with ERROR, anywhere in the first 90% of the usual runtime. */
  readonly earlyFailureShare: number;
  readonly historyRuns: number;
}

export const DEFAULT_MIX: MixOptions = {
  jobs: 4_000,
  seed: 20_261_128,
  shortestSeconds: 10,
  longestSeconds: 8 * 3600,
  spread: 0.25,
  earlyFailureShare: 0.03,
  historyRuns: 10,
};

export function jobMix(options: MixOptions = DEFAULT_MIX): SimulatedJob[] {
  const random = seededRandom(options.seed);
  const clamp = (seconds: number) => Math.min(options.longestSeconds, Math.max(options.shortestSeconds, seconds));
  const usualRun = (usual: number) => usual * Math.exp(options.spread * random.normal());
  return Array.from({ length: options.jobs }, () => {
    const usualSeconds = random.logUniform(options.shortestSeconds, options.longestSeconds);
    const failsEarly = random.next() < options.earlyFailureShare;
    const runtime = failsEarly ? usualSeconds * (0.02 + 0.88 * random.next()) : usualRun(usualSeconds);
    const historySeconds = Array.from({ length: options.historyRuns }, () => usualRun(usualSeconds));
    return { usualSeconds, runtimeSeconds: clamp(runtime), outcome: failsEarly ? 'ERROR' : 'COMPLETED', historySeconds };
  });
}
