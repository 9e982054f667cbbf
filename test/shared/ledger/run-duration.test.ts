/** The one measure of a run's time on record, shared by the watchdog and the run summary. */
import { describe, expect, it } from 'vitest';
import { medianOf, runDurationMs } from '../../../shared/ledger/run-duration.ts';
import { durationSecondsOf } from '../../../shared/operator/run-summary.ts';
import type { RunRecord } from '../../../shared/ledger/run-record.ts';

describe('Function: runDurationMs', () => {
  it('is submit to end, and undefined while the run goes on or when its times do not read', () => {
    expect(runDurationMs({ submittedAt: '2026-03-01T02:00:00.000Z', endedAt: '2026-03-01T02:01:30.500Z' })).toBe(90_500);
    expect(runDurationMs({ submittedAt: '2026-03-01T02:00:00.000Z' })).toBeUndefined();
    expect(runDurationMs({ submittedAt: 'not a time', endedAt: '2026-03-01T02:01:30.500Z' })).toBeUndefined();
    expect(runDurationMs({ submittedAt: '2026-03-01T02:00:00.000Z', endedAt: '2026-03-01T01:59:59.000Z' })).toBeUndefined();
  });

  it('gives the run summary its seconds', () => {
    const record = { submittedAt: '2026-03-01T02:00:00.000Z', endedAt: '2026-03-01T02:01:30.500Z' } as RunRecord;
    expect(durationSecondsOf(record)).toBe(90.5);
    expect(durationSecondsOf({ ...record, endedAt: undefined })).toBeUndefined();
  });
});

describe('Function: medianOf', () => {
  it('is the middle value, the mean of the middle two for an even count, undefined for none', () => {
    expect(medianOf([30, 10, 20])).toBe(20);
    expect(medianOf([40, 10, 30, 20])).toBe(25);
    expect(medianOf([7])).toBe(7);
    expect(medianOf([])).toBeUndefined();
  });
});
