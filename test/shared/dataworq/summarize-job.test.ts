import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../local/emulator/server.ts';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import { summarizeJob } from '../../../shared/dataworq/summarize-job.ts';
import type { JobStatus } from '../../../shared/dataworq/types.ts';
import { seedJobListResponse, seedJobStatusResponse } from '../../fixtures/seed-responses.ts';
import { TEST_KEYS } from './support/test-keys.ts';

const completed = JSON.parse(seedJobStatusResponse) as JobStatus;
const [running] = JSON.parse(seedJobListResponse) as JobStatus[];

describe('Function: summarizeJob', () => {
  it("turns the seed's completed job into ISO times, step, runtime and the log's tail", () => {
    // Act
    const summary = summarizeJob(completed);

    // Assess
    expect(summary).toMatchObject({
      jobId: '54d9d784-e574-4160-9f44-6fb95317fecb',
      executionStatus: 'COMPLETED',
      flowName: 'Sleep6Split',
      runProfileName: 'default',
      startTime: '2021-05-19T16:01:59.691Z',
      endTime: '2021-05-19T16:02:15.054Z',
      runtime: '15.363 seconds',
      currentStep: 'Step 3 (1)',
      currentStepStatus: 'COMPLETED',
      logTruncatedBytes: 0,
    });
    expect(summary.error).toBeUndefined();
    expect(summary.logTail).toBe(completed.log?.replaceAll('\r\n', '\n'));
  });

  it('leaves out what a running job does not have yet', () => {
    // Act
    const summary = summarizeJob(running as JobStatus);

    // Assess
    expect(summary).toMatchObject({ executionStatus: 'RUNNING', currentStep: 'Step 3 (0 of 1 completed)' });
    expect(summary.endTime).toBeUndefined();
    expect(summary.runtime).toBeUndefined();
    expect(summary.logTail).toBeUndefined();
  });

  it('keeps only the last bytes of a 3 MB log and stays under 8 KB', () => {
    // Prepare
    const line = 'PERFORMANCE node.FlatFileSourceNode - batch | Rows: 1000\r\n';
    const log = `${line.repeat(Math.ceil(3_000_000 / line.length))}Job failed: ORA-12541\r\n`;
    const job: JobStatus = { ...completed, executionStatus: 'ERROR', log, error: 'ORA-12541: TNS:no listener' };

    // Act
    const summary = summarizeJob(job);

    // Assess
    expect(Buffer.byteLength(JSON.stringify(summary))).toBeLessThan(8 * 1024);
    expect(Buffer.byteLength(summary.logTail ?? '')).toBe(4096);
    expect(summary.logTail).toMatch(/Job failed: ORA-12541\n$/);
    expect(summary.logTail).not.toContain('\r');
    const normalizedBytes = Buffer.byteLength(log.replaceAll('\r\n', '\n'));
    expect(summary.logTruncatedBytes).toBe(normalizedBytes - 4096);
  });

  it('never cuts a multi-byte character in half', () => {
    // Prepare
    const job: JobStatus = { ...completed, log: '€'.repeat(5_000) };

    // Act
    const summary = summarizeJob(job, 100);

    // Assess
    expect(summary.logTail).toBe('€'.repeat(33));
    expect(summary.logTruncatedBytes).toBe(3 * 5_000 - 99);
  });

  it('cuts an endless error text', () => {
    // Prepare
    const job: JobStatus = { ...completed, executionStatus: 'ERROR', error: 'E'.repeat(100_000) };

    // Act
    const summary = summarizeJob(job);

    // Assess
    expect(summary.error?.length).toBeLessThanOrEqual(1025);
    expect(summary.error?.startsWith('EEEE')).toBe(true);
  });

  it('summarizes a 3 MB log fetched from DataWORQ in under 8 KB', async () => {
    // Prepare
    let now = Date.UTC(2024, 0, 1);
    const emulator = await startEmulator({
      keys: TEST_KEYS,
      clock: () => now,
      quiet: true,
      flows: [{ flowId: 'big', name: 'BigLog', steps: [{ name: 'Step 1', seconds: 1 }], outcome: 'ERROR', error: 'disk full', logBytes: 3_000_000 }],
    });
    const client = createDataworqClient({ transport: 'cloud-connector', baseUrl: emulator.url, keys: TEST_KEYS });
    const jobId = await client.startFlow({ flowId: 'big', runProfileName: 'default', notificationEnabled: false, parameters: [] });
    now += 5_000;

    // Act
    const summary = summarizeJob(await client.getJob(jobId).finally(() => emulator.close()));

    // Assess
    expect(Buffer.byteLength(JSON.stringify(summary))).toBeLessThan(8 * 1024);
    expect(summary).toMatchObject({ executionStatus: 'ERROR', error: 'disk full' });
    expect(summary.logTail).toMatch(/Job failed: disk full\n$/);
    expect(summary.logTruncatedBytes).toBeGreaterThan(2_900_000);
  });
});
