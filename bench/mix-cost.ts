/** P2: what 1,000 runs of the P1 mix cost in AWS with each strategy, and the cost goal. */
import type { WalkableDefinition } from './asl-walk.ts';
import { baselineRunCost, ourRunCost, type RunCost } from './cost.ts';
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

export function costGoal(ours: MixCost, baseline: MixCost): GoalCheck {
  const ratio = ours.totalUsd / baseline.totalUsd;
  return goal(`P2 ${ours.strategy} cost / 1,000 runs`, '≤ 1/3 of the baseline', `${usd(ours.totalUsd)} vs ${usd(baseline.totalUsd)} = ${num(ratio, 3)}×`, ratio <= 1 / 3);
}
