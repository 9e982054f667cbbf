import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../shared/ledger/run-record.ts';
import { summarizeRuns } from '../../../shared/operator/run-summary.ts';
import { runTimeline } from '../../../shared/operator/run-timeline.ts';

function record(flow: string, seconds: number | undefined, overrides: Partial<RunRecord> = {}): RunRecord {
  const submittedAt = '2026-03-01T10:00:00.000Z';
  return {
    runId: `${flow}--wh-000000000000000000000000`,
    flow,
    trigger: { kind: 'webhook', id: 'msg_1', time: submittedAt, deliveryId: 'msg_1' },
    parameters: [],
    runProfileName: 'default',
    submittedAt,
    state: seconds === undefined ? 'RUNNING' : 'ENDED',
    checks: 0,
    timeline: [],
    ...(seconds !== undefined && { outcome: 'COMPLETED', endedAt: new Date(Date.parse(submittedAt) + seconds * 1000).toISOString() }),
    ...overrides,
  };
}

describe('Function: summarizeRuns', () => {
  it('counts runs, failures and running ones per flow, with the median of the ended durations', () => {
    // Act
    const summary = summarizeRuns([record('a', 10), record('a', 30, { outcome: 'ERROR' }), record('a', 20), record('a', undefined), record('b', 5), record('b', 15, { outcome: 'SKIPPED' })]);

    // Assess
    expect(summary).toEqual([
      { flow: 'a', runs: 4, failures: 1, running: 1, medianDurationSeconds: 20 },
      { flow: 'b', runs: 2, failures: 0, running: 0, medianDurationSeconds: 10 },
    ]);
  });
});

describe('Function: runTimeline', () => {
  it('tells trigger, submit, start, each recorded check, the outcome and the alert, in time order', () => {
    // Prepare
    const run = record('a', 60, {
      jobId: 'job-1',
      startedAt: '2026-03-01T10:00:05.000Z',
      timeline: [{ at: '2026-03-01T10:00:10.000Z', status: 'RUNNING', step: 'Step 2' }],
      alert: { kind: 'new', outcome: 'COMPLETED', sentAt: '2026-03-01T10:01:01.000Z', matchedSubscribers: ['ops-email'] },
    });

    // Act
    const timeline = runTimeline(run);

    // Assess
    expect(timeline.map((event) => event.kind)).toEqual(['triggered', 'submitted', 'started', 'checked', 'ended', 'alerted']);
    expect(timeline[3]?.text).toBe('DataWORQ: RUNNING, step Step 2');
    expect(timeline[5]?.text).toBe('alert new COMPLETED to ops-email');
  });
});
