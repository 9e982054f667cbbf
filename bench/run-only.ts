/**
 * `npm run bench -- --only p3,p5`: some parts of the bench, for iterating on one figure. The
 * same measurements and goals as the whole run; nothing is written, since bench/results and
 * docs/bench.md hold a whole run's figures.
 */
import { synthesizeRunFlowDefinition } from '../local/runtime/definition.ts';
import type { DwqConfig } from '../shared/config/schema.ts';
import { bigAnswerGoal, bigAnswerSection, measureBigHistory } from './big-answers.ts';
import type { GoalCheck } from './goals.ts';
import { DEFAULT_MIX, jobMix } from './job-mix.ts';
import { bundleDir, lambdaFigures, lambdaGoals } from './lambda-bench.ts';
import { costGoal, firstRunsCostGoal, mixCost } from './mix-cost.ts';
import { pollGoals, simulateMix, STRATEGIES, strategyStats } from './poll-efficiency.ts';
import * as report from './report.ts';
import { throughputGoals, webhookThroughput, type ThroughputOptions } from './webhook-throughput.ts';

export const PARTS = ['p1', 'p3', 'p4', 'p5'] as const;
export type Part = (typeof PARTS)[number];

/** `--only p3,p5` (or `--only=p3,p5`): the parts to run; undefined = the whole bench. p2 prices p1's runs, so it is p1. */
export function onlyParts(args: readonly string[]): Set<Part> | undefined {
  const at = args.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at === -1) return undefined;
  const flag = args[at] as string;
  const list = flag.startsWith('--only=') ? flag.slice('--only='.length) : (args[at + 1] ?? '');
  const parts = list.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean).map((part) => (part === 'p2' ? 'p1' : part));
  const unknown = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (parts.length === 0 || unknown.length > 0) {
    throw new Error(`--only ${list}: expected a comma-separated list of ${PARTS.join(', ')} (p2 runs with p1), e.g. --only p3,p5`);
  }
  return new Set(parts as Part[]);
}

export interface PartsContext {
  readonly config: DwqConfig;
  readonly resultsDir: string;
  readonly benchDir: string;
  readonly initSamples: number;
  readonly throughput: ThroughputOptions;
  readonly section: (title: string, body: string) => void;
}

/** Runs the chosen parts, prints each section and the goals; returns how many goals were met. */
export async function runParts(parts: ReadonlySet<Part>, context: PartsContext): Promise<{ met: number; total: number }> {
  const { config, section } = context;
  const goals: GoalCheck[] = [];
  if (parts.has('p1')) {
    const runs = await simulateMix(jobMix(DEFAULT_MIX));
    const stats = STRATEGIES.map((strategy) => strategyStats(strategy, runs.get(strategy)!, DEFAULT_MIX.longestSeconds));
    section('P1 poll efficiency', `${report.pollSection(stats)}\n\n${report.binSection(stats)}`);
    const definition = synthesizeRunFlowDefinition(config);
    const costs = STRATEGIES.map((strategy) => mixCost(strategy, runs.get(strategy)!, definition));
    section('P2 cost per 1,000 runs of the mix', report.costSection(costs));
    const [baselineStats, , , historyStats] = stats as [(typeof stats)[number], unknown, unknown, (typeof stats)[number]];
    const [baselineCost, limitCost, ageOnlyCost, historyCost] = costs as [(typeof costs)[number], (typeof costs)[number], (typeof costs)[number], (typeof costs)[number]];
    goals.push(...pollGoals(historyStats, baselineStats), costGoal(historyCost, baselineCost, limitCost), firstRunsCostGoal(ageOnlyCost, baselineCost));
  }
  if (parts.has('p3')) {
    const lambdas = await lambdaFigures(bundleDir(context.resultsDir), context.initSamples);
    section(`P3 Lambda bundles and init, median of ${context.initSamples} fresh processes each`, report.lambdaSection(lambdas));
    goals.push(...lambdaGoals(lambdas));
  }
  if (parts.has('p4')) {
    const throughput = await webhookThroughput(config, context.throughput, context.benchDir);
    section('P4 webhook throughput', report.throughputSection(throughput));
    goals.push(...throughputGoals(throughput));
  }
  if (parts.has('p5')) {
    const bigAnswers = await measureBigHistory();
    section('P5 big answers: Check reads a 100-job history of 3 MB logs', bigAnswerSection(bigAnswers));
    goals.push(bigAnswerGoal(bigAnswers));
  }
  section('Goals', report.goalSection(goals));
  return { met: goals.filter((check) => check.pass).length, total: goals.length };
}
