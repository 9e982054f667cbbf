import { afterEach, describe, expect, it } from 'vitest';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import { seedJobExecutionResponse, seedJobListResponse, seedJobStatusResponse } from '../../fixtures/seed-responses.ts';
import { startRecordingServer } from './support/recording-server.ts';
import type { FixedAnswer } from './support/recording-server.ts';
import { TEST_KEYS } from './support/test-keys.ts';

describe("Class: HttpDataworqClient (the seed's example answers)", () => {
  let close: () => Promise<void> = async () => undefined;
  afterEach(() => close());

  async function clientAnswering(answer: FixedAnswer) {
    const server = await startRecordingServer(answer);
    close = server.close;
    return createDataworqClient({ transport: 'cloud-connector', baseUrl: server.url, keys: TEST_KEYS });
  }

  it('reads the single JobStatus example, log and epoch times as sent', async () => {
    // Prepare
    const client = await clientAnswering({ body: seedJobStatusResponse });

    // Act
    const job = await client.getJob('54d9d784-e574-4160-9f44-6fb95317fecb');

    // Assess
    expect(job).toEqual(JSON.parse(seedJobStatusResponse));
    expect(job.startTime).toBe(1621440119691);
    expect(job.log).toMatch(/Job completed successfully\.\r\n$/);
  });

  it('reads the list example, nulls of the running job included', async () => {
    // Prepare
    const client = await clientAnswering({ body: seedJobListResponse });

    // Act
    const jobs = await client.listJobs('all');

    // Assess
    expect(jobs.map((job) => [job.flowName, job.executionStatus])).toEqual([
      ['Sleep6Split', 'RUNNING'],
      ['Demo', 'COMPLETED'],
    ]);
    expect(jobs[0]).toMatchObject({ endTime: null, log: null, error: null, runtimeFormatted: '' });
  });

  it('reads the execute example as the jobId', async () => {
    // Prepare
    const client = await clientAnswering({ status: 200, body: seedJobExecutionResponse });

    // Act
    const jobId = await client.startFlow({ flowId: 'f', runProfileName: 'default', notificationEnabled: false, parameters: [] });

    // Assess
    expect(jobId).toBe('2956fdae-73f8-45ec-a999-bf3514020472');
  });

  it('accepts 202 Accepted for an execute', async () => {
    // Prepare
    const client = await clientAnswering({ status: 202, body: seedJobExecutionResponse });

    // Act
    const jobId = await client.startFlow({ flowId: 'f', runProfileName: 'default', notificationEnabled: false, parameters: [] });

    // Assess
    expect(jobId).toBe('2956fdae-73f8-45ec-a999-bf3514020472');
  });

  it('keeps fields the seed does not know', async () => {
    // Prepare
    const extended = { ...JSON.parse(seedJobStatusResponse), priority: 3, tags: ['nightly'] };
    const client = await clientAnswering({ body: JSON.stringify(extended) });

    // Act
    const job = await client.getJob('54d9d784-e574-4160-9f44-6fb95317fecb');

    // Assess
    expect(job.priority).toBe(3);
    expect(job.tags).toEqual(['nightly']);
  });

  it('keeps at most 100 jobs when a list is longer than DataWORQ promises', async () => {
    // Prepare
    const one = JSON.parse(seedJobListResponse)[0];
    const many = Array.from({ length: 120 }, (_, index) => ({ ...one, id: `job-${index}` }));
    const client = await clientAnswering({ body: JSON.stringify(many) });

    // Act
    const jobs = await client.listJobs('active');

    // Assess
    expect(jobs).toHaveLength(100);
    expect(jobs.at(-1)?.id).toBe('job-99');
  });
});
