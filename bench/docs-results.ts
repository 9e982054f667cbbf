/**
 * The "Results" section of docs/bench.md, written by the bench itself from the figures of the
 * run, so the document never quotes numbers the code no longer produces.
 */
import { type GoalCheck, mark, num, usd } from './goals.ts';
import type { LambdaFigures } from './lambda-bench.ts';
import type { MixCost } from './mix-cost.ts';
import type { StrategyStats } from './poll-efficiency.ts';
import type { ThroughputFigures } from './webhook-throughput.ts';

export const RESULTS_START = '<!-- bench:results:start (written by npm run bench; do not edit) -->';
export const RESULTS_END = '<!-- bench:results:end -->';

export interface BenchResults {
  readonly machine: string;
  readonly stats: readonly StrategyStats[];
  readonly costs: readonly MixCost[];
  readonly lambdas: readonly LambdaFigures[];
  readonly throughput: ThroughputFigures;
  readonly goals: readonly GoalCheck[];
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [row(headers), row(headers.map(() => '---')), ...rows.map(row)];
}

export function resultsMarkdown({ machine, stats, costs, lambdas, throughput, goals }: BenchResults): string {
  const strategyRows = stats.map((strategy) => {
    const cost = costs.find((candidate) => candidate.strategy === strategy.strategy);
    const [short, mid, long] = strategy.buckets;
    return [
      strategy.strategy,
      num(short?.callsMean ?? Number.NaN),
      num(mid?.callsMean ?? Number.NaN),
      num(long?.callsMean ?? Number.NaN),
      num(strategy.totalCallsMean),
      `${num(short?.lagMeanSeconds ?? Number.NaN)} s`,
      num(Math.max(...strategy.bins.filter((bin) => bin.jobs > 0).map((bin) => bin.lagBoundRatioP95)), 2),
      cost ? num(cost.transitions / 1000, 1) : '',
      cost ? usd(cost.totalUsd) : '',
    ];
  });
  const lambdaRows = lambdas.map(({ bundle, init }) => [bundle.name, num(bundle.bytes / 1000), num(bundle.initBytes / 1000), num(init.readyMs), num(init.firstUseMs)]);
  return [
    `One run of \`npm run bench\` (${machine}).`,
    '',
    ...table(['', 'figure', 'goal', 'actual'], goals.map((check) => [mark(check.pass), check.id, check.goal, check.actual])),
    '',
    ...table(
      ['strategy', 'calls/job ≤5 min', '5–60 min', '≥1 h', 'all DataWORQ calls/job', 'mean lag ≤5 min', 'worst bin p95 lag ÷ bound', 'transitions/run', 'cost / 1,000 runs'],
      strategyRows,
    ),
    '',
    ...table(['Lambda bundle', 'KB', 'at init KB', 'init ms', 'init + first-use SDK ms'], lambdaRows),
    '',
    `Webhook throughput: ${num(throughput.coreMedian, 0)} req/s against ${num(throughput.bareMedian, 0)} req/s for the bare server (${num(throughput.coreMedian / throughput.bareMedian, 2)}×).`,
  ].join('\n');
}

/** `doc` with the text between the result markers replaced; the markers are appended when missing. */
export function withResults(doc: string, results: string): string {
  const start = doc.indexOf(RESULTS_START);
  const end = doc.indexOf(RESULTS_END);
  const block = `${RESULTS_START}\n${results}\n${RESULTS_END}`;
  if (start === -1 || end < start) return `${doc.trimEnd()}\n\n${block}\n`;
  return `${doc.slice(0, start)}${block}${doc.slice(end + RESULTS_END.length)}`;
}
