/**
 * What a run reports through the RunMetrics port, asserted on the synthesized state machine
 * executed with the real handlers (test/helpers/run-harness.ts) and a recording port.
 */
import { describe, expect, it } from 'vitest';
import { RUN_METRICS } from '../../../shared/metrics/constants.ts';
import { reportLoopEnded, reportRunEnded } from '../../../shared/metrics/run-metrics.ts';
import type { NotifyInput, RunState } from '../../../shared/model.ts';
import { catalogueFlow, harnessForEachTest } from '../../helpers/run-harness.ts';
import { recordingMetrics } from './recording-metrics.ts';

const startHarness = harnessForEachTest();

describe('Run metrics in an executed RunFlow', () => {
  it('reports the start, the outcome by flow, the duration, the checks and each DataWORQ call of a completed run', async () => {
    // Prepare
    const metrics = recordingMetrics();
    const harness = await startHarness({ metrics });

    // Act
    const record = await harness.run(catalogueFlow('sleep-split'));

    // Assess
    const run = record.output!.run as RunState;
    expect(run.outcome).toBe('COMPLETED');
    expect(metrics.named('RunsStarted')).toEqual([{ name: 'RunsStarted', unit: 'Count', value: 1, dimensions: {} }]);
    expect(metrics.named('Outcomes')).toEqual([{ name: 'Outcomes', unit: 'Count', value: 1, dimensions: { flow: 'sleep-split', outcome: 'COMPLETED' } }]);
    expect(metrics.named('RunFailed').map((m) => [m.value, m.dimensions])).toEqual([[0, { flow: 'sleep-split' }]]);
    const [duration] = metrics.named('RunDuration');
    expect(duration?.dimensions).toEqual({ flow: 'sleep-split' });
    expect(duration?.value).toBeCloseTo((Date.parse(run.endedAt!) - Date.parse(run.submittedAt)) / 1000, 3);
    expect(duration?.value).toBeGreaterThanOrEqual(15);
    expect(metrics.named('ChecksPerRun').map((m) => m.value)).toEqual([run.poll.iteration]);
    const [lag] = metrics.named('DetectionLag');
    expect(lag?.value).toBeGreaterThanOrEqual(0);
    expect(lag?.value).toBeCloseTo((Date.parse(run.endedAt!) - Date.parse(run.job!.endTime!)) / 1000, 3);
    // Every DataWORQ call the emulator answered is one latency value of its operation, and no error.
    const latency = metrics.named('DataworqLatency');
    expect(latency.filter((m) => m.dimensions.operation === 'startFlow')).toHaveLength(harness.emulator.count('execute'));
    expect(latency.filter((m) => m.dimensions.operation === 'getExecutionStatus').length).toBeGreaterThanOrEqual(1);
    expect(latency.every((m) => m.value >= 0 && m.unit === 'Milliseconds')).toBe(true);
    expect(metrics.named('DataworqErrors').every((m) => m.value === 0)).toBe(true);
    expect(metrics.named('DataworqErrors')).toHaveLength(latency.length);
    // Never a run id or job id in a dimension.
    const values = metrics.recorded.flatMap((m) => Object.values(m.dimensions));
    expect(values).not.toContain(run.runId);
    expect(values).not.toContain(run.jobId);
  }, 60_000);

  it('reports an ERROR run as a failure of its flow', async () => {
    // Prepare
    const metrics = recordingMetrics();
    const harness = await startHarness({ metrics });

    // Act
    const record = await harness.run(catalogueFlow('broken-export'));

    // Assess
    expect(record.output?.run.outcome).toBe('ERROR');
    expect(metrics.named('Outcomes').map((m) => m.dimensions)).toEqual([{ flow: 'broken-export', outcome: 'ERROR' }]);
    expect(metrics.named('RunFailed').map((m) => m.value)).toEqual([1]);
  }, 60_000);

  it('reports a failed DataWORQ call as an error of its operation', async () => {
    // Prepare
    const metrics = recordingMetrics();
    const harness = await startHarness({ metrics, secretString: JSON.stringify({ apiKey: 'wrong', userApiKey: 'wrong' }) });

    // Act
    const record = await harness.run(catalogueFlow('sleep-split'));

    // Assess
    expect(record.output?.run.outcome).toBe('SUBMIT_FAILED');
    const errors = metrics.named('DataworqErrors').filter((m) => m.value === 1);
    expect(errors.map((m) => m.dimensions.operation)).toContain('startFlow');
    expect(metrics.named('Outcomes').map((m) => m.dimensions)).toEqual([{ flow: 'sleep-split', outcome: 'SUBMIT_FAILED' }]);
    expect(metrics.named('DetectionLag')).toEqual([]);
  }, 60_000);
});

describe('Function: reportRunEnded', () => {
  const base: NotifyInput = {
    flow: catalogueFlow('sleep-split'),
    trigger: { kind: 'schedule', id: 'nightly', time: '2026-01-01T00:00:00Z' },
    run: { runId: 'r', submittedAt: '2026-01-01T00:00:00Z', deadline: '2026-01-01T01:00:00Z', poll: { iteration: 3, waitSeconds: 5, consecutiveFailures: 0, consecutiveRejections: 0 }, outcome: 'SKIPPED', endedAt: '2026-01-01T00:00:01Z' },
  };

  it('reports nothing for a repeated delivery of a trigger, which is no run', () => {
    // Prepare
    const metrics = recordingMetrics();
    // Act
    reportRunEnded(metrics, { ...base, run: { ...base.run, duplicate: true } });
    // Assess
    expect(metrics.recorded).toEqual([]);
  });

  it('counts a skipped run as an outcome and not as a failure', () => {
    // Prepare
    const metrics = recordingMetrics();
    // Act
    reportRunEnded(metrics, base);
    // Assess
    expect(metrics.named(RUN_METRICS.outcomes.name).map((m) => m.dimensions.outcome)).toEqual(['SKIPPED']);
    expect(metrics.named(RUN_METRICS.runFailed.name).map((m) => m.value)).toEqual([0]);
    expect(metrics.named(RUN_METRICS.runDuration.name).map((m) => m.value)).toEqual([1]);
    expect(metrics.named(RUN_METRICS.checksPerRun.name).map((m) => m.value)).toEqual([3]);
  });
});

describe('Function: reportLoopEnded', () => {
  it('reports no detection lag while the run goes on, and none below zero when the clocks disagree', () => {
    // Prepare
    const metrics = recordingMetrics();
    const run: RunState = { runId: 'r', submittedAt: '2026-01-01T00:00:00Z', deadline: '2026-01-01T01:00:00Z', poll: { iteration: 2, waitSeconds: 5, consecutiveFailures: 0, consecutiveRejections: 0 } };
    // Act
    reportLoopEnded(metrics, run);
    reportLoopEnded(metrics, { ...run, outcome: 'COMPLETED', endedAt: '2026-01-01T00:10:00Z', job: { jobId: 'j', executionStatus: 'COMPLETED', endTime: '2026-01-01T00:10:02Z' } });
    // Assess
    expect(metrics.recorded.map((m) => [m.name, m.value])).toEqual([['DetectionLag', 0]]);
  });
});
