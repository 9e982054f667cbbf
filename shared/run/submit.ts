/**
 * The Submit step: apply the overlap policy, start the job, and never start it twice.
 *
 * DataWORQ's execute is not idempotent: a timeout or gateway error may hide a job that did start.
 * So after an ambiguous failure we look for a job of this flow that started since the attempt
 * and adopt it; only when none is there do we try again (DESIGN.md, decision 5).
 */
import type { Clock } from '../clock.ts';
import { DEFAULT_TIMEOUT_MS } from '../dataworq/constants.ts';
import { parameterValueProblem } from '../dataworq/parameter-types.ts';
import type { DataworqClient, FlowParameter, JobStatus } from '../dataworq/types.ts';
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
import { reportRunStarted, type RunMetrics } from '../metrics/run-metrics.ts';
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
  readonly ledger?: RunLedger;
  /** The DataWORQ client's per-call timeout: Submit plans its retries to fit its time budget. */
  readonly callTimeoutMs?: number;
  /**
   * Milliseconds on the Lambda's own clock (default performance.now): the budget is against its
   * timeout, so it is not the run clock, which tests compress.
   */
  readonly elapsedMs?: () => number;
  /** Jitter for the job-list retries; injectable for tests. */
  readonly random?: () => number;
  /** Reads a `fromSecret` parameter's value by secret name (cached); SecretConfigurationError when it cannot. */
  readonly readParameterSecret?: (secretName: string) => Promise<string>;
  /** Where the run's metrics go (CloudWatch EMF in AWS); absent = none. */
  readonly metrics?: RunMetrics;
  /** The connector incident: a start that succeeds closes it (shared/incidents); absent = no incidents. */
  readonly incidents?: IncidentStore;
  /** Sends the incident's CONNECTOR_RECOVERED alert when this Submit closes it. */
  readonly publisher?: AlertPublisher;
}

export const SUBMIT = {
  /** Execute attempts in all, each after an adoption check found nothing. */
  maxAttempts: 3,
  /** Wait before looking for an adoptable job, so that DataWORQ has listed it. */
  settleMs: 2_000,
  /** A job counts as "ours" if it started no earlier than this before our attempt (clock skew). */
  skewMs: 60_000,
  /** Reads of the job list that settle an ambiguous start, as patient as a status check. */
  listAttempts: 4,
  /** Full-jitter backoff between those reads (and before re-sending a request that never left). */
  backoffBaseMs: 1_000,
  backoffMaxMs: 8_000,
  /** Submit's time budget, in DataWORQ call timeouts, plus its sleeps: no call starts past it. */
  budgetCalls: 8,
  budgetSleepMs: 20_000,
  /** Room past the budget for the AWS calls (trigger claim, journal) and the Lambda's own start. */
  awsMarginMs: 20_000,
} as const;

/** Submit's budget for DataWORQ calls and sleeps: a call that would end past it is not started. */
export function submitBudgetMs(callTimeoutMs: number): number {
  return SUBMIT.budgetCalls * callTimeoutMs + SUBMIT.budgetSleepMs;
}

/** The Submit Lambda's timeout: its budget plus the AWS margin (run-engine.ts sets it from this). */
export function submitTimeoutSeconds(callTimeoutSeconds: number): number {
  return Math.ceil((submitBudgetMs(callTimeoutSeconds * 1000) + SUBMIT.awsMarginMs) / 1000);
}

/** Whether a call of `callMs` after a sleep of `sleepMs` still ends within the budget. */
interface Budget {
  allows(sleepMs: number): boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function submitRun(input: SubmitInput, deps: SubmitDeps): Promise<RunState> {
  const run = await submitJob(input, deps);
  // A duplicate delivery is no run.
  if (run.duplicate) return run;
  // After the journal's writes (which replace its item), so the record merges into them. One write,
  // carrying the attempt: a retry's keeps the first attempt's identity, submit time and list position.
  await ledgerSafely(deps.log ?? silentLog, 'submit', () => deps.ledger?.submitted(newRunRecord(input, run)));
  reportRunStarted(deps.metrics);
  return run;
}

async function submitJob(input: SubmitInput, deps: SubmitDeps): Promise<RunState> {
  const log = deps.log ?? silentLog;
  const attempt = attemptOf(input.trigger);
  // Each attempt has its own journal entry: a retry never adopts the job of the attempt that failed.
  const journalId = attemptJournalId(input.runId, attempt);
  let run: RunState = { ...newRunState(input.runId, input.flow, deps.clock.now()), ...(attempt > 1 ? { attempt } : {}) };
  const budget = budgetFrom(deps);
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
    const earlierJob = (await jobOfEarlierAttempt(input, journalId, deps, log, budget)) ?? (await jobOfFailedStart(input, attempt, deps, log, budget));
    if (earlierJob) return { ...run, jobId: earlierJob, adopted: true };
    const active = await activeJobOfFlow(flow, deps, log);
    if (active) {
      return endRun(run, 'SKIPPED', deps.clock.now(), {
        message: `${input.flow.name} is already running in DataWORQ (job ${active.id}, ${active.executionStatus}); overlap policy is skip`,
      });
    }
    await journalSafely(log, () => deps.journal?.attempt(journalId, deps.clock.now()));
    const started = await startOnce(flow, deps, log, budget);
    await journalSafely(log, () => deps.journal?.started(journalId, started.jobId));
    log.info('job submitted', { jobId: started.jobId, adopted: started.adopted, attempt });
    await connectorAnswered({ incidents: deps.incidents, publisher: deps.publisher, log }, deps.clock.now());
    return { ...run, jobId: started.jobId, ...(started.adopted ? { adopted: true } : {}) };
  } catch (error) {
    log.error('submit failed', { error: describeError(error) });
    const ended = endRun(run, 'SUBMIT_FAILED', deps.clock.now(), { message: submitFailureMessage(error) });
    const marked = certainlyNotStarted(error) ? { ...ended, noJobStarted: true } : ended;
    return isConnectorFailure(error) ? { ...marked, cause: 'connector' as const } : marked;
  }
}

function budgetFrom(deps: SubmitDeps): Budget {
  const callMs = deps.callTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = deps.elapsedMs ?? (() => performance.now());
  const deadline = now() + submitBudgetMs(callMs);
  return { allows: (sleepMs) => now() + sleepMs + callMs <= deadline };
}

/** Full jitter: a random wait up to the doubled base, so retries of many runs do not align. */
function backoffMs(attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(SUBMIT.backoffMaxMs, SUBMIT.backoffBaseMs * 2 ** (attempt - 1)));
}

/**
 * The job an earlier Submit of this same run started, if any: recorded in the journal, or (when
 * that Submit failed between execute and the record) found in DataWORQ's list since its attempt.
 */
async function jobOfEarlierAttempt(input: SubmitInput, journalId: string, deps: SubmitDeps, log: Log, budget: Budget): Promise<string | undefined> {
  if (!deps.journal) return undefined;
  let earlier: RunRecord | undefined;
  try {
    earlier = await deps.journal.read(journalId);
  } catch (error) {
    log.warn('run journal unreadable; submitting as a first attempt', { error: describeError(error) });
    return undefined;
  }
  if (!earlier) return undefined;
  const jobId = earlier.jobId ?? (await findStartedJob(input.flow, Date.parse(earlier.attemptedAt), deps, log, budget))?.id;
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
async function jobOfFailedStart(input: SubmitInput, attempt: number, deps: SubmitDeps, log: Log, budget: Budget): Promise<string | undefined> {
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
  const job = await findStartedJob(input.flow, since, deps, log, budget, known);
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

async function startOnce(flow: RenderedRunFlow['flow'], deps: SubmitDeps, log: Log, budget: Budget): Promise<{ jobId: string; adopted: boolean }> {
  const sleep = deps.sleep ?? defaultSleep;
  const parameters = await withSecretParameters(flow, deps);
  let lastError: unknown;
  for (let attempt = 1; attempt <= SUBMIT.maxAttempts; attempt++) {
    const attemptedAt = deps.clock.now().getTime();
    if (attempt === 1 && !budget.allows(0)) {
      throw new DataworqUnavailableError("execute: not sent, Submit's time budget was spent reading DataWORQ's job list", undefined, { notSent: true });
    }
    try {
      const jobId = await deps.dataworq.startFlow({
        flowId: flow.flowId,
        runProfileName: flow.runProfileName,
        notificationEnabled: flow.notificationEnabled,
        parameters,
      });
      return { jobId, adopted: false };
    } catch (error) {
      lastError = error;
      const pause = isNotSent(error) ? backoffMs(attempt, deps.random ?? Math.random) : SUBMIT.settleMs * attempt;
      if (isNotSent(error)) {
        // Nothing reached DataWORQ: not ambiguous, just try again once the budget allows.
        if (attempt === SUBMIT.maxAttempts || !budget.allows(pause)) throw error;
        log.warn('execute was not sent (connection refused); trying again', { attempt, error: describeError(error) });
        await sleep(pause);
        continue;
      }
      if (!isAmbiguous(error)) throw error;
      log.warn('execute answer was ambiguous; looking for the job before trying again', { attempt, error: describeError(error) });
      if (!budget.allows(pause)) throw unconfirmed(error, 'no time was left to look for it');
      await sleep(pause);
      const adopted = await findStartedJob(flow, attemptedAt, deps, log, budget);
      if (adopted) return { jobId: adopted.id, adopted: true };
      if (attempt < SUBMIT.maxAttempts && !budget.allows(0)) throw unconfirmed(error, 'no time was left to try again');
    }
  }
  throw lastError;
}

/** The flow's parameters with each `fromSecret` value read now: it goes to DataWORQ and nowhere else. */
async function withSecretParameters(flow: RenderedRunFlow['flow'], deps: SubmitDeps): Promise<readonly FlowParameter[]> {
  const secret = flow.secretParameters ?? [];
  if (secret.length === 0) return flow.parameters;
  const read = deps.readParameterSecret;
  if (read === undefined) {
    throw new SecretConfigurationError(`parameter ${secret[0]?.name} is read from a secret, but this runtime has no secret reader`);
  }
  const resolved: FlowParameter[] = [];
  for (const { name, type, secretName } of secret) {
    const text = await read(secretName);
    const value = type === 'string' ? text : Number(text.trim());
    if (text.trim() === '' || parameterValueProblem(type, value) !== undefined) {
      throw new SecretConfigurationError(`secret ${secretName} (parameter ${name}) does not hold a valid ${type}; put the value alone in it`);
    }
    resolved.push({ name, type, value });
  }
  return [...flow.parameters, ...resolved];
}

/** An error after which the job may or may not have started. */
function isAmbiguous(error: unknown): boolean {
  return (error instanceof DataworqUnavailableError && !error.notSent) || error instanceof DataworqMalformedResponseError;
}

function isNotSent(error: unknown): boolean {
  return error instanceof DataworqUnavailableError && error.notSent;
}

/** Errors after which DataWORQ certainly started nothing for this run. */
function certainlyNotStarted(error: unknown): boolean {
  return (
    error instanceof DataworqRejectedError ||
    error instanceof ValidationError ||
    error instanceof SecretConfigurationError ||
    isNotSent(error)
  );
}

function unconfirmed(error: unknown, why: string): AmbiguousStartError {
  return new AmbiguousStartError(
    `DataWORQ did not confirm the start (${describeError(error)}) and ${why}; the job may have started: check DataWORQ before running the flow again`,
    { cause: error },
  );
}

/**
 * The job of this flow started since `attemptedAt`, if DataWORQ lists one. The list is read-only,
 * so a failed read is retried with backoff like a status check; only when every read within the
 * budget failed is the start left unconfirmed (AmbiguousStartError), never guessed.
 */
async function findStartedJob(flow: RunFlow, attemptedAt: number, deps: SubmitDeps, log: Log, budget: Budget, exclude: ReadonlySet<string> = new Set()): Promise<JobStatus | undefined> {
  const sleep = deps.sleep ?? defaultSleep;
  let lastError: unknown;
  for (let attempt = 1; attempt <= SUBMIT.listAttempts; attempt++) {
    const pause = attempt === 1 ? 0 : backoffMs(attempt - 1, deps.random ?? Math.random);
    if (attempt > 1 && !budget.allows(pause)) break;
    await sleep(pause);
    try {
      return startedJobIn(await deps.dataworq.listJobs('all'), flow, attemptedAt, exclude);
    } catch (error) {
      if (error instanceof SecretConfigurationError) throw error;
      lastError = error;
      log.warn('could not list jobs to check for an ambiguous start', { attempt, error: describeError(error) });
    }
  }
  // We cannot tell whether the job started: do not risk a second one, and say so.
  log.error('gave up listing jobs to check for an ambiguous start', { error: describeError(lastError) });
  throw new AmbiguousStartError(
    `DataWORQ did not confirm the start, and its job list could not be read to check (${describeError(lastError)}); the job may have started: check DataWORQ before running the flow again`,
    { cause: lastError },
  );
}

function startedJobIn(jobs: readonly JobStatus[], flow: RunFlow, attemptedAt: number, exclude: ReadonlySet<string>): JobStatus | undefined {
  const candidates = jobs
    .filter((job) => job.flowName === flow.dataworqFlowName && !exclude.has(job.id))
    .filter((job) => (job.runProfileName ?? flow.runProfileName) === flow.runProfileName)
    .filter((job) => typeof job.startTime === 'number' && job.startTime >= attemptedAt - SUBMIT.skewMs)
    .sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
  return candidates[0];
}

function submitFailureMessage(error: unknown): string {
  if (error instanceof AmbiguousStartError) return error.message;
  if (error instanceof DataworqRejectedError) return `DataWORQ refused to start the flow: ${error.message}`;
  if (error instanceof ValidationError || error instanceof SecretConfigurationError) return error.message;
  return `could not start the flow: ${describeError(error)}`;
}
