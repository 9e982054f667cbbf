/** The bench's console output: one table per figure, then every goal with PASS or FAIL. */
import type { FlowCost } from '../shared/cost/cost-model.ts';
import { type GoalCheck, mark, num, usd } from './goals.ts';
import type { LambdaFigures } from './lambda-bench.ts';
import type { MixCost } from './mix-cost.ts';
import type { StrategyStats } from './poll-efficiency.ts';
import type { ThroughputFigures } from './webhook-throughput.ts';

/** The first `leftColumns` columns left-aligned, the rest (numbers) right-aligned, two spaces apart. */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, leftColumns = 1): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, column) => (column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [format(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(format)].join('\n');
}

export function pollSection(strategies: readonly StrategyStats[]): string {
  const rows = strategies.flatMap((stats) =>
    stats.buckets.map((bucket) => [
      `${stats.strategy} ${bucket.name}`,
      String(bucket.jobs),
      num(bucket.callsMean),
      num(bucket.lagMeanSeconds),
      num(bucket.lagP95Seconds),
      num(bucket.lagBoundRatioP95, 2),
    ]),
  );
  return textTable(['strategy / runtime', 'jobs', 'calls/job', 'lag mean s', 'lag p95 s', 'p95 lag / bound'], rows);
}

export function binSection(strategies: readonly StrategyStats[]): string {
  const bins = strategies[0]?.bins ?? [];
  const rows = bins.map((bin, index) => [
    bin.name,
    String(bin.jobs),
    ...strategies.map((stats) => `${num(stats.bins[index]!.callsMean)} / ${num(stats.bins[index]!.lagBoundRatioP95, 2)}`),
  ]);
  return textTable(['runtime bin', 'jobs', ...strategies.map((stats) => `${stats.strategy} calls / p95÷bound`)], rows);
}

export function costSection(costs: readonly MixCost[]): string {
  const rows = costs.map((cost) => [
    cost.strategy,
    num(cost.transitions, 0),
    num(cost.lambdaRequests, 0),
    num(cost.lambdaGbSeconds, 1),
    usd(cost.stepFunctionsUsd),
    usd(cost.lambdaUsd),
    usd(cost.totalUsd),
  ]);
  return textTable(['per 1,000 runs', 'transitions', 'λ requests', 'λ GB-s', 'Step Functions', 'Lambda', 'total'], rows);
}

export function flowCostSection(flows: readonly FlowCost[]): string {
  const rows = flows.map((flow) => [
    flow.flow,
    `${num(flow.typicalRuntimeSeconds / 60)} min${flow.typicalRuntimeAssumed ? '*' : ''}`,
    `${num(flow.maxDurationSeconds / 60, 0)} min`,
    `${flow.typical.statusCalls} / ${usd(flow.typical.usd.total)}`,
    `${flow.typicalWithoutHistory.statusCalls} / ${usd(flow.typicalWithoutHistory.usd.total)}`,
    `${flow.worstCase.statusCalls} / ${usd(flow.worstCase.usd.total)}`,
  ]);
  return `${textTable(['flow', 'typical run', 'max duration', 'typical: checks / $', 'no history: checks / $', 'to max duration: checks / $'], rows)}\n* assumed: a quarter of the max duration (the config has no typical runtime)`;
}

export function lambdaSection(figures: readonly LambdaFigures[]): string {
  const clients = (names: readonly string[]) => names.map((name) => name.replace('@aws-sdk/client-', '')).join(',') || '-';
  const rows = figures.map(({ bundle, init }) => [
    bundle.name,
    num(bundle.bytes / 1000),
    num(bundle.initBytes / 1000),
    String(bundle.chunks),
    num(init.readyMs),
    num(init.importMs),
    `${num(init.sdkMs)} ${clients(bundle.externals)}`,
    `${num(init.deferredSdkMs)} ${clients(bundle.deferredExternals)}`,
    num(init.firstUseMs),
    bundle.heaviest.slice(0, 3).map((item) => `${item.source} ${num(item.bytes / 1000, 0)}K`).join(', '),
  ]);
  const table = textTable(['lambda', 'KB', 'at init KB', 'chunks', 'init ms', 'import ms', 'SDK at init ms', 'SDK on first use ms', 'init + first-use SDK ms', 'heaviest'], rows);
  return `${table}
KB = every file of the asset; at init = index.mjs and the chunks it imports statically (any other chunk is read by the first import() that needs it)
init = process start → handler exported (Lambda's Init Duration counts the runtime's start too); import = the bundle's import() alone
SDK on first use = the SDK clients the first call loads, imported right after the bundle; init + first-use SDK = both, the CPU floor of a cold start before any request is sent`;
}

export function throughputSection(figures: ThroughputFigures): string {
  const rows = [
    ['bare node:http → 202', ...figures.bare.map((result) => num(result.perSecond, 0)), num(figures.bareMedian, 0)],
    ['webhook core', ...figures.core.map((result) => num(result.perSecond, 0)), num(figures.coreMedian, 0)],
  ];
  return textTable(['req/s', ...figures.bare.map((_, index) => `round ${index + 1}`), 'median'], rows);
}

export function goalSection(goals: readonly GoalCheck[]): string {
  return textTable(
    ['', 'figure', 'goal', 'actual'],
    goals.map((check) => [mark(check.pass), check.id, check.goal, check.actual]),
    4,
  );
}
