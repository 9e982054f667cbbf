/**
 * The run record: what the ledger keeps of every run, whatever started it (DESIGN.md, decision
 * 11). The engine writes it in three moments (Submit creates it, every Check updates its progress,
 * Notify writes the end and the alert); the HTTP API, the CLI and the live view only read it.
 * Nothing here holds a secret: sensitive-named parameter values are masked before they are written.
 */
import type { AlertKind, AlertSeverity } from '../alerts/alert-message.ts';
import type { ParameterType } from '../dataworq/types.ts';
import type { JobSummary, Outcome, RunEnding, RunFlow, RunState, RunTrigger } from '../model.ts';

/** RUNNING until an outcome is known (Submit's SKIPPED or SUBMIT_FAILED, or the loop's end); then ENDED. */
export const RUN_RECORD_STATES = ['RUNNING', 'ENDED'] as const;
export type RunRecordState = (typeof RUN_RECORD_STATES)[number];

/** The value written in place of a sensitive parameter's value. */
export const MASKED_VALUE = '***';

/** Who or what started the run, spelled out per trigger kind (`RunTrigger` says it in two fields). */
export type RecordedTrigger = Pick<RunTrigger, 'id' | 'time'> & (ScheduledBy | DeliveredBy | AskedBy | { readonly kind: 'rerun' });

interface ScheduledBy {
  readonly kind: 'schedule';
  /** The schedule's name (the id is `<flow>/<schedule>`). */
  readonly schedule?: string;
  /** The fire time the run is for (its logical time). */
  readonly scheduledTime?: string;
}

interface DeliveredBy {
  readonly kind: 'webhook';
  /** The delivery id (webhook-id or Idempotency-Key; a random id without either). */
  readonly deliveryId?: string;
}

interface AskedBy {
  readonly kind: 'manual';
  /** Who asked (e.g. `cli:alice`). */
  readonly by?: string;
}

/** A resolved parameter as recorded; `masked` = its value was sensitive and is not kept. */
export interface RecordedParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly value: string | number;
  readonly masked?: true;
}

/** One change of DataWORQ status or step seen by a Check. */
export interface TimelineEntry {
  readonly at: string;
  readonly status?: string;
  readonly step?: string;
}

/** The alert Notify published for the run. */
export interface RecordedAlert {
  /** The `alert` attribute (new, reminder, repeat). */
  readonly kind?: AlertKind;
  /** The `outcome` attribute: the run's outcome, or RECOVERED. */
  readonly outcome: string;
  readonly severity?: AlertSeverity;
  readonly subject?: string;
  readonly messageId?: string;
  /** Subscribers (config names) whose filter policy the alert's attributes matched. */
  readonly matchedSubscribers?: readonly string[];
  readonly sentAt: string;
}

/** The job as the record last saw it (its summary's progress); each Check updates it, Notify writes the final one. */
export interface RecordedJobProgress extends Partial<Pick<JobSummary, 'executionStatus' | 'currentStep' | 'currentStepStatus'>> {
  /** DataWORQ's start time of the job, when a Check read it (the final check reads the whole job). */
  readonly startedAt?: string;
}

/**
 * What Submit knows: the record's identity, written once (and by Notify when Submit crashed), from
 * the run state and the flow as resolved for the run (a re-run keeps its run profile and
 * DataWORQ's own notifications). A retry's `attempt` (2, 3...) keeps the record's identity and
 * first submit time. The ending is set when Submit already ended the run (SKIPPED: paused or
 * overlap; SUBMIT_FAILED).
 */
export interface NewRunRecord
  extends RunEnding,
    Pick<RunState, 'runId' | 'submittedAt' | 'jobId' | 'adopted' | 'attempt'>,
    Pick<RunFlow, 'runProfileName'>,
    Partial<Pick<RunFlow, 'notificationEnabled'>> {
  readonly flow: string;
  readonly trigger: RecordedTrigger;
  readonly parameters: readonly RecordedParameter[];
  /** The run this one re-runs (trigger kind `rerun`). */
  readonly rerunOf?: string;
}

/** One attempt of a retried run (the flow's `retry:`), appended by Notify as each attempt ends. */
export interface RunAttempt {
  /** 1-based. */
  readonly n: number;
  readonly jobId?: string;
  readonly outcome: Outcome;
  readonly endedAt: string;
  readonly message?: string;
}

/** What one Check learned; the ending is set when this Check ended the loop. */
export interface RunProgress extends RecordedJobProgress, RunEnding {
  readonly checkedAt: string;
  /** Checks so far (the poll loop's iteration). */
  readonly checks: number;
  /** When a check first saw the job RUNNING: the record's startedAt until DataWORQ's own is known. */
  readonly seenRunningAt?: string;
  /** Appended to the timeline: set by the Check when status or step changed. */
  readonly timelineEntry?: TimelineEntry;
}

/** What Notify writes: the outcome for good (as its attempt ended), the job's last progress, and the alert. */
export interface RunEnd extends Omit<RecordedJobProgress, 'currentStepStatus'>, Omit<RunAttempt, 'n'> {
  readonly alert?: RecordedAlert;
  /** This attempt, when the flow retries: appended to the record's `attempts`. */
  readonly attempt?: RunAttempt;
  /** Why no alert went out for this run: `connector incident <id>`, `maintenance window <name>`, `snoozed ...`. */
  readonly alertSuppressed?: string;
}

/** A run as the ledger answers it. */
export interface RunRecord extends NewRunRecord, RecordedJobProgress, Pick<RunEnd, 'alert' | 'alertSuppressed'> {
  readonly state: RunRecordState;
  readonly lastCheckedAt?: string;
  readonly checks: number;
  readonly timeline: readonly TimelineEntry[];
  /** Set by the watchdog (docs/watchdog.md): the run went past its expected time; its outcome follows. */
  readonly late?: WatchMark;
  /** Set by the watchdog: the run completed far faster than the flow usually does. */
  readonly suspicious?: WatchMark;
  /** The attempts of a retried run, in order; absent when the flow made one attempt. */
  readonly attempts?: readonly RunAttempt[];
  /** When DynamoDB's TTL removes the record (submittedAt + runs.keepFor). */
  readonly expiresAt?: string;
}

/** What the watchdog noted on a run: when the run became late (or ended suspiciously fast). */
export interface WatchMark {
  readonly at: string;
}

/** A runtime pause of a flow, or of one of its schedules (`dwq pause`). */
export interface PauseFlag {
  readonly flow: string;
  /** Absent = every trigger of the flow is paused. */
  readonly schedule?: string;
  readonly since: string;
  readonly by?: string;
  readonly reason?: string;
  /** ISO 8601; absent = until resumed. A pause past its `until` no longer applies. */
  readonly until?: string;
}
