/**
 * The watchdog's ports: its memory (what it reported, when it last watched) and the trigger
 * claims it reads. DynamoDB's: shared/aws/dynamodb/watch-memory.ts (dynalite in local mode).
 */
export type RunMark = 'late' | 'suspicious';

export interface WatchMemory {
  /** When the last complete watch ran; undefined before the first. */
  lastWatch(): Promise<Date | undefined>;
  /** Notes a complete watch: the next one's window starts from it. */
  watched(at: Date): Promise<void>;
  /** Notes that an alert is being reported, once (a conditional put): false = it was reported before. */
  remember(key: string, at: Date): Promise<boolean>;
  /** Undoes `remember` when the alert did not go out, so the next watch tries again. */
  forget(key: string): Promise<void>;
  /** Writes the mark on the run's record (`late: { at }`), for the ledger's readers. */
  markRun(runId: string, mark: RunMark, at: string): Promise<void>;
}

/** True when a run claimed this fire (`claim#<flow>#<flow>/<schedule>#<fire>`). */
export type ClaimLookup = (flow: string, schedule: string, fire: Date) => Promise<boolean>;
