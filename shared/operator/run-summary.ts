/**
 * The per-flow summary above `dwq runs`: runs, failures and the median duration of the runs
 * listed. Computed from the records themselves, so it says the same locally and in AWS.
 */
import { medianOf, runDurationMs } from '../ledger/run-duration.ts';
import type { RunRecord } from '../ledger/run-record.ts';
import { FAILURE_OUTCOMES } from '../model.ts';

export interface FlowSummary {
  readonly flow: string;
  readonly runs: number;
  /** Runs whose outcome means someone should look (FAILURE_OUTCOMES). */
  readonly failures: number;
  /** Still going. */
  readonly running: number;
  /** Median of the ended runs' submit-to-end durations; absent when none has ended. */
  readonly medianDurationSeconds?: number;
}

export function summarizeRuns(runs: readonly RunRecord[]): FlowSummary[] {
  const byFlow = new Map<string, RunRecord[]>();
  for (const run of runs) byFlow.set(run.flow, [...(byFlow.get(run.flow) ?? []), run]);
  return [...byFlow.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([flow, records]) => {
      const median = medianOf(records.flatMap((record) => durationSecondsOf(record) ?? []));
      return {
        flow,
        runs: records.length,
        failures: records.filter((record) => record.outcome !== undefined && FAILURE_OUTCOMES.includes(record.outcome)).length,
        running: records.filter((record) => record.state === 'RUNNING').length,
        ...(median !== undefined && { medianDurationSeconds: median }),
      };
    });
}

/** Submit to end, in seconds (runDurationMs); undefined while the run goes on. */
export function durationSecondsOf(record: RunRecord): number | undefined {
  const ms = runDurationMs(record);
  return ms === undefined ? undefined : ms / 1000;
}
