/**
 * The Submit step: apply the overlap policy, start the job, and never start it twice.
 *
 * DataWORQ's execute is not idempotent: a timeout or gateway error may hide a job that did start.
 * So after an ambiguous failure we look for a job of this flow that started since the attempt
 * and adopt it; only when none is there do we try again (DESIGN.md, decision 5).
 */
import type { Clock } from '../clock.ts';
import type { DataworqClient, JobStatus } from '../dataworq/types.ts';
import {
  AmbiguousStartError,
  DataworqMalformedResponseError,
  DataworqRejectedError,
  DataworqUnavailableError,
  SecretConfigurationError,
  ValidationError,
} from '../errors.ts';
import { describeError, type Log, silentLog } from '../log.ts';
import type { RunFlow, RunState, RunTrigger } from '../model.ts';
import { type RenderedRunFlow, renderRunFlow } from '../periods/render-run.ts';
import { endRun, newRunState } from './run-state.ts';
import type { RunJournal, RunRecord } from './run-journal.ts';
import { activePauseOf, ledgerSafely, newRunRecord, pausedMessage } from '../ledger/engine-records.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import type { AlertPublisher } from '../alerts/publisher.ts';
import { connectorAnswered, isConnectorFailure, type IncidentStore } from '../incidents/connector-incident.ts';
import { attemptJournalId, attemptOf } from './retry.ts';

export interface SubmitInput {
  readonly flow: RunFlow;
  readonly trigger: RunTrigger;
  readonly runId: string;
}

export interface SubmitDeps {
  readonly dataworq: DataworqClient;
  readonly clock: Clock;
  readonly log?: Log;
  /** Pauses between attempts; injectable so tests and local mode need not sleep for real. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Claims a trigger once (schedule deliveries come at least once); false = already claimed. */
  readonly claimTrigger?: (input: SubmitInput) => Promise<boolean>;
  /** What an earlier Submit of this run did, so that a retried Submit keeps its job. */
  readonly journal?: RunJournal;
  /** The run ledger: Submit creates the run's record and honours pause flags; absent = neither. */
  readonly ledger?: RunLedger | undefined;
  /** The connector incident: a start that succeeds closes it (shared/incidents); absent = no incidents. */
  readonly incidents?: IncidentStore | undefined;
  /** Sends the incident's CONNECTOR_RECOVERED alert when this Submit closes it. */
  readonly publisher?: AlertPublisher | undefined;
}

export const SUBMIT = {
  /** Execute attempts in all, each after an adoption check found nothing. */
  maxAttempts: 3,
  /** Wait before looking for an adoptable job, so that DataWORQ has listed it. */
  settleMs: 2_000,
  /** A job counts as "ours" if it started no earlier than this before our attempt (clock skew). */
  skewMs: 60_000,
} as const;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function submitRun(input: SubmitInput, deps: SubmitDeps): Promise<RunState> {
  const run = await submitJob(input, deps);
  // After the journal's writes (which replace its item), so the record merges into them. A duplicate delivery is no run.
  if (!run.duplicate) await ledgerSafely(deps.log ?? silentLog, 'submit', () => deps.ledger?.submitted({ ...newRunRecord(input, run), ...(run.attempt ? { attempt: run.attempt } : {}) }));
  return run;
}

async function submitJob(input: SubmitInput, deps: SubmitDeps): Promise<RunState> {
  const log = deps.log ?? silentLog;
  const attempt = attemptOf(input.trigger);
  // Each attempt has its own journal entry: a retry never adopts the job of the attempt that failed.
  const journalId = attemptJournalId(input.runId, attempt);
  let run: RunState = { ...newRunState(input.runId, input.flow, deps.clock.now()), ...(attempt > 1 ? { attempt } : {}) };
  try {
    if (deps.claimTrigger && !(await deps.claimTrigger(input))) {
      log.warn('trigger already claimed by another run; not starting a second job', { trigger: input.trigger });
      const ended = endRun(run, 'SKIPPED', deps.clock.now(), {
        message: `duplicate delivery of ${input.trigger.kind} ${input.trigger.id} at ${input.trigger.time}; the first delivery runs the job`,
      });
      return { ...ended, duplicate: true };
    }
    const pause = await activePauseOf(deps.ledger, input.flow.name, input.trigger, deps.clock.now(), log);
    if (pause) return endRun(run, 'SKIPPED', deps.clock.now(), { message: pausedMessage(pause) });
    // Render parameters: templates become typed values from the logical time, frozen in the run.
    const { flow, frozen } = await renderRunFlow(input.flow, input.trigger);
    run = { ...run, ...frozen };
    const earlierJob = (await jobOfEarlierAttempt(input, journalId, deps, log)) ?? (await jobOfFailedStart(input, attempt, deps, log));
    if (earlierJob) return { ...run, jobId: earlierJob, adopted: true };
    const active = await activeJobOfFlow(flow, deps, log);
    if (active) {
      return endRun(run, 'SKIPPED', deps.clock.now(), {
        message: `${input.flow.name} is already running in DataWORQ (job ${active.id}, ${active.executionStatus}); overlap policy is skip`,
      });
    }
    await journalSafely(log, () => deps.journal?.attempt(journalId, deps.clock.now()));
    const started = await startOnce(flow, deps, log);
    await journalSafely(log, () => deps.journal?.started(journalId, started.jobId));
    log.info('job submitted', { jobId: started.jobId, adopted: started.adopted, attempt });
    await connectorAnswered({ incidents: deps.incidents, publisher: deps.publisher, log }, deps.clock.now());
    return { ...run, jobId: started.jobId, ...(started.adopted ? { adopted: true } : {}) };
  } catch (error) {
    log.error('submit failed', { error: describeError(error) });
    const ended = endRun(run, 'SUBMIT_FAILED', deps.clock.now(), { message: submitFailureMessage(error) });
    return isConnectorFailure(error) ? { ...ended, cause: 'connector' } : ended;
  }
}

/**
 * The job an earlier Submit of this same run started, if any: recorded in the journal, or (when
 * that Submit failed between execute and the record) found in DataWORQ's list since its attempt.
 */
async function jobOfEarlierAttempt(input: SubmitInput, journalId: string, deps: SubmitDeps, log: Log): Promise<string | undefined> {
  if (!deps.journal) return undefined;
  let earlier: RunRecord | undefined;
  try {
    earlier = await deps.journal.read(journalId);
  } catch (error) {
    log.warn('run journal unreadable; submitting as a first attempt', { error: describeError(error) });
    return undefined;
  }
  if (!earlier) return undefined;
  const jobId = earlier.jobId ?? (await findStartedJob(input.flow, Date.parse(earlier.attemptedAt), deps, log))?.id;
  if (jobId === undefined) return undefined;
  log.warn('Submit ran again for this run; keeping the job the earlier attempt started', { jobId });
  if (earlier.jobId === undefined) await journalSafely(log, () => deps.journal?.started(journalId, jobId));
  return jobId;
}

/**
 * A retry after an attempt that tried to execute and recorded no job (SUBMIT_FAILED): that
 * attempt's execute may have started one after all. Adopt a job of the flow started since then;
 * if the list cannot be read, AmbiguousStartError ends this attempt too: never a blind second start.
 */
async function jobOfFailedStart(input: SubmitInput, attempt: number, deps: SubmitDeps, log: Log): Promise<string | undefined> {
  if (attempt <= 1 || !deps.journal) return undefined;
  const journal = deps.journal;
  let previous: (RunRecord | undefined)[];
  try {
    previous = await Promise.all(Array.from({ length: attempt - 1 }, (_, index) => journal.read(attemptJournalId(input.runId, index + 1))));
  } catch (error) {
    throw new AmbiguousStartError(`could not read what the previous attempts started (${describeError(error)}); not starting another job: check DataWORQ before re-running`, { cause: error });
  }
  // An attempt that failed before its execute wrote nothing: the uncertainty of an earlier one carries on.
  const unconfirmed = previous.filter((record): record is RunRecord => record !== undefined && record.jobId === undefined);
  if (unconfirmed.length === 0) return undefined;
  const since = Math.min(...unconfirmed.map((record) => Date.parse(record.attemptedAt)));
  const known = new Set(previous.flatMap((record) => (record?.jobId === undefined ? [] : [record.jobId])));
  const job = await findStartedJob(input.flow, since, deps, log, known);
  if (job === undefined) return undefined;
  log.warn('an earlier attempt started a job after all; this attempt adopts it', { jobId: job.id, attempt });
  await journalSafely(log, () => deps.journal?.started(attemptJournalId(input.runId, attempt), job.id));
  return job.id;
}

/** The journal only prevents a rare double start: when DynamoDB fails, the run goes on without it. */
async function journalSafely(log: Log, write: () => Promise<void> | undefined): Promise<void> {
  try {
    await write();
  } catch (error) {
    log.warn('could not write the run journal; a retried Submit could not tell this attempt happened', { error: describeError(error) });
  }
}

/** With overlap = skip, the job of this flow that DataWORQ reports as active, if any. */
async function activeJobOfFlow(flow: RunFlow, deps: SubmitDeps, log: Log): Promise<JobStatus | undefined> {
  if (flow.overlap !== 'skip') return undefined;
  try {
    const active = await deps.dataworq.listJobs('active');
    return active.find((job) => job.flowName === flow.dataworqFlowName);
  } catch (error) {
    if (error instanceof SecretConfigurationError) throw error;
    // Not knowing is no reason to skip a run: start it, and say so.
    log.warn('could not list active jobs for the overlap check; starting anyway', { error: describeError(error) });
    return undefined;
  }
}

async function startOnce(flow: RenderedRunFlow['flow'], deps: SubmitDeps, log: Log): Promise<{ jobId: string; adopted: boolean }> {
  const sleep = deps.sleep ?? defaultSleep;
  let lastError: unknown;
  for (let attempt = 1; attempt <= SUBMIT.maxAttempts; attempt++) {
    const attemptedAt = deps.clock.now().getTime();
    try {
      const jobId = await deps.dataworq.startFlow({
        flowId: flow.flowId,
        runProfileName: flow.runProfileName,
        notificationEnabled: flow.notificationEnabled,
        parameters: flow.parameters,
      });
      return { jobId, adopted: false };
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      lastError = error;
      log.warn('execute answer was ambiguous; looking for the job before trying again', { attempt, error: describeError(error) });
      await sleep(SUBMIT.settleMs * attempt);
      const adopted = await findStartedJob(flow, attemptedAt, deps, log);
      if (adopted) return { jobId: adopted.id, adopted: true };
    }
  }
  throw lastError;
}

/** An error after which the job may or may not have started. */
function isAmbiguous(error: unknown): boolean {
  return error instanceof DataworqUnavailableError || error instanceof DataworqMalformedResponseError;
}

async function findStartedJob(flow: RunFlow, attemptedAt: number, deps: SubmitDeps, log: Log, exclude: ReadonlySet<string> = new Set()): Promise<JobStatus | undefined> {
  try {
    const jobs = await deps.dataworq.listJobs('all');
    const candidates = jobs
      .filter((job) => job.flowName === flow.dataworqFlowName && !exclude.has(job.id))
      .filter((job) => (job.runProfileName ?? flow.runProfileName) === flow.runProfileName)
      .filter((job) => typeof job.startTime === 'number' && job.startTime >= attemptedAt - SUBMIT.skewMs)
      .sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
    return candidates[0];
  } catch (error) {
    // We cannot tell whether the job started: do not risk a second one, and say so.
    log.error('could not list jobs to check for an ambiguous start', { error: describeError(error) });
    throw new AmbiguousStartError(
      `DataWORQ did not confirm the start, and its job list could not be read to check (${describeError(error)}); the job may have started: check DataWORQ before running the flow again`,
      { cause: error },
    );
  }
}

function submitFailureMessage(error: unknown): string {
  if (error instanceof AmbiguousStartError) return error.message;
  if (error instanceof DataworqRejectedError) return `DataWORQ refused to start the flow: ${error.message}`;
  if (error instanceof ValidationError || error instanceof SecretConfigurationError) return error.message;
  return `could not start the flow: ${describeError(error)}`;
}
