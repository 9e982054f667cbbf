/**
 * Waiting for one run's end, through the launcher (has its execution stopped?) and the ledger
 * (the operator's source of truth for its outcome). A run whose execution ended without a record is a duplicate of its fire: another run
 * (the scheduled delivery, in AWS) holds the fire's claim and ran the job, so this one ran none.
 */
import type { RunLedger } from '../ledger/run-ledger.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import type { Outcome, RunLauncher } from '../model.ts';

export interface RunEnded {
  /** Undefined when the execution itself failed before an outcome was known. */
  readonly outcome: Outcome | undefined;
  readonly message?: string;
  readonly jobId?: string;
  /** True when another run of the same fire ran the job. */
  readonly duplicate?: true;
}

export interface RunWaitDeps {
  readonly launcher: RunLauncher;
  readonly ledger: RunLedger;
  readonly pollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Stops waiting (Ctrl-C): the run goes on without us. */
  readonly stopped: () => boolean;
}

/**
 * The run's end, or undefined when stopped first. Done = its execution stopped (so a next run
 * never overlaps this one's last step); the outcome is the ledger's, which Notify wrote before.
 */
export async function waitForRun(runId: string, deps: RunWaitDeps): Promise<RunEnded | undefined> {
  for (;;) {
    const report = await deps.launcher.describe(runId);
    if (report !== undefined && report.state !== 'RUNNING') {
      const recorded = await deps.ledger.get(runId);
      if (recorded?.state === 'ENDED' && recorded.outcome !== undefined) return endOf(recorded);
      if (recorded === undefined && report.outcome === 'SKIPPED') {
        return { outcome: 'SKIPPED', message: 'another run of this fire (its scheduled delivery) already ran the job', duplicate: true };
      }
      const why = report.message ? `: ${report.message}` : '';
      return report.outcome
        ? { outcome: report.outcome, message: report.message, jobId: report.jobId }
        : { outcome: undefined, message: `its execution ended ${report.state} without an outcome${why}` };
    }
    if (deps.stopped()) return undefined;
    await deps.sleep(deps.pollMs);
    if (deps.stopped()) return undefined;
  }
}

function endOf(record: RunRecord): RunEnded {
  return { outcome: record.outcome, message: record.message, jobId: record.jobId };
}
