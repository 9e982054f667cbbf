/**
 * What runs cost in AWS: Step Functions state transitions counted by walking the definition,
 * Lambda requests and GB-seconds from what each invocation does, at the list prices of
 * prices.ts. `costPerRun` prices one configured flow (what `dwq cost` prints); `npm run bench`
 * prices its whole job mix with `ourRunCost`. One model for both.
 */
import type { RunFlow } from '../model.ts';
import { CHECK_LAMBDA } from '../run/polling.ts';
import { walkExecution, type WalkableDefinition } from './asl-walk.ts';
import { PRICES } from './prices.ts';
import { simulateOurs, SIM_FLOW, type PollOutcome } from './run-simulation.ts';
import { SIM_LATENCY } from './simulated-dataworq.ts';

/** What the Lambdas are assumed to be, and how long each handler runs besides its calls. */
export const LAMBDA_ASSUMPTIONS = {
  /** Submit and Notify (BaseFunction's default); the baseline's Lambdas too. */
  memoryMb: 256,
  /** Check (infra/constructs/run-engine.ts reads the same constant). */
  checkMemoryMb: CHECK_LAMBDA.memoryMb,
  architecture: 'arm64',
  /** A warm handler's own work around its calls (logging, parsing, middy), in ms. */
  handlerOverheadMs: 40,
  /** One SNS publish from Notify, in ms. */
  snsPublishMs: 120,
} as const;

export interface RunCost {
  readonly statusCalls: number;
  readonly transitions: number;
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  readonly usd: { readonly stepFunctions: number; readonly lambda: number; readonly total: number };
}

/** GB-seconds of `ms` milliseconds at `memoryMb`. */
export function gbSeconds(ms: number, memoryMb: number): number {
  return (ms / 1000) * (memoryMb / 1024);
}

export function priced(statusCalls: number, transitions: number, lambdaRequests: number, lambdaGbSeconds: number): RunCost {
  const stepFunctions = transitions * PRICES.stepFunctionsPerTransition;
  const lambda = lambdaRequests * PRICES.lambdaPerRequest + lambdaGbSeconds * PRICES.lambdaArmPerGbSecond;
  return { statusCalls, transitions, lambdaRequests, lambdaGbSeconds, usd: { stepFunctions, lambda, total: stepFunctions + lambda } };
}

const walked = new WeakMap<WalkableDefinition, Map<string, number>>();

/** Walks are deterministic: a mix of thousands of runs needs only one per distinct path. */
export function memoWalk(definition: WalkableDefinition, key: string, walk: () => number): number {
  const known = walked.get(definition) ?? new Map<string, number>();
  walked.set(definition, known);
  const found = known.get(key);
  if (found !== undefined) return found;
  const counted = walk();
  known.set(key, counted);
  return counted;
}

/** Transitions of one RunFlow execution whose n-th Check invocation ends the loop. */
export function ourTransitions(definition: WalkableDefinition, checkInvocations: number): number {
  return memoWalk(definition, String(checkInvocations), () =>
    walkExecution(definition, {
      // Submit's result is the run's context (ResultPath `$`), its RunState in `run`.
      Submit: () => ({ flow: {}, trigger: {}, run: { runId: 'r', poll: {} } }),
      Check: (n) => (n >= checkInvocations ? { runId: 'r', poll: {}, outcome: 'COMPLETED' } : { runId: 'r', poll: {} }),
      Notify: () => ({ messageId: 'm' }),
    }).transitions,
  );
}

const overhead = LAMBDA_ASSUMPTIONS.handlerOverheadMs;

/**
 * Ours: Submit (execute) and Notify (SNS) at 256 MB; every Check invocation at the Check
 * Lambda's size, billed for all it ran (in-process waits and every DataWORQ call in it).
 */
export function ourRunCost(definition: WalkableDefinition, run: PollOutcome): RunCost {
  const submitMs = overhead + SIM_LATENCY.executeCallMs;
  const notifyMs = overhead + LAMBDA_ASSUMPTIONS.snsPublishMs;
  const checkMs = run.checkInvocations * overhead + run.checkSeconds * 1000;
  const lambdaGbSeconds = gbSeconds(submitMs + notifyMs, LAMBDA_ASSUMPTIONS.memoryMb) + gbSeconds(checkMs, LAMBDA_ASSUMPTIONS.checkMemoryMb);
  return priced(run.statusCalls, ourTransitions(definition, run.checkInvocations), run.checkInvocations + 2, lambdaGbSeconds);
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
