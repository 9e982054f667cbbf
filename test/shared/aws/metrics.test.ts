/**
 * The Powertools adapter of RunMetrics: what it writes is CloudWatch Embedded Metric Format,
 * Powertools' own output on stdout, one document per set of dimension values, flushed by the
 * handler at the end of each invocation.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNotifyHandler } from '../../../functions/notify/handler.ts';
import { localLambdaContext } from '../../../local/runtime/lambda-context.ts';
import { EmfRunMetrics, runMetricsFromEnv } from '../../../shared/aws/metrics.ts';
import { LAMBDA_ENV } from '../../../shared/aws/lambda-env.ts';
import { METRICS_NAMESPACE, RUN_METRICS } from '../../../shared/metrics/constants.ts';
import { noRunMetrics } from '../../../shared/metrics/run-metrics.ts';
import type { NotifyInput } from '../../../shared/model.ts';
import { captureOutput } from '../../helpers/capture-output.ts';
import { catalogueFlow } from '../../helpers/run-harness.ts';

interface EmfDocument {
  readonly _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  readonly [key: string]: unknown;
}

/** The EMF documents among everything written. */
function emfDocuments(output: string): EmfDocument[] {
  return output.split('\n').filter((line) => line.includes('"CloudWatchMetrics"')).map((line) => JSON.parse(line) as EmfDocument);
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('Class: EmfRunMetrics', () => {
  it('writes one EMF document per set of dimension values, in the DataworqRunner namespace', () => {
    // Prepare
    const output = captureOutput();
    const metrics = new EmfRunMetrics();

    // Act
    metrics.record(RUN_METRICS.dataworqLatency, 120, { operation: 'getExecutionStatus' });
    metrics.record(RUN_METRICS.dataworqLatency, 80, { operation: 'getExecutionStatus' });
    metrics.record(RUN_METRICS.outcomes, 1, { flow: 'nightly-load', outcome: 'ERROR' });
    metrics.powertools.publishStoredMetrics();

    // Assess
    const [latency, outcome, ...rest] = emfDocuments(output());
    expect(rest).toEqual([]);
    expect(latency?._aws.CloudWatchMetrics).toEqual([
      { Namespace: METRICS_NAMESPACE, Dimensions: [['service', 'operation']], Metrics: [{ Name: 'DataworqLatency', Unit: 'Milliseconds' }] },
    ]);
    expect(latency).toMatchObject({ service: 'dataworq-runner', operation: 'getExecutionStatus', DataworqLatency: [120, 80] });
    expect(outcome?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'DataworqRunner', Dimensions: [['service', 'flow', 'outcome']], Metrics: [{ Name: 'Outcomes', Unit: 'Count' }] });
    expect(outcome).toMatchObject({ flow: 'nightly-load', outcome: 'ERROR', Outcomes: 1 });
  });

  it('keeps a run going when Powertools refuses a value, and says which metric was lost', () => {
    // Prepare
    const warn = vi.fn();
    const metrics = new EmfRunMetrics({ warn });

    // Act
    const act = () => {
      metrics.record({ ...RUN_METRICS.runDuration, name: '' }, 1, { flow: 'nightly-load' });
      metrics.record(RUN_METRICS.runDuration, Number.NaN, { flow: 'nightly-load' });
    };

    // Assess
    expect(act).not.toThrow();
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      'metric (unnamed) not recorded (RangeError); the run goes on without it',
      'metric RunDuration not recorded (not a finite number); the run goes on without it',
    ]);
    expect(metrics.powertools.hasStoredMetrics()).toBe(false);
  });
});

describe('Function: runMetricsFromEnv', () => {
  it('gives EMF in Lambda and no metrics elsewhere (local mode)', () => {
    expect(runMetricsFromEnv({ [LAMBDA_ENV.functionName]: 'DataworqRunner-Notify' })).toBeInstanceOf(EmfRunMetrics);
    expect(runMetricsFromEnv({})).toBe(noRunMetrics);
  });
});

describe('Notify handler in Lambda', () => {
  it('flushes the run outcome, duration, failure and checks as EMF by the end of the invocation', async () => {
    // Prepare
    const output = captureOutput('INFO');
    const publisher = { publish: vi.fn(async () => ({ messageId: 'm-1' })) };
    const handler = createNotifyHandler({ [LAMBDA_ENV.functionName]: 'DataworqRunner-Notify', [LAMBDA_ENV.alertsTopicArn]: 'arn:aws:sns:us-east-1:123456789012:alerts' }, { publisher });
    const input: NotifyInput = {
      flow: catalogueFlow('broken-export'),
      trigger: { kind: 'schedule', id: 'nightly', time: '2026-03-01T02:00:00Z' },
      run: {
        runId: 'broken-export--sc-0001', jobId: 'job-1', submittedAt: '2026-03-01T02:00:00Z', deadline: '2026-03-01T03:00:00Z',
        poll: { iteration: 4, waitSeconds: 10, consecutiveFailures: 0, consecutiveRejections: 0 }, outcome: 'ERROR', endedAt: '2026-03-01T02:01:30Z',
      },
    };

    // Act
    await handler(input, localLambdaContext('DataworqRunner-Notify'));

    // Assess
    const documents = emfDocuments(output());
    const byMetric = Object.fromEntries(documents.flatMap((doc) => doc._aws.CloudWatchMetrics[0]!.Metrics.map((metric) => [metric.Name, doc])));
    expect(Object.keys(byMetric).sort()).toEqual(['ChecksPerRun', 'Outcomes', 'RunDuration', 'RunFailed']);
    expect(byMetric.Outcomes).toMatchObject({ flow: 'broken-export', outcome: 'ERROR', Outcomes: 1 });
    expect(byMetric.RunDuration).toMatchObject({ flow: 'broken-export', RunDuration: 90, RunFailed: 1 });
    expect(byMetric.ChecksPerRun).toMatchObject({ ChecksPerRun: 4 });
    expect(byMetric.ChecksPerRun?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
    // EMF's limits: at most 30 dimensions and 100 metrics per document; never a run id.
    for (const doc of documents) {
      expect(doc._aws.CloudWatchMetrics[0]!.Dimensions.flat().length).toBeLessThanOrEqual(30);
      expect(doc._aws.CloudWatchMetrics[0]!.Metrics.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(doc)).not.toContain('broken-export--sc-0001');
    }
  });
});
