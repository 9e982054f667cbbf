/**
 * The data that flows through the RunFlow state machine. Everything a run needs travels in its
 * input, so the Lambdas never read the flows config: a schedule's target input or the webhook
 * builds a RunInput, and the state machine carries a RunState in `$.run`.
 */
import type { ExecutionStatus, FlowParameter } from './dataworq/types.ts';

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
  readonly parameters: readonly FlowParameter[];
  /** Parameters whose value Submit reads from a secret at call time: never in config, state or alerts. */
  readonly secretParameters?: readonly SecretParameter[] | undefined;
  readonly maxDurationSeconds: number;
  /** How long status may be unreachable before the run is LOST. */
  readonly lostAfterSeconds: number;
  readonly overlap: OverlapPolicy;
}

export type TriggerKind = 'schedule' | 'webhook' | 'manual';

export interface RunTrigger {
  readonly kind: TriggerKind;
  /** Schedule name, webhook delivery id, or the CLI user. */
  readonly id: string;
  /** ISO 8601: the scheduled time, the webhook's timestamp, or when the CLI asked. */
  readonly time: string;
  /** Webhook runs: the SHA-256 of the body, so a key reused with another body is told apart (422). */
  readonly bodySha256?: string | undefined;
}

/** The state machine's input. */
export interface RunInput {
  readonly flow: RunFlow;
  readonly trigger: RunTrigger;
}

/** A trimmed JobStatus: small enough for any state payload, whatever DataWORQ sent. */
export interface JobSummary {
  readonly jobId: string;
  readonly executionStatus: ExecutionStatus;
  readonly flowName?: string | undefined;
  readonly runProfileName?: string | undefined;
  readonly startTime?: string | undefined;
  readonly endTime?: string | undefined;
  readonly runtime?: string | undefined;
  readonly currentStep?: string | undefined;
  readonly currentStepStatus?: string | undefined;
  readonly error?: string | undefined;
  /** The last few KB of the log, `\r\n` normalised to `\n`. */
  readonly logTail?: string | undefined;
  /** How many log bytes were dropped in front of logTail. */
  readonly logTruncatedBytes?: number | undefined;
}

/** What the loop knows between two checks. */
export interface PollState {
  readonly iteration: number;
  /** Seconds the next Wait state waits (chosen by Submit/Check). */
  readonly waitSeconds: number;
  readonly lastStatus?: ExecutionStatus | undefined;
  readonly lastCheckedAt?: string | undefined;
  /** Set while status calls fail; cleared by a successful one. */
  readonly unreachableSince?: string | undefined;
  readonly consecutiveFailures: number;
  /** Consecutive 400 answers to status calls (a vanished job): bounded, then LOST. */
  readonly consecutiveRejections: number;
  /** Learned from DataWORQ's history, when available. */
  readonly expectedDurationSeconds?: number | undefined;
}

/** `$.run`: what Submit creates and Check updates. `outcome` set = the loop is over. */
export interface RunState {
  readonly runId: string;
  readonly jobId?: string | undefined;
  /** True when this execution is a repeated delivery of a trigger another execution claimed: no job, no alert. */
  readonly duplicate?: boolean | undefined;
  /** True when Submit adopted a job it found after an ambiguous execute failure. */
  readonly adopted?: boolean | undefined;
  /** True when Submit knows no job was started (refused, skipped, never sent); absent = not known. */
  readonly noJobStarted?: boolean | undefined;
  readonly submittedAt: string;
  /** submittedAt + maxDuration. */
  readonly deadline: string;
  readonly poll: PollState;
  readonly job?: JobSummary | undefined;
  readonly outcome?: Outcome | undefined;
  /** Why: DataWORQ's refusal, the missing secret field, the unreachable window... never a secret. */
  readonly message?: string | undefined;
  readonly endedAt?: string | undefined;
}

/** What Check receives: the run so far, and the flow and trigger it carries. */
export interface CheckInput {
  readonly flow: RunFlow;
  readonly trigger: RunTrigger;
  readonly run: RunState;
}

/** What Notify receives. */
export interface NotifyInput {
  readonly flow: RunFlow;
  readonly trigger: RunTrigger;
  readonly run: RunState;
}

/** What a caller of GET /runs/{runId} or `dwq run --wait` sees. */
export interface RunReport {
  readonly runId: string;
  readonly flow: string;
  /** The execution's state: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED. */
  readonly state: string;
  readonly outcome?: Outcome | undefined;
  readonly jobId?: string | undefined;
  readonly executionStatus?: ExecutionStatus | undefined;
  readonly currentStep?: string | undefined;
  readonly startedAt: string;
  readonly stoppedAt?: string | undefined;
  readonly message?: string | undefined;
}

/** Starts and describes runs: Step Functions in AWS, the local executor on a laptop. */
export interface RunLauncher {
  /** Idempotent by name: a second call with the same name starts nothing and returns the first run. */
  start(name: string, input: RunInput): Promise<{ readonly runId: string; readonly alreadyStarted: boolean; readonly firstInput?: RunInput | undefined }>;
  describe(runId: string): Promise<RunReport | undefined>;
}
