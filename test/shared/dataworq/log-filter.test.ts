import { describe, expect, it } from 'vitest';
import { DataworqOversizedAnswerError } from '../../../shared/errors.ts';
import { LogFilter, LOG_DROPPED_BYTES_FIELD } from '../../../shared/dataworq/log-filter.ts';

const JOBS = [
  { id: 'a', log: 'x\\"y\r\n€ "log": '.repeat(20), flowName: 'f', nested: { log: 'kept' } },
  { id: 'b', log: null, note: '"log":"not a key"' },
  { id: 'c', log: '\\u1234 \u00e9 \\\\' },
];

function filtered(text: string, filter: LogFilter, chunkSize: number): string {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += chunkSize) filter.push(bytes.subarray(at, at + chunkSize));
  return filter.text();
}

describe('Class: LogFilter', () => {
  it.each([1, 2, 7, 4096])('drops the log of every listed job, whatever the chunk size (%i bytes)', (chunkSize) => {
    // Act
    const text = filtered(JSON.stringify(JOBS), new LogFilter({ mode: 'drop', depth: 2 }, 1e6, 'listJobs'), chunkSize);

    // Assess
    expect(JSON.parse(text)).toEqual([
      { id: 'a', log: null, flowName: 'f', nested: { log: 'kept' } },
      { id: 'b', log: null, note: '"log":"not a key"' },
      { id: 'c', log: null },
    ]);
  });

  it.each([1, 3, 4096])('keeps a valid tail of a single job log, never cutting an escape (%i-byte chunks)', (chunkSize) => {
    // Prepare
    const job = { id: 'a', executionStatus: 'COMPLETED', log: `${'\\"€\r\n'.repeat(500)}last line`, after: 1 };

    // Act
    const parsed = JSON.parse(filtered(JSON.stringify(job), new LogFilter({ mode: 'tail', depth: 1, tailBytes: 50 }, 1e6, 'getJob'), chunkSize));

    // Assess
    expect(parsed.log.endsWith('last line')).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(parsed.log))).toBeLessThanOrEqual(60);
    expect(job.log.endsWith(parsed.log)).toBe(true);
    expect(parsed[LOG_DROPPED_BYTES_FIELD]).toBeGreaterThan(2500);
    expect(parsed.after).toBe(1);
  });

  it('refuses what is kept past the cap with DataworqOversizedAnswerError', () => {
    // Act
    const read = () => filtered(JSON.stringify([{ id: 'a', error: 'x'.repeat(5000) }]), new LogFilter({ mode: 'drop', depth: 2 }, 1000, 'listJobs'), 512);

    // Assess
    expect(read).toThrow(DataworqOversizedAnswerError);
  });
});
