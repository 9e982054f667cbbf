/**
 * `npm run bench -- --only p3,p5`: some parts of the bench, for iterating on one figure. The
 * same measurements and goals as the whole run; nothing is written, since bench/results and
 * docs/bench.md hold a whole run's figures.
 */
import { synthesizeRunFlowDefinition } from '../local/runtime/definition.ts';
import type { DwqConfig } from '../shared/config/schema.ts';
import type { WalkableDefinition } from '../shared/cost/asl-walk.ts';
import { LAMBDA_ASSUMPTIONS } from '../shared/cost/cost-model.ts';
import { PRICES } from '../shared/cost/prices.ts';
import { bigAnswerGoal, bigAnswerSection, measureBigHistory } from './big-answers.ts';
import type { GoalCheck } from './goals.ts';
import { DEFAULT_MIX, jobMix } from './job-mix.ts';
import { bundleDir, lambdaFigures, lambdaGoals, type LambdaFigures } from './lambda-bench.ts';
import { costGoal, firstRunsCostGoal, mixCost } from './mix-cost.ts';
import { pollGoals, simulateMix, STRATEGIES, strategyStats } from './poll-efficiency.ts';
import * as report from './report.ts';
import { throughputGoals, webhookThroughput, type ThroughputFigures, type ThroughputOptions } from './webhook-throughput.ts';

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
  /** Time since the bench began, for the section titles: `12 s`. */
  readonly elapsed: () => string;
}

type Stats = ReturnType<typeof strategyStats>;
type Cost = ReturnType<typeof mixCost>;

/** What the parts measured (those that ran), and their goals. */
export interface PartFigures {
  readonly p1?: { readonly stats: readonly Stats[]; readonly costs: readonly Cost[]; readonly definition: WalkableDefinition; readonly firstRunGoals: readonly GoalCheck[] };
  readonly lambdas?: readonly LambdaFigures[];
  readonly throughput?: ThroughputFigures;
  readonly bigAnswers?: Awaited<ReturnType<typeof measureBigHistory>>;
  readonly goals: readonly GoalCheck[];
}

/** Runs the chosen parts, printing each section; the whole bench runs them all and adds its own. */
export async function measureParts(parts: ReadonlySet<Part>, context: PartsContext): Promise<PartFigures> {
  const { config, section, elapsed } = context;
  const goals: GoalCheck[] = [];
  let p1: PartFigures['p1'];
  if (parts.has('p1')) {
    // P1: the mix, followed by each strategy in simulated time.
    const runs = await simulateMix(jobMix(DEFAULT_MIX));
    const stats = STRATEGIES.map((strategy) => strategyStats(strategy, runs.get(strategy)!, DEFAULT_MIX.longestSeconds));
    section(`P1 poll efficiency: ${DEFAULT_MIX.jobs} simulated jobs, 10 s – 8 h log-spread (${elapsed()})`, `${report.pollSection(stats)}\n\n${report.binSection(stats)}`);
    // P2: the same runs priced on the deployed definition (walked state by state) and on the baseline's.
    const definition = synthesizeRunFlowDefinition(config);
    const costs = STRATEGIES.map((strategy) => mixCost(strategy, runs.get(strategy)!, definition));
    section(
      `P2 cost per 1,000 runs of the mix, ${PRICES.region} list prices (${elapsed()})`,
      `${report.costSection(costs)}\nStep Functions $${PRICES.stepFunctionsPerTransition * 1000} per 1,000 transitions; Lambda arm64 (Check ${LAMBDA_ASSUMPTIONS.checkMemoryMb} MB, the others ${LAMBDA_ASSUMPTIONS.memoryMb} MB), $${PRICES.lambdaArmPerGbSecond} per GB-s, $${PRICES.lambdaPerRequest * 1e6} per million requests`,
    );
    const [baselineStats, , ageOnlyStats, historyStats] = stats as [Stats, Stats, Stats, Stats];
    const [baselineCost, limitCost, ageOnlyCost, historyCost] = costs as [Cost, Cost, Cost, Cost];
    goals.push(...pollGoals(historyStats, baselineStats), costGoal(historyCost, baselineCost, limitCost), firstRunsCostGoal(ageOnlyCost, baselineCost));
    // The deployed strategy learns from history; age-only's poll figures are reported beside, not judged.
    p1 = { stats, costs, definition, firstRunGoals: pollGoals(ageOnlyStats, baselineStats) };
  }
  let lambdas: PartFigures['lambdas'];
  if (parts.has('p3')) {
    // P3: bundles as BaseFunction makes them; the config is a file beside each bundle, read on first use.
    lambdas = await lambdaFigures(bundleDir(context.resultsDir), context.initSamples);
    section(`P3 Lambda bundles and init, median of ${context.initSamples} fresh processes each (${elapsed()})`, report.lambdaSection(lambdas));
    goals.push(...lambdaGoals(lambdas));
  }
  let throughput: PartFigures['throughput'];
  if (parts.has('p4')) {
    // P4: webhook core vs bare server, 127.0.0.1 only.
    throughput = await webhookThroughput(config, context.throughput, context.benchDir);
    section(`P4 webhook throughput, ${context.throughput.concurrency} keep-alive connections (${elapsed()})`, report.throughputSection(throughput));
    goals.push(...throughputGoals(throughput));
  }
  let bigAnswers: PartFigures['bigAnswers'];
  if (parts.has('p5')) {
    bigAnswers = await measureBigHistory();
    section(`P5 big answers: Check reads a 100-job history of 3 MB logs (${elapsed()})`, bigAnswerSection(bigAnswers));
    goals.push(bigAnswerGoal(bigAnswers));
  }
  return { ...(p1 && { p1 }), ...(lambdas && { lambdas }), ...(throughput && { throughput }), ...(bigAnswers && { bigAnswers }), goals };
}

/** `--only`: runs the chosen parts and prints their goals; returns how many were met. */
export async function runParts(parts: ReadonlySet<Part>, context: PartsContext): Promise<{ met: number; total: number }> {
  const { goals } = await measureParts(parts, context);
  context.section('Goals', report.goalSection(goals));
  return { met: goals.filter((check) => check.pass).length, total: goals.length };
}
