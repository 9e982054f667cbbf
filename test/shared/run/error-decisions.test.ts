/**
 * Submit and Check decide by error class, never by a name string: an error that merely carries a
 * DataWORQ error's name (a foreign library's, a test double's) is not taken for one.
 */
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../shared/clock.ts';
import type { DataworqClient } from '../../../shared/dataworq/types.ts';
import { DataworqRejectedError, DataworqUnavailableError } from '../../../shared/errors.ts';
import type { RunTrigger } from '../../../shared/model.ts';
import { checkRun } from '../../../shared/run/check.ts';
import { newRunState } from '../../../shared/run/run-state.ts';
import { submitRun } from '../../../shared/run/submit.ts';
import { catalogueFlow } from '../../helpers/run-harness.ts';

const flow = catalogueFlow('demo-load');
const trigger: RunTrigger = { kind: 'manual', id: 'cli:test', time: '2024-01-01T00:00:00.000Z' };
const clock: Clock = { now: () => new Date('2024-01-01T00:00:00.000Z') };

function namedLike(name: string): Error {
  const error = new Error('looks like a DataWORQ error');
  error.name = name;
  return error;
}

/** A client whose calls fail with `error`; it counts the job-list lookups an ambiguous start makes. */
function failingClient(error: Error): DataworqClient & { lists: number } {
  const client = {
    lists: 0,
    startFlow: () => Promise.reject(error),
    getExecutionStatus: () => Promise.reject(error),
    getJob: () => Promise.reject(error),
    listJobs: () => {
      client.lists += 1;
      return Promise.resolve([]);
    },
  };
  return client;
}

describe('Function: submitRun (error classes)', () => {
  it('looks for an adoptable job after a DataworqUnavailableError', async () => {
    // Prepare
    const dataworq = failingClient(new DataworqUnavailableError('startFlow: gateway timeout', 504));

    // Act
    const run = await submitRun({ flow, trigger, runId: 'run-1' }, { dataworq, clock, sleep: async () => undefined });

    // Assess
    expect(run.outcome).toBe('SUBMIT_FAILED');
    expect(dataworq.lists).toBe(3);
  });

  it('does not treat an error merely named DataworqUnavailableError as ambiguous', async () => {
    // Prepare
    const dataworq = failingClient(namedLike('DataworqUnavailableError'));

    // Act
    const run = await submitRun({ flow, trigger, runId: 'run-2' }, { dataworq, clock, sleep: async () => undefined });

    // Assess
    expect(run.outcome).toBe('SUBMIT_FAILED');
    expect(dataworq.lists).toBe(0);
  });
});

describe('Function: checkRun (error classes)', () => {
  const submitted = { ...newRunState('run-3', flow, clock.now()), jobId: 'job-1' };

  it('counts a DataworqRejectedError as a rejection', async () => {
    // Act
    const run = await checkRun({ flow, trigger, run: submitted }, { dataworq: failingClient(new DataworqRejectedError('no', 400, 'Bad Request')), clock });

    // Assess
    expect(run.poll.consecutiveRejections).toBe(1);
  });

  it('does not count an error merely named DataworqRejectedError as a rejection', async () => {
    // Act
    const run = await checkRun({ flow, trigger, run: submitted }, { dataworq: failingClient(namedLike('DataworqRejectedError')), clock });

    // Assess
    expect(run.poll.consecutiveFailures).toBe(1);
    expect(run.poll.consecutiveRejections).toBe(0);
  });
});
