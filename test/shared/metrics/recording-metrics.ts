/** A RunMetrics port that keeps what it was told, for tests of what a run reports. */
import type { MetricDefinition } from '../../../shared/metrics/constants.ts';
import type { MetricDimensions, RunMetrics } from '../../../shared/metrics/run-metrics.ts';

export interface RecordedMetric {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly dimensions: MetricDimensions;
}

export interface RecordingMetrics extends RunMetrics {
  readonly recorded: RecordedMetric[];
  named(name: string): RecordedMetric[];
}

export function recordingMetrics(): RecordingMetrics {
  const recorded: RecordedMetric[] = [];
  return {
    recorded,
    record(metric: MetricDefinition, value: number, dimensions: MetricDimensions = {}) {
      recorded.push({ name: metric.name, unit: metric.unit, value, dimensions });
    },
    named: (name) => recorded.filter((metric) => metric.name === name),
  };
}
