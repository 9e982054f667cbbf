/**
 * The data that flows through the RunFlow state machine. Everything a run needs travels in its
 * input, so the Lambdas never read the flows config: a schedule's target input or the webhook
 * builds a RunInput, and the state machine carries a RunState in `$.run`.
 */
import type { ExecutionStatus, FlowParameter, ParameterType } from './dataworq/types.ts';
import type { FiscalCalendar } from './periods/calendar.ts';

/** How a run ended. DataWORQ's own three, and ours. */
export const OUTCOMES = [
  'COMPLETED',
  'ERROR',
  'CANCELLED',
  'TIMED_OUT',
  'SUBMIT_FAILED',
  'LOST',
  'SKIPPED',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that mean "someone should look". SKIPPED and COMPLETED are not failures. */
export const FAILURE_OUTCOMES: readonly Outcome[] = ['ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST'];

export type OverlapPolicy = 'skip' | 'allow';

/** Outcomes a flow may retry (`retry.on`): failures only; CANCELLED and TIMED_OUT only when listed. */
export const RETRYABLE_OUTCOMES: readonly Outcome[] = FAILURE_OUTCOMES;

/** `retry:` of a flow: which outcomes start another attempt (a new DataWORQ job), how many more, after how long. */
export interface RetryPolicy {
  readonly on: readonly Outcome[];
  /** Attempts after the first: at most `attempts + 1` jobs per run. */
  readonly attempts: number;
  readonly delaySeconds: number;
}

/** A maintenance window as a run carries it (config `maintenance:`, shared/maintenance/window.ts). */
export interface MaintenanceWindow {
  readonly name: string;
  /** An EventBridge cron expression, `cron(0 2 ? * SUN *)`: each fire opens the window. */
  readonly cron: string;
  readonly durationSeconds: number;
  readonly timeZone: string;
}

/**
 * A parameter whose value is computed from the run's logical time (shared/periods), rendered once
 * by Submit. Carried unrendered because a schedule's input is static JSON.
 */
export interface TemplatedParameter {
  readonly name: string;
  readonly type: ParameterType;
  /** e.g. `{{ logicalTime | shift: '-P1M' | format: 'yyyy-MM' }}` */
  readonly template: string;
  /** Where the template is written in the config, for messages: `flows.x.parameters.P.default`. */
  readonly path?: string;
}

/** A fixed value (from the config, a schedule or the caller) or a template. */
export type RunParameter = FlowParameter | TemplatedParameter;

/** `parameters.X.fromSecret: <secret name>`: the secret's name travels, its value never does. */
export interface SecretParameter {
  readonly name: string;
  readonly type: FlowParameter['type'];
  readonly secretName: string;
}

/** The flow as one run uses it (resolved from config: defaults applied, parameters typed). */
export interface RunFlow {
  /** The config key, e.g. `nightly-load`. */
  readonly name: string;
  readonly flowId: string;
  /** The flow's name as DataWORQ reports it in job lists (`flowName`); used for overlap and adoption. */
  readonly dataworqFlowName: string;
  readonly runProfileName: string;
  readonly notificationEnabled: boolean;
  readonly parameters: readonly RunParameter[];
  /** The fiscal calendar templates use; present when a parameter is a template. */
  readonly calendar?: FiscalCalendar;
  /** Parameters whose value Submit reads from a secret at call time: never in config, state or alerts. */
  readonly secretParameters?: readonly SecretParameter[];
  readonly maxDurationSeconds: number;
  /** How long status may be unreachable before the run is LOST. */
  readonly lostAfterSeconds: number;
  readonly overlap: OverlapPolicy;
  /** Absent = no retries: the first attempt's outcome is the run's. */
  readonly retry?: RetryPolicy;
  /** The maintenance windows that cover this flow; absent = none. */
  readonly maintenance?: readonly MaintenanceWindow[];
}

/** `rerun`: POST /runs/{runId}/rerun or the CLI; its trigger id is the original run's id (the record's `rerunOf`). */
export type TriggerKind = 'schedule' | 'webhook' | 'manual' | 'rerun';

export interface RunTrigger {
  readonly kind: TriggerKind;
  /** Schedule name, webhook delivery id, the CLI user, or (rerun) the original run id. */
  readonly id: string;
  /** ISO 8601: the scheduled time, the webhook's timestamp, or when the CLI asked. */
  readonly time: string;
  /** Webhook runs: the SHA-256 of the body, so a key reused with another body is told apart (422). */
  readonly bodySha256?: string;
  /** The time the run is for, which templated parameters are rendered from; kept by re-runs. */
  readonly logicalTime?: LogicalTime;
  /** Set by the state machine's retry (2, 3, ...): the attempt this Submit starts; absent = the first. */
  readonly attempt?: number;
}

/**
 * A scheduled run's fire time in the schedule's zone (EventBridge's scheduled time, never the
 * clock), or a webhook's or CLI run's request time (or the time its caller chose) in the flow's.
 * Absent on runs started before logical times existed: then trigger.time in UTC.
 */
export interface LogicalTime {
  /** ISO 8601; without an offset it is read on the zone's wall clock. */
  readonly time: string;
  /** IANA zone the templates compute in (months, days, fiscal periods). */
  readonly timeZone: string;
}

/** The state machine's input. */
export interface RunInput {
  readonly flow: RunFlow;
  readonly trigger: RunTrigger;
}

/** Step Functions refuses an execution input, or any state's payload, over 256 KB. */
export const STEP_FUNCTIONS_PAYLOAD_BYTES = 262_144;

/** What Step Functions counts of a run's input: the UTF-8 bytes of its JSON. */
export function executionInputBytes(input: RunInput): number {
  return Buffer.byteLength(JSON.stringify(input), 'utf8');
}

/** A trimmed JobStatus: small enough for any state payload, whatever DataWORQ sent. */
export interface JobSummary {
  readonly jobId: string;
  readonly executionStatus: ExecutionStatus;
  readonly flowName?: string;
  readonly runProfileName?: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly runtime?: string;
  readonly currentStep?: string;
  readonly currentStepStatus?: string;
  readonly error?: string;
  /** The last few KB of the log, `\r\n` normalised to `\n`. */
  readonly logTail?: string;
  /** How many log bytes were dropped in front of logTail. */
  readonly logTruncatedBytes?: number;
}

/** What the loop knows between two checks. */
export interface PollState {
  readonly iteration: number;
  /** Seconds the next Wait state waits (chosen by Submit/Check). */
  readonly waitSeconds: number;
  readonly lastStatus?: ExecutionStatus;
  readonly lastCheckedAt?: string;
  /** Set while status calls fail; cleared by a successful one. */
  readonly unreachableSince?: string;
  readonly consecutiveFailures: number;
  /** Consecutive 400 answers to status calls (a vanished job): bounded, then LOST. */
  readonly consecutiveRejections: number;
  /** Learned from DataWORQ's history, when available. */
  readonly expectedDurationSeconds?: number;
}

/** How a run ended, once it has: the outcome, why, and when. */
export interface RunEnding {
  readonly outcome?: Outcome;
  /** Why: DataWORQ's refusal, the missing secret field, the unreachable window... never a secret. */
  readonly message?: string;
  readonly endedAt?: string;
}

/** `$.run`: what Submit creates and Check updates. `outcome` set = the loop is over. */
export interface RunState extends RunEnding {
  readonly runId: string;
  readonly jobId?: string;
  /** True when this execution is a repeated delivery of a trigger another execution claimed: no job, no alert. */
  readonly duplicate?: boolean;
  /** True when Submit adopted a job it found after an ambiguous execute failure. */
  readonly adopted?: boolean;
  /** True when Submit knows no job was started (refused, skipped, never sent); absent = not known. */
  readonly noJobStarted?: boolean;
  readonly submittedAt: string;
  /** submittedAt + maxDuration. */
  readonly deadline: string;
  readonly poll: PollState;
  readonly job?: JobSummary;
  /** The logical time the templates were rendered at (ISO 8601 with the zone's offset); set when the flow has templates. */
  readonly logicalTime?: string;
  /** Every parameter as sent, templates rendered and typed, frozen at the start of the run; set when the flow has templates. */
  readonly parameters?: readonly FlowParameter[];
  /** The attempt this state belongs to, when the flow retries (2, 3, ...); absent = the first. */
  readonly attempt?: number;
  /** `connector`: the run failed because DataWORQ itself was unreachable or refused our keys (shared/incidents). */
  readonly cause?: 'connector';
}

/** What Check receives: the run so far, and the flow and trigger it carries. */
export interface CheckInput extends RunInput {
  readonly run: RunState;
}

/** What Notify receives: the same as Check, once the run has its outcome. */
export type NotifyInput = CheckInput;

/** What a caller of GET /runs/{runId} or `dwq run --wait` sees: the execution, its run's ending, its job's progress. */
export interface RunReport extends Pick<RunState, 'runId' | 'jobId' | 'outcome' | 'message'>, Partial<Pick<JobSummary, 'executionStatus' | 'currentStep'>> {
  readonly flow: string;
  /** The execution's state: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED. */
  readonly state: string;
  readonly startedAt: string;
  readonly stoppedAt?: string;
}

/** A launcher's answer to a start: the run, and whether a run of that name already existed (with its input, when known). */
export interface RunStart {
  readonly runId: string;
  readonly alreadyStarted: boolean;
  readonly firstInput?: RunInput;
}

/** Starts and describes runs: Step Functions in AWS, the local executor on a laptop. */
export interface RunLauncher {
  /** Idempotent by name: a second call with the same name starts nothing and returns the first run. */
  start(name: string, input: RunInput): Promise<RunStart>;
  describe(runId: string): Promise<RunReport | undefined>;
}
