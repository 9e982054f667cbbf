/**
 * What runs cost in AWS: Step Functions state transitions counted by walking the definition,
 * Lambda requests and GB-seconds from the calls each handler makes, at the list prices of
 * prices.ts. `costPerRun` prices one configured flow; it is what `dwq cost` prints.
 */
import type { RunFlow } from '../shared/model.ts';
import { walkExecution, type WalkableDefinition } from './asl-walk.ts';
import { JOB_STATUS_POLLER } from './job-status-poller.ts';
import { simulateOurs, SIM_FLOW, type PollOutcome } from './poll-sim.ts';
import { LAMBDA_ASSUMPTIONS, PRICES } from './prices.ts';
import { SIM_LATENCY } from './simulated-dataworq.ts';

export interface RunCost {
  readonly statusCalls: number;
  readonly transitions: number;
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  readonly usd: { readonly stepFunctions: number; readonly lambda: number; readonly total: number };
}

function priced(statusCalls: number, transitions: number, lambdaRequests: number, lambdaMs: number): RunCost {
  const lambdaGbSeconds = (lambdaMs / 1000) * (LAMBDA_ASSUMPTIONS.memoryMb / 1024);
  const stepFunctions = transitions * PRICES.stepFunctionsPerTransition;
  const lambda = lambdaRequests * PRICES.lambdaPerRequest + lambdaGbSeconds * PRICES.lambdaArmPerGbSecond;
  return { statusCalls, transitions, lambdaRequests, lambdaGbSeconds, usd: { stepFunctions, lambda, total: stepFunctions + lambda } };
}

const walked = new WeakMap<WalkableDefinition, Map<string, number>>();

/** Walks are deterministic: a mix of thousands of runs needs only one per distinct path. */
function memo(definition: WalkableDefinition, key: string, walk: () => number): number {
  const known = walked.get(definition) ?? new Map<string, number>();
  walked.set(definition, known);
  const found = known.get(key);
  if (found !== undefined) return found;
  const counted = walk();
  known.set(key, counted);
  return counted;
}

/** Transitions of one RunFlow execution whose n-th Check ends the loop. */
export function ourTransitions(definition: WalkableDefinition, checks: number): number {
  return memo(definition, String(checks), () => walkOurs(definition, checks));
}

function walkOurs(definition: WalkableDefinition, checks: number): number {
  return walkExecution(definition, {
    Submit: () => ({ runId: 'r', poll: {} }),
    Check: (n) => (n >= checks ? { runId: 'r', poll: {}, outcome: 'COMPLETED' } : { runId: 'r', poll: {} }),
    Notify: () => ({ messageId: 'm' }),
  }).transitions;
}

/** Transitions of one baseline execution whose n-th status check sees the end. */
export function baselineTransitions(checks: number, failed: boolean): number {
  return memo(JOB_STATUS_POLLER, `${checks}/${failed}`, () =>
    walkExecution(JOB_STATUS_POLLER, {
      'Submit Job': () => 'job-id',
      'Get Job Status': (n) => (n < checks ? 'RUNNING' : failed ? 'FAILED' : 'SUCCEEDED'),
      'Get Final Job Status': () => 'SUCCEEDED',
    }).transitions,
  );
}

const overhead = LAMBDA_ASSUMPTIONS.handlerOverheadMs;

/** Ours: Submit (execute), one Check per status call (the first also reads history, the last the job), Notify. */
export function ourRunCost(definition: WalkableDefinition, run: PollOutcome): RunCost {
  const submitMs = overhead + SIM_LATENCY.executeCallMs;
  const checkMs = run.statusCalls * (overhead + SIM_LATENCY.statusCallMs) + run.listCalls * SIM_LATENCY.historyCallMs + SIM_LATENCY.getJobCallMs;
  const notifyMs = overhead + LAMBDA_ASSUMPTIONS.snsPublishMs;
  return priced(run.statusCalls, ourTransitions(definition, run.statusCalls), run.statusCalls + 2, submitMs + checkMs + notifyMs);
}

/** The baseline: Submit Job, one Get Job Status per check, Get Final Job Status after a success. */
export function baselineRunCost(run: PollOutcome): RunCost {
  const failed = run.runOutcome === 'ERROR';
  const submitMs = overhead + SIM_LATENCY.executeCallMs;
  const checkMs = run.statusCalls * (overhead + SIM_LATENCY.statusCallMs);
  const finalMs = failed ? 0 : overhead + SIM_LATENCY.getJobCallMs;
  return priced(run.statusCalls, baselineTransitions(run.statusCalls, failed), run.statusCalls + (failed ? 1 : 2), submitMs + checkMs + finalMs);
}

export interface CostFlow {
  readonly name: string;
  readonly maxDurationSeconds: number;
}

export interface CostOptions {
  /** The flow's usual runtime. Default: a quarter of its max duration (stated as assumed). */
  readonly typicalRuntimeSeconds?: number;
}

export interface FlowCost {
  readonly flow: string;
  readonly maxDurationSeconds: number;
  readonly typicalRuntimeSeconds: number;
  readonly typicalRuntimeAssumed: boolean;
  /** A typical run once DataWORQ's history knows the flow (the steady state). */
  readonly typical: RunCost;
  /** A typical run of a flow without history (its first runs): the interval follows the age alone. */
  readonly typicalWithoutHistory: RunCost;
  /**
   * A run that lasts until the max duration and ends TIMED_OUT, as a flow's first runs poll it
   * (without history): the most one run can cost, since history only lengthens the first waits.
   */
  readonly worstCase: RunCost;
}

/**
 * What one run of `flow` costs in AWS, with our poll strategy and the deployed definition (pass
 * the synthesized RunFlow definition, e.g. local/runtime/definition-cache.ts).
 */
export async function costPerRun(flow: CostFlow, definition: WalkableDefinition, options: CostOptions = {}): Promise<FlowCost> {
  const typicalRuntimeSeconds = options.typicalRuntimeSeconds ?? Math.max(10, Math.round(flow.maxDurationSeconds / 4));
  const runFlow: RunFlow = { ...SIM_FLOW, name: flow.name, maxDurationSeconds: flow.maxDurationSeconds };
  const job = (runtimeSeconds: number) => ({
    usualSeconds: typicalRuntimeSeconds,
    runtimeSeconds,
    outcome: 'COMPLETED' as const,
    historySeconds: Array.from({ length: 10 }, () => typicalRuntimeSeconds),
  });
  const typicalJob = job(typicalRuntimeSeconds);
  return {
    flow: flow.name,
    maxDurationSeconds: flow.maxDurationSeconds,
    typicalRuntimeSeconds,
    typicalRuntimeAssumed: options.typicalRuntimeSeconds === undefined,
    typical: ourRunCost(definition, await simulateOurs(typicalJob, true, runFlow)),
    typicalWithoutHistory: ourRunCost(definition, await simulateOurs(typicalJob, false, runFlow)),
    worstCase: ourRunCost(definition, await simulateOurs(job(flow.maxDurationSeconds + 3600), false, runFlow)),
  };
}

/** `estimateCost` is the same function, for callers who look for that name. */
export const estimateCost = costPerRun;
