/**
 * The metrics port, and what the run engine reports through it. The core computes each value;
 * the port only records it (CloudWatch EMF in AWS, shared/aws/metrics.ts; nothing locally).
 * Metrics are an aside: a reporter never throws into a run, and the port must not either.
 */
import type { DataworqClient } from '../dataworq/types.ts';
import { FAILURE_OUTCOMES, type NotifyInput, type RunState } from '../model.ts';
import { METRIC_DIMENSIONS, RUN_METRICS, type MetricDefinition } from './constants.ts';

/** A DataWORQ client method: the `operation` dimension. */
export type DataworqOperation = keyof DataworqClient & string;

export type MetricDimensions = Readonly<Partial<Record<keyof typeof METRIC_DIMENSIONS, string>>>;

export interface RunMetrics {
  /** One value of `metric`, with the values of its dimensions. Never throws. */
  record(metric: MetricDefinition, value: number, dimensions?: MetricDimensions): void;
}

/** The default: no metrics (local mode, tests, the bench). */
export const noRunMetrics: RunMetrics = { record() {} };

/** Submit took a trigger and begins a run (engine-wide: Outcomes counts per flow). */
export function reportRunStarted(metrics: RunMetrics | undefined): void {
  metrics?.record(RUN_METRICS.runsStarted, 1);
}

/**
 * Check ended the loop having seen the job end: how long after DataWORQ's endTime it noticed.
 * Clocks differ between DataWORQ and us, so a negative lag counts as none.
 */
export function reportLoopEnded(metrics: RunMetrics | undefined, run: RunState): void {
  const jobEnded = Date.parse(run.job?.endTime ?? '');
  const seen = Date.parse(run.endedAt ?? '');
  if (!metrics || run.outcome === undefined || !Number.isFinite(jobEnded) || !Number.isFinite(seen)) return;
  metrics.record(RUN_METRICS.detectionLag, Math.max(0, (seen - jobEnded) / 1000));
}

/** Notify: how the run ended, how long it took and how many checks it cost. A repeated delivery is no run. */
export function reportRunEnded(metrics: RunMetrics | undefined, input: NotifyInput): void {
  const { run, flow } = input;
  if (!metrics || run.outcome === undefined || run.duplicate) return;
  metrics.record(RUN_METRICS.outcomes, 1, { flow: flow.name, outcome: run.outcome });
  const duration = (Date.parse(run.endedAt ?? '') - Date.parse(run.submittedAt)) / 1000;
  if (Number.isFinite(duration)) metrics.record(RUN_METRICS.runDuration, Math.max(0, duration), { flow: flow.name });
  metrics.record(RUN_METRICS.runFailed, FAILURE_OUTCOMES.includes(run.outcome) ? 1 : 0, { flow: flow.name });
  metrics.record(RUN_METRICS.checksPerRun, run.poll.iteration);
}

/** One DataWORQ call (shared/dataworq/instrumented-client.ts). */
export function reportDataworqCall(metrics: RunMetrics, operation: DataworqOperation, milliseconds: number, failed: boolean): void {
  metrics.record(RUN_METRICS.dataworqLatency, milliseconds, { operation });
  metrics.record(RUN_METRICS.dataworqErrors, failed ? 1 : 0, { operation });
}
