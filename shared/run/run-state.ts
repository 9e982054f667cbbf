/** Small constructors for RunState, so Submit and Check build it one way. */
import type { JobSummary, Outcome, PollState, RunFlow, RunState } from '../model.ts';
import { POLLING } from './polling.ts';

export function initialPoll(): PollState {
  return { iteration: 0, waitSeconds: POLLING.minSeconds, consecutiveFailures: 0, consecutiveRejections: 0 };
}

export function newRunState(runId: string, flow: RunFlow, now: Date): RunState {
  return {
    runId,
    submittedAt: now.toISOString(),
    deadline: new Date(now.getTime() + flow.maxDurationSeconds * 1000).toISOString(),
    poll: initialPoll(),
  };
}

export function endRun(run: RunState, outcome: Outcome, now: Date, details: { message?: string; job?: JobSummary } = {}): RunState {
  return {
    ...run,
    outcome,
    endedAt: now.toISOString(),
    ...(details.message !== undefined ? { message: details.message } : {}),
    ...(details.job !== undefined ? { job: details.job } : {}),
  };
}

export function secondsBetween(fromIso: string, to: Date): number {
  return Math.max(0, (to.getTime() - Date.parse(fromIso)) / 1000);
}
