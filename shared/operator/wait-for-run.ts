/**
 * Following a run to its end (`--wait`, `dwq show --follow`): the ledger's record between checks,
 * the launcher only once the record says the run ended, for the execution's own state (Notify may
 * still be publishing, or the execution may have failed after the outcome was known).
 */
import type { RunRecord } from '../ledger/run-record.ts';
import type { RunReport } from '../model.ts';
import type { OperatorDeps } from './operator-deps.ts';

export interface WaitOptions {
  /** Between two reads of the record. */
  readonly intervalMs: number;
  /** Called with every record read (a redraw). */
  readonly onRecord?: (record: RunRecord) => void;
  /** Resolves to stop waiting (Ctrl-C). */
  readonly stop?: Promise<unknown>;
  /** Real time, whatever the deps' clock says (tests pass a faster one). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RunEnding {
  readonly record?: RunRecord;
  /** The execution's state when the run ended; undefined when interrupted. */
  readonly report?: RunReport;
  readonly interrupted: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForRun(deps: OperatorDeps, runId: string, options: WaitOptions): Promise<RunEnding> {
  const sleep = options.sleep ?? defaultSleep;
  let stopped = false;
  void options.stop?.then(() => {
    stopped = true;
  });
  let record: RunRecord | undefined;
  for (;;) {
    record = await deps.ledger.get(runId);
    if (record !== undefined) options.onRecord?.(record);
    // No record yet: Submit has not written it (or the ledger write failed): the launcher knows.
    if (record === undefined || record.state === 'ENDED') {
      const report = await deps.launcher.describe(runId);
      if (report !== undefined && report.state !== 'RUNNING') return { record: (await deps.ledger.get(runId)) ?? record, report, interrupted: false };
    }
    if (stopped) return { record, interrupted: true };
    await Promise.race([sleep(options.intervalMs), options.stop]);
    if (stopped) return { record, interrupted: true };
  }
}
