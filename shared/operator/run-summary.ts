/**
 * The per-flow summary above `dwq runs`: runs, failures and the median duration of the runs
 * listed. Computed from the records themselves, so it says the same locally and in AWS.
 */
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

/** Submit to end, in seconds; undefined while the run goes on. */
export function durationSecondsOf(record: RunRecord): number | undefined {
  if (record.endedAt === undefined) return undefined;
  const seconds = (Date.parse(record.endedAt) - Date.parse(record.submittedAt)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function medianOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
