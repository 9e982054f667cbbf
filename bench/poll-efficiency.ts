/**
 * P1: on one simulated job mix, each strategy's DataWORQ calls per job and detection lag, by
 * duration bucket and by finer log-spaced bins, and the goals against the baseline.
 */
import { goal, type GoalCheck, num } from './goals.ts';
import type { SimulatedJob } from './job-mix.ts';
import { simulate, type PollOutcome, type StrategyName } from './poll-sim.ts';
import { logBins, mean, percentile } from './stats.ts';

export const STRATEGIES: readonly StrategyName[] = ['fixed-60s', 'perfect-knowledge', 'ours-age-only', 'ours-with-history'];

export const POLL_GOALS = {
  /** Status calls per job of 1 h or more: at most this fraction of the baseline's. */
  longCallsOfBaseline: 1 / 12,
  /** Mean detection lag on jobs of 5 min or less: at most this fraction of the baseline's. */
  shortLagOfBaseline: 1 / 10,
  /** Every DataWORQ call over the whole mix: at most this fraction of the baseline's. */
  totalCallsOfBaseline: 0.25,
} as const;

export const BUCKETS = [
  { name: '≤5 min', low: 0, high: 300 },
  { name: '5–60 min', low: 300, high: 3600 },
  { name: '≥1 h', low: 3600, high: Number.POSITIVE_INFINITY },
] as const;

export interface GroupStats {
  readonly name: string;
  readonly low: number;
  readonly high: number;
  readonly jobs: number;
  /** Status checks plus the history list, per job. */
  readonly callsMean: number;
  readonly lagMeanSeconds: number;
  readonly lagP95Seconds: number;
  /** p95 of lag / max(5 s, 10% of runtime): ≤ 1 meets the lag goal. */
  readonly lagBoundRatioP95: number;
}

/** One strategy over the whole mix: its callsMean counted as a group's is, and its buckets and bins. */
export interface StrategyStats extends Pick<GroupStats, 'callsMean'> {
  readonly strategy: StrategyName;
  /** Every DataWORQ call (execute, status, lists, job reads), per job. */
  readonly totalCallsMean: number;
  readonly buckets: readonly GroupStats[];
  readonly bins: readonly GroupStats[];
}

/** The lag the goal allows a job of this runtime. */
export function allowedLagSeconds(runtimeSeconds: number): number {
  return Math.max(5, runtimeSeconds / 10);
}

/** Status checks plus the history list, per job: what the polling strategy costs. */
function callsMean(runs: readonly PollOutcome[]): number {
  return mean(runs.map((run) => run.statusCalls + run.listCalls));
}

export function groupStats(name: string, low: number, high: number, runs: readonly PollOutcome[]): GroupStats {
  const inGroup = runs.filter((run) => run.runtimeSeconds >= low && run.runtimeSeconds < high);
  return {
    name,
    low,
    high,
    jobs: inGroup.length,
    callsMean: callsMean(inGroup),
    lagMeanSeconds: mean(inGroup.map((run) => run.lagSeconds)),
    lagP95Seconds: percentile(inGroup.map((run) => run.lagSeconds), 95),
    lagBoundRatioP95: percentile(inGroup.map((run) => run.lagSeconds / allowedLagSeconds(run.runtimeSeconds)), 95),
  };
}

export async function simulateMix(jobs: readonly SimulatedJob[]): Promise<Map<StrategyName, PollOutcome[]>> {
  const runs = new Map<StrategyName, PollOutcome[]>();
  for (const strategy of STRATEGIES) {
    const outcomes: PollOutcome[] = [];
    for (const job of jobs) {
      const outcome = await simulate(strategy, job);
      if (outcome.runOutcome !== job.outcome) throw new Error(`${strategy}: a ${job.outcome} job ended ${outcome.runOutcome}`);
      outcomes.push(outcome);
    }
    runs.set(strategy, outcomes);
  }
  return runs;
}

export function strategyStats(strategy: StrategyName, runs: readonly PollOutcome[], longestSeconds: number): StrategyStats {
  const bins = logBins(10, longestSeconds, 10).map((bin, index, all) =>
    // The last bin includes the longest runtime itself.
    groupStats(`${num(bin.low, 0)}–${num(bin.high, 0)} s`, bin.low, index === all.length - 1 ? Number.POSITIVE_INFINITY : bin.high, runs),
  );
  return {
    strategy,
    callsMean: callsMean(runs),
    totalCallsMean: mean(runs.map((run) => run.totalCalls)),
    buckets: BUCKETS.map((bucket) => groupStats(bucket.name, bucket.low, bucket.high, runs)),
    bins,
  };
}

export function pollGoals(ours: StrategyStats, baseline: StrategyStats): GoalCheck[] {
  const [shortOurs, , longOurs] = ours.buckets;
  const [shortBase, , longBase] = baseline.buckets;
  if (!shortOurs || !longOurs || !shortBase || !longBase) throw new Error('P1: missing buckets');
  const callRatio = longOurs.callsMean / longBase.callsMean;
  const lagRatio = shortOurs.lagMeanSeconds / shortBase.lagMeanSeconds;
  const totalRatio = ours.totalCallsMean / baseline.totalCallsMean;
  const filled = ours.bins.filter((bin) => bin.jobs > 0);
  const worstBin = filled.reduce((worst, bin) => (bin.lagBoundRatioP95 > worst.lagBoundRatioP95 ? bin : worst));
  const fraction = (value: number) => (value < 0.2 ? `1/${Math.round(1 / value)}` : `${value}×`);
  return [
    goal(
      `P1 ${ours.strategy} calls ≥1 h`,
      `≤ ${fraction(POLL_GOALS.longCallsOfBaseline)} of the baseline`,
      `${num(longOurs.callsMean)} vs ${num(longBase.callsMean)} = ${num(callRatio, 3)}×`,
      callRatio <= POLL_GOALS.longCallsOfBaseline,
    ),
    goal(
      `P1 ${ours.strategy} mean lag ≤5 min`,
      `≤ ${fraction(POLL_GOALS.shortLagOfBaseline)} of the baseline`,
      `${num(shortOurs.lagMeanSeconds)} s vs ${num(shortBase.lagMeanSeconds)} s = ${num(lagRatio, 3)}×`,
      lagRatio <= POLL_GOALS.shortLagOfBaseline,
    ),
    goal(
      `P1 ${ours.strategy} total DataWORQ calls`,
      `≤ ${fraction(POLL_GOALS.totalCallsOfBaseline)} of the baseline`,
      `${num(ours.totalCallsMean)} vs ${num(baseline.totalCallsMean)} per job = ${num(totalRatio, 3)}×`,
      totalRatio <= POLL_GOALS.totalCallsOfBaseline,
    ),
    goal(
      `P1 ${ours.strategy} p95 lag bound`,
      'p95 lag ≤ max(5 s, 10% of runtime) in every bin',
      `worst bin ${worstBin.name}: p95 at ${num(worstBin.lagBoundRatioP95, 2)}× the bound`,
      filled.every((bin) => bin.lagBoundRatioP95 <= 1),
    ),
  ];
}
