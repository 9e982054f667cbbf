/**
 * One job followed by each strategy, in simulated time.
 *
 * Ours runs the real Submit and Check code (shared/run/submit.ts, shared/run/check.ts) and waits
 * exactly the seconds they put in `run.poll.waitSeconds`, as the state machine's Wait state does:
 * the strategy measured is the one deployed, not a copy. The baseline is the AWS Step Functions
 * "Job Status Poller" sample: Submit Job → Wait 60 s → Get Job Status → Job Complete? → loop.
 */
import { checkRun } from '../shared/run/check.ts';
import type { RunFlow, RunState } from '../shared/model.ts';
import { submitRun } from '../shared/run/submit.ts';
import type { SimulatedJob } from './job-mix.ts';
import { SIM_FLOW_NAME, SIM_LATENCY, SimClock, SimulatedDataworq } from './simulated-dataworq.ts';

export type StrategyName = 'fixed-60s' | 'ours-age-only' | 'ours-with-history';

export interface PollOutcome {
  readonly runtimeSeconds: number;
  /** Status checks (the cheap `filter=executionStatus` call). */
  readonly statusCalls: number;
  /** Other DataWORQ calls while polling: the one history list of ours. */
  readonly listCalls: number;
  /** From the job's end to the status call that saw it; NaN when no call saw it (TIMED_OUT). */
  readonly lagSeconds: number;
  /** How the run ended (the job's outcome, or TIMED_OUT at the flow's max duration). */
  readonly runOutcome: string;
}

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

export const SIM_FLOW: RunFlow = {
  name: 'simulated-flow',
  flowId: '00000000-0000-4000-8000-000000000001',
  dataworqFlowName: SIM_FLOW_NAME,
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [],
  // Longer than the longest job of the mix, so that no run ends TIMED_OUT.
  maxDurationSeconds: 12 * 3600,
  lostAfterSeconds: 1800,
  overlap: 'allow',
};

const TRIGGER = { kind: 'manual', id: 'bench', time: new Date(T0).toISOString() } as const;

export async function simulateOurs(job: SimulatedJob, withHistory: boolean, flow: RunFlow = SIM_FLOW): Promise<PollOutcome> {
  const clock = new SimClock(T0);
  const dataworq = new SimulatedDataworq(job, clock, withHistory);
  clock.advance(SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
  let run: RunState = await submitRun({ flow, trigger: TRIGGER, runId: 'bench-run' }, { dataworq, clock });
  // Submit → Finished? → (Wait → Check → Finished?)* until Check sets an outcome.
  clock.advance(SIM_LATENCY.transitionMs);
  while (run.outcome === undefined) {
    clock.advance(SIM_LATENCY.transitionMs + run.poll.waitSeconds * 1000 + SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
    run = await checkRun({ flow, trigger: TRIGGER, run }, { dataworq, clock, random: () => 0.5 });
    clock.advance(SIM_LATENCY.transitionMs);
  }
  return outcome(job, dataworq, run.outcome);
}

export async function simulateFixed(job: SimulatedJob, intervalSeconds = 60): Promise<PollOutcome> {
  const clock = new SimClock(T0);
  const dataworq = new SimulatedDataworq(job, clock, false);
  clock.advance(SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
  await dataworq.startFlow({ flowId: SIM_FLOW.flowId, runProfileName: 'default', notificationEnabled: false, parameters: [] });
  let status = 'RUNNING';
  while (status === 'RUNNING') {
    clock.advance(SIM_LATENCY.transitionMs + intervalSeconds * 1000 + SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
    status = await dataworq.getExecutionStatus();
    clock.advance(SIM_LATENCY.transitionMs);
  }
  return outcome(job, dataworq, status);
}

export function simulate(strategy: StrategyName, job: SimulatedJob): Promise<PollOutcome> {
  if (strategy === 'fixed-60s') return simulateFixed(job);
  return simulateOurs(job, strategy === 'ours-with-history');
}

function outcome(job: SimulatedJob, dataworq: SimulatedDataworq, runOutcome: string): PollOutcome {
  return {
    runtimeSeconds: job.runtimeSeconds,
    statusCalls: dataworq.statusCalls,
    listCalls: dataworq.listCalls,
    lagSeconds: dataworq.detectedAtMs === undefined ? Number.NaN : (dataworq.detectedAtMs - dataworq.endMs) / 1000,
    runOutcome,
  };
}
