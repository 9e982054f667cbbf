/**
 * A DataworqClient that reports each call's latency and failure (RunMetrics) and otherwise
 * changes nothing: same answers, same errors, in the same order.
 */
import { reportDataworqCall, type DataworqOperation, type RunMetrics } from '../metrics/run-metrics.ts';
import type { DataworqClient } from './types.ts';

export function instrumentedDataworq(client: DataworqClient, metrics: RunMetrics, now: () => number = () => performance.now()): DataworqClient {
  const timed = async <T>(operation: DataworqOperation, call: () => Promise<T>): Promise<T> => {
    const started = now();
    try {
      const answer = await call();
      reportDataworqCall(metrics, operation, now() - started, false);
      return answer;
    } catch (error) {
      reportDataworqCall(metrics, operation, now() - started, true);
      throw error;
    }
  };
  return {
    startFlow: (request, options) => timed('startFlow', () => client.startFlow(request, options)),
    getExecutionStatus: (jobId, options) => timed('getExecutionStatus', () => client.getExecutionStatus(jobId, options)),
    getJob: (jobId, options) => timed('getJob', () => client.getJob(jobId, options)),
    listJobs: (filter, options) => timed('listJobs', () => client.listJobs(filter, options)),
  };
}
