/** P2: what 1,000 runs of the P1 mix cost in AWS with each strategy, and the cost goals. */
import type { WalkableDefinition } from '../shared/cost/asl-walk.ts';
import { ourRunCost, type RunCost } from '../shared/cost/cost-model.ts';
import { baselineRunCost } from './baseline-cost.ts';
import { goal, type GoalCheck, num, usd } from './goals.ts';
import type { PollOutcome, StrategyName } from './poll-sim.ts';

export interface MixCost {
  readonly strategy: StrategyName;
  /** Per 1,000 runs. */
  readonly transitions: number;
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  readonly stepFunctionsUsd: number;
  readonly lambdaUsd: number;
  readonly totalUsd: number;
}

/** The perfect-knowledge limit runs our definition and Lambdas, with one Check at the job's end. */
export function mixCost(strategy: StrategyName, runs: readonly PollOutcome[], definition: WalkableDefinition): MixCost {
  const costs: RunCost[] = runs.map((run) => (strategy === 'fixed-60s' ? baselineRunCost(run) : ourRunCost(definition, run)));
  const per1000 = (pick: (cost: RunCost) => number) => (costs.reduce((sum, cost) => sum + pick(cost), 0) * 1000) / costs.length;
  return {
    strategy,
    transitions: per1000((cost) => cost.transitions),
    lambdaRequests: per1000((cost) => cost.lambdaRequests),
    lambdaGbSeconds: per1000((cost) => cost.lambdaGbSeconds),
    stepFunctionsUsd: per1000((cost) => cost.usd.stepFunctions),
    lambdaUsd: per1000((cost) => cost.usd.lambda),
    totalUsd: per1000((cost) => cost.usd.total),
  };
}

export const COST_GOALS = {
  /** The deployed strategy, all runs: at most this fraction of the baseline... */
  ofBaseline: 0.15,
  /** ...and at most this many times the perfect-knowledge limit. */
  ofLimit: 4,
  /** A flow's first runs (no history): at most this fraction of the baseline. */
  firstRunsOfBaseline: 0.4,
} as const;

export function costGoal(ours: MixCost, baseline: MixCost, limit: MixCost): GoalCheck {
  const ratio = ours.totalUsd / baseline.totalUsd;
  const toLimit = ours.totalUsd / limit.totalUsd;
  return goal(
    `P2 ${ours.strategy} cost / 1,000 runs`,
    `≤ ${COST_GOALS.ofBaseline}× baseline, ≤ ${COST_GOALS.ofLimit}× limit`,
    `${usd(ours.totalUsd)} vs ${usd(baseline.totalUsd)} = ${num(ratio, 3)}×; limit ${usd(limit.totalUsd)}: ${num(toLimit, 2)}×`,
    ratio <= COST_GOALS.ofBaseline && toLimit <= COST_GOALS.ofLimit,
  );
}

export function firstRunsCostGoal(ours: MixCost, baseline: MixCost): GoalCheck {
  const ratio = ours.totalUsd / baseline.totalUsd;
  return goal(
    `P2 ${ours.strategy} cost / 1,000 runs (first runs, no history)`,
    `≤ ${COST_GOALS.firstRunsOfBaseline}× baseline`,
    `${usd(ours.totalUsd)} vs ${usd(baseline.totalUsd)} = ${num(ratio, 3)}×`,
    ratio <= COST_GOALS.firstRunsOfBaseline,
  );
}
