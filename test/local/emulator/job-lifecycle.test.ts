import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../../local/emulator/types.ts';
import type { JobStatus } from '../../../shared/dataworq/types.ts';
import { seedJobListResponse, seedJobStatusResponse } from '../../fixtures/seed-responses.ts';
import { TEST_KEYS } from '../../shared/dataworq/support/test-keys.ts';
import { connectorCall, submitJob } from './support/raw-calls.ts';

const T0 = Date.UTC(2021, 4, 19, 12, 1, 59, 691);
const seedRunning = (JSON.parse(seedJobListResponse) as JobStatus[])[0];
const seedCompleted = JSON.parse(seedJobStatusResponse) as JobStatus;

describe('Function: startEmulator (job lifecycle)', () => {
  let emulator: EmulatorHandle;
  let now = T0;
  beforeAll(async () => {
    emulator = await startEmulator({ keys: TEST_KEYS, clock: () => now, speed: 2, quiet: true });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    now = T0;
  });

  async function statusOf(jobId: string): Promise<JobStatus> {
    const answer = await connectorCall(emulator.url, TEST_KEYS, `/api/v1/jobs/${jobId}`);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json' });
    return JSON.parse(answer.text) as JobStatus;
  }

  it('shows a queued job as QUEUED with nothing running yet', async () => {
    // Prepare
    const jobId = await submitJob(emulator.url, TEST_KEYS, EMULATOR_CATALOGUE['slow-queue'].flowId);

    // Act
    const job = await statusOf(jobId);

    // Assess
    expect(job).toMatchObject({ executionStatus: 'QUEUED', currentStepId: null, endTime: null, log: null, startTime: T0 });
  });

  it("shows a running job in the seed's running shape: same fields, same order, nulls", async () => {
    // Prepare
    const jobId = await submitJob(emulator.url, TEST_KEYS, EMULATOR_CATALOGUE['sleep-split'].flowId);
    now += 7_000; // 14 emulated seconds: 4 s into Step 3

    // Act
    const job = await statusOf(jobId);

    // Assess
    expect(Object.keys(job)).toEqual(Object.keys(seedRunning ?? {}));
    expect(job).toEqual({
      ...seedRunning,
      id: jobId,
      startTime: T0,
      currentStepStartTime: T0 + 10_000,
      startTimeFormatted: '2021-05-19 12:01:59.691',
    });
  });

  it("shows a finished job in the seed's completed shape, with a log in the seed's style", async () => {
    // Prepare
    const jobId = await submitJob(emulator.url, TEST_KEYS, EMULATOR_CATALOGUE['sleep-split'].flowId);
    now += 60_000;

    // Act
    const job = await statusOf(jobId);

    // Assess
    expect(Object.keys(job)).toEqual(Object.keys(seedCompleted));
    expect(job).toMatchObject({
      executionStatus: 'COMPLETED',
      endTime: T0 + 15_000,
      runtimeFormatted: '15.000 seconds',
      endTimeFormatted: '2021-05-19 12:02:14.691',
      currentStepId: 'Step 3',
      currentStepDescription: 'Step 3 (1)',
      currentStepStatus: 'COMPLETED',
      currentStepElapsedTime: 'N/A',
      error: null,
    });
    expect(job.log).toContain(`|  Execution Id  |  ${jobId}  |\r\n`);
    expect(job.log).toContain('|  Flow Id    |  f21bf040-c22b-454e-8561-2115e90aaa55  |\r\n');
    expect(job.log).toContain('|  Total   |  COMPLETED  |  15.000 seconds  |\r\n');
    expect(job.log).not.toContain('Parameter Set');
    expect(job.log).toMatch(/^05\/19\/2021 12:01:59,698 \[pool-8-thread-2\] INFO /);
    expect(job.log?.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('logs the parameter set a job was given', async () => {
    // Prepare
    const parameters = [
      { name: 'SOURCEFILE', type: 'string', value: 'C:\\Temp\\retail_unit_demand.csv' },
      { name: 'THRESHOLD', type: 'float', value: 0.5 },
    ];
    const jobId = await submitJob(emulator.url, TEST_KEYS, EMULATOR_CATALOGUE['demo-load'].flowId, parameters);
    now += 60_000;

    // Act
    const job = await statusOf(jobId);

    // Assess
    expect(job.log).toContain('|  SOURCEFILE  |  STRING  |  "C:\\Temp\\retail_unit_demand.csv"  |\r\n');
    expect(job.log).toContain('|  THRESHOLD   |  FLOAT   |  0.5');
  });

  it('ends a failing flow in ERROR with its error text', async () => {
    // Prepare
    const jobId = await submitJob(emulator.url, TEST_KEYS, EMULATOR_CATALOGUE['broken-export'].flowId);
    now += 60_000;

    // Act
    const job = await statusOf(jobId);

    // Assess
    expect(job).toMatchObject({ executionStatus: 'ERROR', error: 'Database:Database node_7954912 failed: ORA-12541: TNS:no listener' });
    expect(job.log).toMatch(/Job failed: Database:Database node_7954912 failed: ORA-12541: TNS:no listener\r\n$/);
  });

  it('ends the cancelled flow in CANCELLED after its step', async () => {
    // Prepare
    const jobId = await submitJob(emulator.url, TEST_KEYS, EMULATOR_CATALOGUE['cancelled-flow'].flowId);
    now += 60_000;

    // Act
    const job = await statusOf(jobId);

    // Assess
    expect(job).toMatchObject({ executionStatus: 'CANCELLED', error: null, currentStepStatus: 'CANCELLED' });
  });

  it('pads the log of a flow with logBytes to about that size', async () => {
    // Prepare
    emulator.addFlow({ flowId: 'big-log', name: 'BigLog', steps: [{ name: 'Step 1', seconds: 1 }], outcome: 'COMPLETED', logBytes: 3_000_000 });
    const jobId = await submitJob(emulator.url, TEST_KEYS, 'big-log');
    now += 60_000;

    // Act
    const job = await statusOf(jobId);

    // Assess
    const bytes = Buffer.byteLength(job.log ?? '');
    expect(bytes).toBeGreaterThanOrEqual(3_000_000);
    expect(bytes).toBeLessThan(3_001_000);
    expect(job.log).toMatch(/Job completed successfully\.\r\n$/);
  });
});
