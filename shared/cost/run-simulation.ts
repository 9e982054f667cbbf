/**
 * One run of the deployed poll loop, in simulated time: the real Submit and Check code
 * (shared/run/submit.ts, shared/run/check.ts) against a simulated DataWORQ, waiting exactly the
 * seconds they put in `run.poll.waitSeconds`, as the state machine's Wait state does, and letting
 * Check wait inside its invocation exactly as it does in Lambda (its `sleep` moves the simulated
 * clock). The strategy measured and priced is the one deployed, not a copy.
 */
import type { RunFlow, RunState } from '../model.ts';
import { checkRun } from '../run/check.ts';
import { submitRun } from '../run/submit.ts';
import { SIM_FLOW_NAME, SIM_LATENCY, SimClock, SimulatedDataworq, type SimulatedJob } from './simulated-dataworq.ts';

export interface PollOutcome {
  readonly runtimeSeconds: number;
  /** Status checks (the cheap `filter=executionStatus` call). */
  readonly statusCalls: number;
  /** Other DataWORQ calls while polling: the one history list of ours. */
  readonly listCalls: number;
  /** Every DataWORQ call of the run: execute, status checks, lists, job reads. */
  readonly totalCalls: number;
  /** Check invocations, one per Wait → Check → Finished? round trip (status checks for the baseline). */
  readonly checkInvocations: number;
  /** What the Check invocations ran in total, in-process waits and calls included (handler overhead not). */
  readonly checkSeconds: number;
  /** From the job's end to the status call that saw it; NaN when no call saw it (TIMED_OUT). */
  readonly lagSeconds: number;
  /** How the run ended (the job's outcome, or TIMED_OUT at the flow's max duration). */
  readonly runOutcome: string;
}

export const SIM_T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

export const SIM_FLOW: RunFlow = {
  name: 'simulated-flow',
  flowId: '00000000-0000-4000-8000-000000000001',
  dataworqFlowName: SIM_FLOW_NAME,
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [],
  // Longer than the longest job of the bench's mix, so that no run ends TIMED_OUT.
  maxDurationSeconds: 12 * 3600,
  lostAfterSeconds: 1800,
  overlap: 'allow',
};

const TRIGGER = { kind: 'manual', id: 'bench', time: new Date(SIM_T0).toISOString() } as const;

export async function simulateOurs(job: SimulatedJob, withHistory: boolean, flow: RunFlow = SIM_FLOW): Promise<PollOutcome> {
  const clock = new SimClock(SIM_T0);
  const dataworq = new SimulatedDataworq(job, clock, withHistory);
  const sleep = async (ms: number) => clock.advance(ms);
  clock.advance(SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
  let run: RunState = await submitRun({ flow, trigger: TRIGGER, runId: 'bench-run' }, { dataworq, clock });
  // Submit → Finished? → (Wait → Check → Finished?)* until Check sets an outcome.
  clock.advance(SIM_LATENCY.transitionMs);
  let checkInvocations = 0;
  let checkMs = 0;
  while (run.outcome === undefined) {
    clock.advance(SIM_LATENCY.transitionMs + run.poll.waitSeconds * 1000 + SIM_LATENCY.transitionMs + SIM_LATENCY.invokeMs);
    const invokedAt = clock.ms;
    run = await checkRun({ flow, trigger: TRIGGER, run }, { dataworq, clock, random: () => 0.5, sleep });
    checkInvocations += 1;
    checkMs += clock.ms - invokedAt;
    clock.advance(SIM_LATENCY.transitionMs);
  }
  return simulatedOutcome(job, dataworq, run.outcome, checkInvocations, checkMs / 1000);
}

export function simulatedOutcome(job: SimulatedJob, dataworq: SimulatedDataworq, runOutcome: string, checkInvocations: number, checkSeconds: number): PollOutcome {
  return {
    runtimeSeconds: job.runtimeSeconds,
    statusCalls: dataworq.statusCalls,
    listCalls: dataworq.listCalls,
    totalCalls: dataworq.totalCalls,
    checkInvocations,
    checkSeconds,
    lagSeconds: dataworq.detectedAtMs === undefined ? Number.NaN : (dataworq.detectedAtMs - dataworq.endMs) / 1000,
    runOutcome,
  };
}
