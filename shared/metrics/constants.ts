/**
 * The metrics' one registry: the namespace, the metric names and their dimensions, read by the
 * Powertools adapter that emits them (shared/aws/metrics.ts) and the dashboard that graphs them
 * (infra/constructs/dashboard.ts), so that the two can never disagree.
 */

/** The CloudWatch namespace every metric of the runner is in. */
export const METRICS_NAMESPACE = 'DataworqRunner';

/** Powertools adds it to every metric as the `service` dimension (one value: it costs no extra metrics). */
export const METRICS_SERVICE = 'dataworq-runner';

/** The dimension names. Low cardinality only: never a run id, a job id or a time. */
export const METRIC_DIMENSIONS = {
  service: 'service',
  flow: 'flow',
  outcome: 'outcome',
  operation: 'operation',
} as const;

/**
 * Each metric, its unit and its dimensions (besides `service`). Per-flow metrics are few on
 * purpose: each flow × dimension value is a custom metric billed monthly, and a stack may run
 * a thousand flows.
 */
export const RUN_METRICS = {
  /** Submit took a trigger (a repeated delivery of one is no run). */
  runsStarted: { name: 'RunsStarted', unit: 'Count', dimensions: [] },
  /** Notify: 1 per run, by how it ended. */
  outcomes: { name: 'Outcomes', unit: 'Count', dimensions: ['flow', 'outcome'] },
  /** Notify: submitted → ended. */
  runDuration: { name: 'RunDuration', unit: 'Seconds', dimensions: ['flow'] },
  /** Notify: 1 for a failure outcome, 0 otherwise; its Average is the flow's failure rate. */
  runFailed: { name: 'RunFailed', unit: 'Count', dimensions: ['flow'] },
  /** Notify: how many checks the loop made (the poll loop's cost per run). */
  checksPerRun: { name: 'ChecksPerRun', unit: 'Count', dimensions: [] },
  /** Check: from DataWORQ's endTime to the check that saw the job end. */
  detectionLag: { name: 'DetectionLag', unit: 'Seconds', dimensions: [] },
  /** Every DataWORQ call, answered or not. */
  dataworqLatency: { name: 'DataworqLatency', unit: 'Milliseconds', dimensions: ['operation'] },
  /** Every DataWORQ call: 1 when it failed, 0 when it answered; its Average is the error rate. */
  dataworqErrors: { name: 'DataworqErrors', unit: 'Count', dimensions: ['operation'] },
} as const satisfies Record<string, MetricDefinition>;

export interface MetricDefinition {
  readonly name: string;
  readonly unit: 'Count' | 'Seconds' | 'Milliseconds';
  readonly dimensions: readonly (keyof typeof METRIC_DIMENSIONS)[];
}
