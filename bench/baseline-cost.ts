/**
 * The baseline's cost, with the core's cost model (shared/cost/cost-model.ts): the sample's
 * definition walked state by state, its Lambdas at 256 MB.
 */
import { walkExecution } from '../shared/cost/asl-walk.ts';
import { gbSeconds, LAMBDA_ASSUMPTIONS, memoWalk, priced, type RunCost } from '../shared/cost/cost-model.ts';
import type { PollOutcome } from '../shared/cost/run-simulation.ts';
import { SIM_LATENCY } from '../shared/cost/simulated-dataworq.ts';
import { JOB_STATUS_POLLER } from './job-status-poller.ts';

/** Transitions of one baseline execution whose n-th status check sees the end. */
export function baselineTransitions(checks: number, failed: boolean): number {
  return memoWalk(JOB_STATUS_POLLER, `${checks}/${failed}`, () =>
    walkExecution(JOB_STATUS_POLLER, {
      'Submit Job': () => 'job-id',
      'Get Job Status': (n) => (n < checks ? 'RUNNING' : failed ? 'FAILED' : 'SUCCEEDED'),
      'Get Final Job Status': () => 'SUCCEEDED',
    }).transitions,
  );
}

/** Submit Job, one Get Job Status per check, Get Final Job Status after a success. */
export function baselineRunCost(run: PollOutcome): RunCost {
  const failed = run.runOutcome === 'ERROR';
  const overhead = LAMBDA_ASSUMPTIONS.handlerOverheadMs;
  const submitMs = overhead + SIM_LATENCY.executeCallMs;
  const checkMs = run.statusCalls * (overhead + SIM_LATENCY.statusCallMs);
  const finalMs = failed ? 0 : overhead + SIM_LATENCY.getJobCallMs;
  const lambdaGbSeconds = gbSeconds(submitMs + checkMs + finalMs, LAMBDA_ASSUMPTIONS.memoryMb);
  return priced(run.statusCalls, baselineTransitions(run.statusCalls, failed), run.statusCalls + (failed ? 1 : 2), lambdaGbSeconds);
}
