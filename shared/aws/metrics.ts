/**
 * The RunMetrics port as Powertools Metrics: CloudWatch Embedded Metric Format, JSON documents on
 * stdout that CloudWatch turns into metrics (no API call, no latency). One EMF document carries
 * one set of dimension values, so a value with other dimensions than the pending ones publishes
 * those first; `flushMetrics` publishes the rest at the end of each invocation (logMetrics).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import { errorName } from '../log.ts';
import { METRICS_NAMESPACE, METRICS_SERVICE, type MetricDefinition } from '../metrics/constants.ts';
import { noRunMetrics, type MetricDimensions, type RunMetrics } from '../metrics/run-metrics.ts';
import { optionalEnv, type Env } from './lambda-env.ts';

/** What Powertools may log about itself (e.g. "no metrics to publish" after a duplicate delivery). */
export interface MetricsWarnings {
  warn(message: string): void;
}

export class EmfRunMetrics implements RunMetrics {
  readonly powertools: Metrics;
  #pending = '';
  readonly #warnings: MetricsWarnings;

  constructor(warnings: MetricsWarnings = { warn: (message) => console.warn(message) }) {
    this.#warnings = warnings;
    const logger = { trace: () => {}, debug: () => {}, info: () => {}, warn: (message: string) => warnings.warn(message), error: (message: string) => warnings.warn(message) };
    this.powertools = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE, logger });
  }

  record(metric: MetricDefinition, value: number, dimensions: MetricDimensions = {}): void {
    // EMF would carry NaN as null: a gap is better than a wrong point.
    if (!Number.isFinite(value)) return this.#lost(metric, 'not a finite number');
    try {
      const key = JSON.stringify(Object.entries(dimensions).sort());
      // Powertools clears dimensions whenever it publishes (here, at 100 values, or in logMetrics): set them again then.
      if (!this.powertools.hasStoredMetrics() || key !== this.#pending) {
        if (this.powertools.hasStoredMetrics()) this.powertools.publishStoredMetrics();
        for (const [name, dimensionValue] of Object.entries(dimensions)) if (dimensionValue) this.powertools.addDimension(name, dimensionValue);
        this.#pending = key;
      }
      this.powertools.addMetric(metric.name, MetricUnit[metric.unit], value);
    } catch (error) {
      // A metric is never worth a failed run.
      this.#lost(metric, errorName(error));
    }
  }

  #lost(metric: MetricDefinition, why: string): void {
    this.#warnings.warn(`metric ${metric.name || '(unnamed)'} not recorded (${why}); the run goes on without it`);
  }
}

/** In Lambda, EMF; anywhere else (local mode, tests that build handlers), no metrics. */
export function runMetricsFromEnv(env: Env, warnings?: MetricsWarnings): RunMetrics {
  return optionalEnv(env, 'functionName') ? new EmfRunMetrics(warnings) : noRunMetrics;
}

/** The middy middleware that publishes an invocation's metrics when it ends (or fails); nothing for other ports. */
export function flushMetrics(metrics: RunMetrics): MiddlewareObj {
  // middy refuses a middleware without a phase: the no-op has one.
  return metrics instanceof EmfRunMetrics ? logMetrics(metrics.powertools) : { after: () => undefined };
}
