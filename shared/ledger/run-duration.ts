/**
 * How long a run on record took, and the median of such times: one rule for the watchdog's LATE
 * and SUSPICIOUS history (shared/watch/late-runs.ts) and the operator's run summary
 * (shared/operator/run-summary.ts), so both measure a run alike.
 */
import type { RunRecord } from './run-record.ts';

/**
 * Submit to end, in milliseconds: what the runner waited, queueing included. Undefined while the
 * run goes on, or when its times do not read as an end after its submit.
 */
export function runDurationMs(record: Pick<RunRecord, 'submittedAt' | 'endedAt'>): number | undefined {
  if (record.endedAt === undefined) return undefined;
  const ms = Date.parse(record.endedAt) - Date.parse(record.submittedAt);
  return Number.isNaN(ms) || ms < 0 ? undefined : ms;
}

/** The median (the mean of the middle two for an even count); undefined for no values. */
export function medianOf(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
