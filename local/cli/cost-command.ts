/**
 * `dwq cost [flow]`: what one run of each configured flow costs in AWS, and 1,000 of them, beside
 * the stack's fixed monthly cost (shared/cost/fixed-cost.ts), so growth per flow shows before a deploy. The
 * figures come from shared/cost/cost-model.ts (the one cost model, also behind `npm run bench`), priced on
 * the RunFlow definition local mode runs, so transitions are counted from the real state machine.
 */
import { type Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { costPerRun, type FlowCost, LAMBDA_ASSUMPTIONS, type RunCost } from '../../shared/cost/cost-model.ts';
import { fixedMonthlyCost, type FixedCost } from '../../shared/cost/fixed-cost.ts';
import { MONTHLY_PRICES, PRICES } from '../../shared/cost/prices.ts';
import { durationSchema } from '../../shared/config/fields.ts';
import type { DwqConfig, FlowConfig } from '../../shared/config/schema.ts';
import { cachedRunFlowDefinition } from '../runtime/definition-cache.ts';
import { formatTable } from '../runtime/text-table.ts';
import { CliError, writeJson, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import type { CliContext } from './program.ts';

type Scenario = 'typical' | 'typicalWithoutHistory' | 'worstCase';

const SCENARIOS: readonly (readonly [Scenario, string])[] = [
  ['typical', 'typical, learned history'],
  ['typicalWithoutHistory', 'typical, no history'],
  ['worstCase', 'to max duration'],
];

const RUNTIME_SCHEMA = durationSchema(1, 7 * 86_400);

export function registerCostCommand(program: Command, context: CliContext) {
  return withConfigOption(program.command('cost'))
    .description('Estimate the AWS cost per run (and per 1,000 runs) of each configured flow, and the stack\'s fixed monthly cost.')
    .argument('[flow]', 'one flow of the config (default: every flow)')
    .option('--runtime <duration>', 'typical runtime of every flow, e.g. 45s, 20m, 2h (default: a quarter of its max duration)', runtimeOption)
    .option('--json', 'print JSON: { file, prices, flows: [...] }')
    .addHelpText('after', '\nus-east-1 list prices, free tiers ignored; change them in shared/cost/prices.ts. See docs/bench.md.')
    .action((flow, options): Promise<void> => printCost(flow, options, context));
}

type CostOptions = OptionsOf<ReturnType<typeof registerCostCommand>>;

/** A duration as the config writes one ("20m"), or whole seconds. */
export function runtimeOption(text: string): number {
  const parsed = RUNTIME_SCHEMA.safeParse(/^\d+$/.test(text) ? Number(text) : text);
  if (!parsed.success) throw new InvalidArgumentError('must be a duration such as 45s, 20m, 2h or 1d, or whole seconds (at most 7d).');
  return parsed.data;
}

async function printCost(flowName: string | undefined, options: CostOptions, context: CliContext): Promise<void> {
  const { io } = context;
  const { path, config } = readConfig(options.config, io.env);
  const flows = selectFlows(config, flowName);
  const definition = await cachedRunFlowDefinition(config, io.env['DWQ_CACHE_DIR'] ? { cacheDir: io.env['DWQ_CACHE_DIR'] } : {});
  const costs: FlowCost[] = [];
  for (const flow of flows) {
    costs.push(await costPerRun(flow, definition, options.runtime === undefined ? {} : { typicalRuntimeSeconds: options.runtime }));
  }
  const fixed = fixedMonthlyCost(config);
  if (options.json) writeJson(io.stdout, { ...(costJson(path, costs) as object), fixed: { ...fixed, prices: MONTHLY_PRICES } });
  else for (const line of [...costText(path, costs), '', ...fixedText(fixed)]) writeLine(io.stdout, line);
}

function selectFlows(config: DwqConfig, flowName: string | undefined): FlowConfig[] {
  const all = Object.values(config.flows);
  if (flowName === undefined) return all;
  const flow = Object.hasOwn(config.flows, flowName) ? config.flows[flowName] : undefined;
  if (flow === undefined) throw new CliError(`unknown flow '${flowName}' (known: ${Object.keys(config.flows).join(', ') || 'none'})`);
  return [flow];
}

function costJson(file: string, costs: readonly FlowCost[]): unknown {
  const withPerThousand = (cost: RunCost) => ({ ...cost, usdPer1000Runs: cost.usd.total * 1000 });
  return {
    file,
    prices: { ...PRICES, lambda: LAMBDA_ASSUMPTIONS },
    flows: costs.map((cost) => ({
      ...cost,
      typical: withPerThousand(cost.typical),
      typicalWithoutHistory: withPerThousand(cost.typicalWithoutHistory),
      worstCase: withPerThousand(cost.worstCase),
    })),
  };
}

const HEADERS = ['FLOW', 'MAX DURATION', 'RUN', 'RUNTIME', 'CHECKS', 'TRANSITIONS', 'λ REQUESTS', 'PER RUN', 'PER 1,000 RUNS'];
/** From CHECKS on, the columns are numbers: right-aligned. */
const FIRST_NUMBER_COLUMN = 4;

function costText(file: string, costs: readonly FlowCost[]): string[] {
  if (costs.length === 0) return [`No flows in ${file}.`];
  const rows = costs.flatMap((cost) =>
    SCENARIOS.map(([scenario, label]) => {
      const run = cost[scenario];
      const runtime = runtimeText(cost, scenario);
      const numbers = [String(run.statusCalls), String(run.transitions), String(run.lambdaRequests), dollars(run.usd.total), dollars(run.usd.total * 1000)];
      return [cost.flow, duration(cost.maxDurationSeconds), label, runtime, ...numbers];
    }),
  );
  return [...formatTable(HEADERS, alignNumbers(rows)), '', ...footer(costs)];
}

/**
 * A typical runtime at or past the max duration is cut there: those runs end TIMED_OUT too, so
 * the row says so instead of showing a longer runtime beside a smaller cost.
 */
function runtimeText(cost: FlowCost, scenario: Scenario): string {
  const cut = scenario === 'worstCase' || cost.typicalRuntimeSeconds >= cost.maxDurationSeconds;
  if (cut) return `${duration(cost.maxDurationSeconds)} (TIMED_OUT)`;
  return `${duration(cost.typicalRuntimeSeconds)}${cost.typicalRuntimeAssumed ? '*' : ''}`;
}

function footer(costs: readonly FlowCost[]): string[] {
  const lines: string[] = [];
  if (costs.some((cost) => cost.typicalRuntimeAssumed)) lines.push('* assumed: a quarter of the max duration (the config has no typical runtime; set one with --runtime)');
  const overlong = costs.filter((cost) => cost.typicalRuntimeSeconds >= cost.maxDurationSeconds).map((cost) => cost.flow);
  if (overlong.length > 0) {
    lines.push(
      `Runtime at or past the max duration of ${overlong.join(', ')}: its typical runs end TIMED_OUT at the max duration too. The learned-history`,
      'row is cheaper because DataWORQ\'s history (the jobs finish after we stop waiting) tells Check to wait longer between checks.',
    );
  }
  lines.push(
    `Prices: ${PRICES.region} list prices, free tiers ignored (shared/cost/prices.ts). Step Functions Standard $${PRICES.stepFunctionsPerTransition * 1000} per 1,000 state transitions;`,
    `Lambda $${(PRICES.lambdaPerRequest * 1e6).toFixed(2)} per million requests and $${PRICES.lambdaArmPerGbSecond} per GB-second (${LAMBDA_ASSUMPTIONS.architecture}; Check ${LAMBDA_ASSUMPTIONS.checkMemoryMb} MB, billed for its in-process waits too;`,
    `Submit and Notify ${LAMBDA_ASSUMPTIONS.memoryMb} MB; ${LAMBDA_ASSUMPTIONS.handlerOverheadMs} ms per invocation plus its DataWORQ calls).`,
  );
  return lines;
}

function fixedText(fixed: FixedCost): string[] {
  const rows = fixed.items.map((item) => [item.what, `${item.unit === 'GB' ? item.count.toPrecision(2) : String(item.count)} ${item.unit}`, dollars(item.usdPerMonth)]);
  return [
    `Fixed monthly cost of the stack, whatever runs: ${dollars(fixed.usdPerMonth)} (webhook secrets grow with callers, not flows)`,
    ...formatTable(['RESOURCE', 'COUNT', 'PER MONTH'], rows),
    `Storage assumes ${fixed.scheduledRunsPerMonth.toLocaleString('en-US')} scheduled runs in 30 days (webhook runs add to it). Monthly prices: shared/cost/prices.ts.`,
  ];
}

/** formatTable pads every column on the right; numbers read better right-aligned. */
function alignNumbers(rows: readonly string[][]): string[][] {
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) => row.map((cell, column) => (column >= FIRST_NUMBER_COLUMN ? cell.padStart(widths[column] ?? 0) : cell)));
}

/** Three significant digits below a dollar ($0.000352), cents above ($35.20). */
function dollars(value: number): string {
  if (value >= 1) return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${value.toPrecision(3)}`;
}

/** The config's own way of writing durations: 45s, 20m, 2h, 1d, or 1h30m when it is not whole. */
function duration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('') || '0s';
}
