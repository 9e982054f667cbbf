import { ValidationError } from '../errors.ts';
import { JOBS_PATH } from './constants.ts';
import type { JobListFilter } from './types.ts';

// A job id travels in a URL path (native) or in the `endpoint` header (Cloud Connector): anything
// that could change the path, start a query or break a header line is refused, not escaped away.
const FORBIDDEN_IN_JOB_ID = /[/?#%\\\s\p{Cc}]/u;
const MAX_JOB_ID_LENGTH = 200;

/** Throws ValidationError unless `jobId` can safely name one job in a path. */
export function assertJobId(jobId: unknown): asserts jobId is string {
  if (typeof jobId !== 'string' || jobId === '') throw new ValidationError('jobId must be a non-empty string');
  if (jobId.length > MAX_JOB_ID_LENGTH) throw new ValidationError(`jobId is longer than ${MAX_JOB_ID_LENGTH} characters`);
  if (FORBIDDEN_IN_JOB_ID.test(jobId) || jobId === '.' || jobId === '..') {
    throw new ValidationError(
      `jobId ${JSON.stringify(jobId)} contains a character not allowed in a job id (/ ? # % \\ whitespace or control)`,
    );
  }
}

/** The native endpoints (path and query) DataWORQ serves; the Cloud Connector forwards the same. */
export const dataworqEndpoints = {
  execute: (): string => JOBS_PATH,
  job: (jobId: string, filter?: 'executionStatus'): string => {
    assertJobId(jobId);
    const path = `${JOBS_PATH}/${encodeURIComponent(jobId)}`;
    return filter === undefined ? path : `${path}?filter=${filter}`;
  },
  jobs: (filter: JobListFilter = 'all'): string => (filter === 'all' ? JOBS_PATH : `${JOBS_PATH}?filter=${filter}`),
};
