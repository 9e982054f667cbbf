/**
 * One job followed by each strategy, in simulated time.
 *
 * Ours is the core's simulation of the deployed loop (shared/cost/run-simulation.ts: the real
 * Submit and Check code). The baseline is the AWS Step Functions "Job Status Poller" sample:
 * Submit Job → Wait 60 s → Get Job Status → Job Complete? → loop, then Get Final Job Status.
 * The perfect-knowledge limit knows when the job ends and checks once, then.
 */
import { simulatedOutcome, simulateOurs, SIM_FLOW, type PollOutcome } from '../shared/cost/run-simulation.ts';
import { SIM_LATENCY, SimClock, SimulatedDataworq, type SimulatedJob } from '../shared/cost/simulated-dataworq.ts';

export type { PollOutcome } from '../shared/cost/run-simulation.ts';
export { simulateOurs } from '../shared/cost/run-simulation.ts';

export type StrategyName = 'fixed-60s' | 'perfect-knowledge' | 'ours-age-only' | 'ours-with-history';

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
const START = { flowId: SIM_FLOW.flowId, runProfileName: 'default', notificationEnabled: false, parameters: [] };

export async function simulateFixed(job: SimulatedJob, intervalSeconds = 60): Promise<PollOutcome> {
  const clock = new SimClock(T0);
  const dataworq = new SimulatedDataworq(job, clock, false);
  clock.advance(SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
  await dataworq.startFlow(START);
  let status = 'RUNNING';
  let checkMs = 0;
  while (status === 'RUNNING') {
    clock.advance(SIM_LATENCY.transitionMs + intervalSeconds * 1000 + SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
    const invokedAt = clock.ms;
    status = await dataworq.getExecutionStatus();
    checkMs += clock.ms - invokedAt;
    clock.advance(SIM_LATENCY.transitionMs);
  }
  // Get Final Job Status, after a success only.
  if (status === 'COMPLETED') await dataworq.getJob();
  return simulatedOutcome(job, dataworq, status, dataworq.statusCalls, checkMs / 1000);
}

/** The limit no poller can beat: Submit, one Wait until the job's end, one Check that sees it. */
export async function simulatePerfect(job: SimulatedJob): Promise<PollOutcome> {
  const clock = new SimClock(T0);
  const dataworq = new SimulatedDataworq(job, clock, false);
  clock.advance(SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
  await dataworq.startFlow(START);
  clock.ms = dataworq.endMs;
  const invokedAt = clock.ms;
  const status = await dataworq.getExecutionStatus();
  await dataworq.getJob();
  return simulatedOutcome(job, dataworq, status, 1, (clock.ms - invokedAt) / 1000);
}

export function simulate(strategy: StrategyName, job: SimulatedJob): Promise<PollOutcome> {
  if (strategy === 'fixed-60s') return simulateFixed(job);
  if (strategy === 'perfect-knowledge') return simulatePerfect(job);
  return simulateOurs(job, strategy === 'ours-with-history');
}
