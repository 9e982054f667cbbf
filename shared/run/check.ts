/**
 * The Check step: cheap status calls, and the decision what happens next: wait again, or end
 * the run with an outcome. While the next wait is short, Check waits inside its invocation and
 * checks again (polling.ts, checksAgainInProcess); each check is the same checkOnce. DataWORQ being unreachable is handled here, not by Step Functions
 * retries, so that the run can tell "slow" from "lost" by how long it has been unreachable.
 */
import type { Clock } from '../clock.ts';
import { maskedRun } from './masked-run.ts';
import { parameterMaskOf } from '../dataworq/mask-parameters.ts';
import { summarizeJob } from '../dataworq/summarize-job.ts';
import { FINAL_EXECUTION_STATUSES, KNOWN_EXECUTION_STATUSES, type DataworqClient, type ExecutionStatus } from '../dataworq/types.ts';
import { DataworqNotFoundError, DataworqRejectedError } from '../errors.ts';
import { describeError, type Log, silentLog } from '../log.ts';
import type { CheckInput, JobSummary, Outcome, PollState, RunState } from '../model.ts';
import { checksAgainInProcess, expectedDurationFromHistory, inQuietPhase, nextPollDelaySeconds, POLLING, unreachableBackoffSeconds } from './polling.ts';
import { endRun, secondsBetween } from './run-state.ts';
import { ledgerSafely, runProgress } from '../ledger/engine-records.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import { reportLoopEnded, type RunMetrics } from '../metrics/run-metrics.ts';
import type { AlertPublisher } from '../alerts/publisher.ts';
import { connectorAnswered, isConnectorFailure, type IncidentStore } from '../incidents/connector-incident.ts';
import { loopBoundOf } from './retry.ts';

export interface CheckDeps {
  readonly dataworq: DataworqClient;
  readonly clock: Clock;
  readonly log?: Log;
  readonly random?: () => number;
  /** Waits between in-process checks; injectable so tests, local mode and the bench need not sleep for real. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The run ledger: every check writes the run's status, step and checks count; absent = no record. */
  readonly ledger?: RunLedger;
  /** Where the run's metrics go (CloudWatch EMF in AWS); absent = none. */
  readonly metrics?: RunMetrics;
  /** The connector incident: a status call that succeeds closes it (shared/incidents); absent = no incidents. */
  readonly incidents?: IncidentStore;
  /** Sends the incident's CONNECTOR_RECOVERED alert when this Check closes it. */
  readonly publisher?: AlertPublisher;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function checkRun(input: CheckInput, deps: CheckDeps): Promise<RunState> {
  // Masked before it leaves Check: the state is kept 90 days and read by alerts and GET /runs.
  return maskedRun(await followRun(input, deps), parameterMaskOf(input.flow));
}

/** Checks, and checks again in-process while the next wait is short (shared/run/polling.ts). */
async function followRun(input: CheckInput, deps: CheckDeps): Promise<RunState> {
  const startedMs = deps.clock.now().getTime();
  // The waits themselves count too, so the loop ends within its budget even on a clock that stands still.
  let waitedSeconds = 0;
  const elapsedSeconds = () => Math.max(waitedSeconds, (deps.clock.now().getTime() - startedMs) / 1000);
  let run = await checkAndRecord(input, deps);
  while (run.outcome === undefined && checksAgainInProcess(run.poll.waitSeconds, elapsedSeconds(), run.poll.consecutiveFailures === 0)) {
    await (deps.sleep ?? realSleep)(run.poll.waitSeconds * 1000);
    waitedSeconds += run.poll.waitSeconds;
    run = await checkAndRecord({ ...input, run }, deps);
  }
  reportLoopEnded(deps.metrics, run);
  return run;
}

/** One check, and its progress in the run's record (best effort: the run goes on without it). */
async function checkAndRecord(input: CheckInput, deps: CheckDeps): Promise<RunState> {
  const run = await checkOnce(input, deps);
  await ledgerSafely(deps.log ?? silentLog, 'check', () => deps.ledger?.checked(run.runId, runProgress(input.run, run, deps.clock.now())));
  return run;
}

async function checkOnce(input: CheckInput, deps: CheckDeps): Promise<RunState> {
  const log = deps.log ?? silentLog;
  const now = deps.clock.now();
  const run = input.run;
  const jobId = run.jobId;
  if (jobId === undefined) return endRun(run, 'LOST', now, { message: 'no DataWORQ job id to check' });
  const ageSeconds = secondsBetween(run.submittedAt, now);
  const expectedDurationSeconds = run.poll.iteration === 0 ? await learnExpectedDuration(input, deps, log) : run.poll.expectedDurationSeconds;
  const poll: PollState = { ...run.poll, iteration: run.poll.iteration + 1, lastCheckedAt: now.toISOString(), expectedDurationSeconds };
  // The history says the job is in its quiet phase: the next check, not this one, asks for its status (polling.ts).
  if (run.poll.iteration === 0 && inQuietPhase({ ageSeconds, expectedDurationSeconds })) {
    return continueOrStop({ ...run, poll }, input, now, deps, log, nextPollDelaySeconds({ ageSeconds, expectedDurationSeconds }));
  }

  let status: ExecutionStatus;
  try {
    status = await deps.dataworq.getExecutionStatus(jobId);
  } catch (error) {
    return afterFailedCheck({ ...run, poll }, error, input, deps, log);
  }
  await connectorAnswered({ incidents: deps.incidents, publisher: deps.publisher, log }, now);
  const healthy: PollState = { ...poll, lastStatus: status, consecutiveFailures: 0, consecutiveRejections: 0, unreachableSince: undefined };
  if (!(KNOWN_EXECUTION_STATUSES as readonly string[]).includes(status)) {
    log.warn('DataWORQ reported an unknown status; treating the job as not finished', { jobId, status });
  }
  if (FINAL_EXECUTION_STATUSES.includes(status)) {
    const job = await finalSummary(jobId, status, deps, log);
    return endRun({ ...run, poll: healthy }, status as Outcome, deps.clock.now(), { job, ...(job.error ? { message: job.error } : {}) });
  }
  return continueOrStop({ ...run, poll: healthy }, input, now, deps, log, nextPollDelaySeconds({ ageSeconds, expectedDurationSeconds }));
}

/** How long the flow's recent runs took (polling.ts), read once, at the run's first check. Best effort: without it, the age alone sets the interval. */
async function learnExpectedDuration(input: CheckInput, deps: CheckDeps, log: Log): Promise<number | undefined> {
  try {
    return expectedDurationFromHistory(await deps.dataworq.listJobs('history'), input.flow);
  } catch (error) {
    log.info('could not read the job history; polling by age alone', { error: describeError(error) });
    return undefined;
  }
}

/** Past the deadline or the loop bound, the run ends TIMED_OUT; otherwise it waits `waitSeconds`. */
async function continueOrStop(run: RunState, input: CheckInput, now: Date, deps: CheckDeps, log: Log, waitSeconds: number): Promise<RunState> {
  const overdue = now.getTime() >= Date.parse(run.deadline);
  // Retried flows share the loop's bound between their attempts (retry.ts): the execution's history holds them all.
  const bounded = run.poll.iteration >= loopBoundOf(input.flow);
  if (overdue || bounded) {
    const job = run.jobId ? await bestEffortSummary(run.jobId, deps, log) : undefined;
    const status = job?.executionStatus ?? run.poll.lastStatus ?? 'unknown';
    const message = overdue
      ? `still ${status} after the flow's max duration of ${formatSeconds(input.flow.maxDurationSeconds)}; DataWORQ may still be running it`
      : `stopped following the job after ${run.poll.iteration} checks (the loop's bound); last status ${status}`;
    return endRun(run, 'TIMED_OUT', now, { message, ...(job ? { job } : {}) });
  }
  const untilDeadline = Math.ceil((Date.parse(run.deadline) - now.getTime()) / 1000);
  return { ...run, poll: { ...run.poll, waitSeconds: Math.max(1, Math.min(waitSeconds, untilDeadline)) } };
}

async function afterFailedCheck(run: RunState, error: unknown, input: CheckInput, deps: CheckDeps, log: Log): Promise<RunState> {
  const now = deps.clock.now();
  const rejected = error instanceof DataworqRejectedError || error instanceof DataworqNotFoundError;
  const poll: PollState = {
    ...run.poll,
    consecutiveFailures: run.poll.consecutiveFailures + 1,
    consecutiveRejections: rejected ? run.poll.consecutiveRejections + 1 : 0,
    unreachableSince: run.poll.unreachableSince ?? now.toISOString(),
  };
  log.warn('status check failed', { jobId: run.jobId, failures: poll.consecutiveFailures, error: describeError(error) });
  if (poll.consecutiveRejections >= POLLING.maxConsecutiveRejections) {
    return endRun({ ...run, poll }, 'LOST', now, {
      message: `DataWORQ answered ${poll.consecutiveRejections} status checks in a row with an error (the job may have been deleted): ${(error as Error).message}`,
    });
  }
  const down = secondsBetween(poll.unreachableSince ?? now.toISOString(), now);
  if (down >= input.flow.lostAfterSeconds) {
    const lost = endRun({ ...run, poll }, 'LOST', now, {
      message: `job status unreachable for ${formatSeconds(Math.round(down))} (limit ${formatSeconds(input.flow.lostAfterSeconds)}): ${describeError(error)}`,
    });
    return isConnectorFailure(error) ? { ...lost, cause: 'connector' } : lost;
  }
  const backoff = unreachableBackoffSeconds(poll.consecutiveFailures, deps.random);
  const untilLost = Math.max(1, Math.ceil(input.flow.lostAfterSeconds - down));
  return continueOrStop({ ...run, poll }, input, now, deps, log, Math.min(backoff, untilLost));
}

/** The whole JobStatus once, at the end; trimmed to a summary that fits any state payload. */
async function finalSummary(jobId: string, status: ExecutionStatus, deps: CheckDeps, log: Log): Promise<JobSummary> {
  return (await bestEffortSummary(jobId, deps, log)) ?? { jobId, executionStatus: status };
}

async function bestEffortSummary(jobId: string, deps: CheckDeps, log: Log): Promise<JobSummary | undefined> {
  try {
    return summarizeJob(await deps.dataworq.getJob(jobId));
  } catch (error) {
    log.warn('could not read the job details; alerting without them', { jobId, error: describeError(error) });
    return undefined;
  }
}

export function formatSeconds(total: number): string {
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.floor(total % 60);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', s || total === 0 ? `${s}s` : ''];
  return parts.filter(Boolean).join(' ');
}
