import { describe, expect, it } from 'vitest';
import { instrumentedDataworq } from '../../../shared/dataworq/instrumented-client.ts';
import type { DataworqClient } from '../../../shared/dataworq/types.ts';
import { DataworqUnavailableError } from '../../../shared/errors.ts';
import { recordingMetrics } from '../metrics/recording-metrics.ts';

const client: DataworqClient = {
  startFlow: async () => 'job-1',
  getExecutionStatus: async () => 'RUNNING',
  getJob: async (jobId) => ({ id: jobId, executionStatus: 'COMPLETED' }),
  listJobs: async () => {
    throw new DataworqUnavailableError('gateway timeout');
  },
};

describe('Function: instrumentedDataworq', () => {
  it('answers as the client does and reports each call\'s latency and failure by operation', async () => {
    // Prepare
    const metrics = recordingMetrics();
    let now = 0;
    const dataworq = instrumentedDataworq(client, metrics, () => (now += 25));

    // Act
    const status = await dataworq.getExecutionStatus('job-1');
    const failure = await dataworq.listJobs('active').catch((error: unknown) => error);

    // Assess
    expect(status).toBe('RUNNING');
    expect(failure).toBeInstanceOf(DataworqUnavailableError);
    expect(metrics.recorded.map((m) => [m.name, m.dimensions.operation, m.value])).toEqual([
      ['DataworqLatency', 'getExecutionStatus', 25],
      ['DataworqErrors', 'getExecutionStatus', 0],
      ['DataworqLatency', 'listJobs', 25],
      ['DataworqErrors', 'listJobs', 1],
    ]);
  });
});
