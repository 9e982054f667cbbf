/**
 * The run ledger port: every run on record, and the runtime pause flags. DynamoDB in AWS and in
 * local mode (shared/aws/dynamodb/run-ledger.ts, on dynalite locally). The engine (Submit, Check,
 * Notify) writes; the HTTP API and the CLI read, and the CLI pauses and resumes.
 *
 * Writes merge into the record attribute by attribute, so the engine's three writers and the
 * run journal (which shares the `run#<runId>` item) never clobber each other.
 */
import type { Outcome } from '../model.ts';
import type { NewRunRecord, PauseFlag, RunEnd, RunProgress, RunRecord } from './run-record.ts';

/** Newest first. At most `limit` records per page; `cursor` is the previous page's `next`. */
export interface RunQuery {
  /** Only these flows; absent = every flow (operators). One flow reads its own index partition. */
  readonly flows?: readonly string[];
  readonly outcome?: Outcome;
  /** Only runs submitted at or after this time. */
  readonly since?: Date;
  /** 1..100. */
  readonly limit: number;
  /** Opaque; an invalid one makes `list` throw ValidationError. */
  readonly cursor?: string;
}

export interface RunPage {
  readonly runs: readonly RunRecord[];
  /** Pass as `cursor` for the next page; absent = no more runs. */
  readonly next?: string;
}

/** A pause to write: the flag's fields, with its times as dates. */
export interface PauseRequest extends Pick<PauseFlag, 'flow' | 'schedule' | 'by' | 'reason'> {
  readonly until?: Date;
  /** Default now. */
  readonly at?: Date;
}

export interface RunLedger {
  /** Creates the record at Submit (merging into the run journal's item). Not for duplicate deliveries. */
  submitted(record: NewRunRecord): Promise<void>;
  /** One Check's progress; appends `progress.timelineEntry` (bounded: RUN_LEDGER.maxTimelineEntries). */
  checked(runId: string, progress: RunProgress): Promise<void>;
  /**
   * The run's end and its alert. An upsert: when Submit crashed and wrote nothing, `fallback`
   * fills the record's identity; existing identity fields are kept.
   */
  finished(runId: string, end: RunEnd, fallback: NewRunRecord): Promise<void>;
  get(runId: string): Promise<RunRecord | undefined>;
  /** Newest first, from an index: never a scan. Throws ValidationError for a bad cursor. */
  list(query: RunQuery): Promise<RunPage>;

  /** Sets (or replaces) the pause flag of a flow, or of one of its schedules. */
  pause(request: PauseRequest): Promise<PauseFlag>;
  /** Removes the flag; false when there was none. */
  resume(flow: string, schedule?: string): Promise<boolean>;
  /** Every flag (of one flow, when given), expired ones included so listings can say so. */
  listPauses(flow?: string): Promise<readonly PauseFlag[]>;
  /** The flag that pauses this trigger at `at`: the flow's own, else the schedule's; expired ones do not count. */
  activePause(flow: string, schedule: string | undefined, at: Date): Promise<PauseFlag | undefined>;
}

/** A pause applies until its `until` (exclusive), or for good without one. */
export function pauseApplies(flag: PauseFlag, at: Date): boolean {
  return flag.until === undefined || Date.parse(flag.until) > at.getTime();
}
