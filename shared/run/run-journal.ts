/**
 * The run journal: what an earlier Submit of this same execution did. Step Functions retries a
 * Submit invocation that failed in the Lambda service, and that invocation may have started the
 * job before it failed. Submit records the attempt before it executes and the jobId once it has
 * one, so a retried Submit adopts that job instead of starting a second.
 * DynamoDB's journal: shared/aws/dynamodb/run-journal.ts.
 */

export interface RunRecord {
  /** When the first Submit of this run was about to execute. */
  readonly attemptedAt: string;
  /** The job that Submit started or adopted, once known. */
  readonly jobId?: string;
}

/** Submit's journal port. */
export interface RunJournal {
  read(runId: string): Promise<RunRecord | undefined>;
  /** Notes an execute attempt; keeps the first attempt's time when called again. */
  attempt(runId: string, at: Date): Promise<void>;
  started(runId: string, jobId: string): Promise<void>;
}
