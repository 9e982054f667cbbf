import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/load.ts';
import { POLLING } from '../../../shared/run/polling.ts';
import { attemptJournalId, loopBoundOf, RETRY_LIMITS, retriesAfter } from '../../../shared/run/retry.ts';
import { catalogueFlow } from '../../helpers/run-harness.ts';

const HISTORY_EVENT_LIMIT = 25_000;
const EVENTS_PER_ROUND_TRIP = 9;
/** Submit, Finished?, Notify, Retry?, RetryWait, NextAttempt: entered and exited, Tasks scheduled/started/succeeded too. */
const EVENTS_PER_ATTEMPT_OUTSIDE_THE_LOOP = 30;

describe('Function: retriesAfter', () => {
  const flow = catalogueFlow('broken-export', { retry: { on: ['ERROR', 'LOST', 'SUBMIT_FAILED'], attempts: 2, delaySeconds: 600 } });

  it('retries a listed outcome while attempts are left, and never an unlisted one', () => {
    expect(retriesAfter(flow, 'ERROR', 1)).toBe(true);
    expect(retriesAfter(flow, 'ERROR', 2)).toBe(true);
    expect(retriesAfter(flow, 'ERROR', 3)).toBe(false);
    expect(retriesAfter(flow, 'CANCELLED', 1)).toBe(false);
    expect(retriesAfter(flow, 'TIMED_OUT', 1)).toBe(false);
    expect(retriesAfter(flow, 'COMPLETED', 1)).toBe(false);
    expect(retriesAfter(catalogueFlow('broken-export'), 'ERROR', 1)).toBe(false);
  });

  it('keys every attempt after the first apart in the run journal', () => {
    expect(attemptJournalId('run-1', 1)).toBe('run-1');
    expect(attemptJournalId('run-1', 2)).toBe('run-1#2');
  });
});

describe('Function: loopBoundOf', () => {
  it("keeps every attempt's loop together within one execution's 25,000 history events", () => {
    const flow = catalogueFlow('demo-load', { retry: { on: ['ERROR'], attempts: RETRY_LIMITS.maxAttempts, delaySeconds: 1 } });
    const attempts = RETRY_LIMITS.maxAttempts + 1;
    const events = attempts * (loopBoundOf(flow) * EVENTS_PER_ROUND_TRIP + EVENTS_PER_ATTEMPT_OUTSIDE_THE_LOOP);
    expect(events).toBeLessThan(HISTORY_EVENT_LIMIT);
    expect(loopBoundOf(catalogueFlow('demo-load'))).toBe(POLLING.maxIterations);
  });
});

describe('Config: retry', () => {
  const config = (retry: string) => `
flows:
  demo-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    retry: ${retry}
`;

  it('defaults to ERROR, LOST and SUBMIT_FAILED, 2 attempts, 10 minutes apart', () => {
    expect(parseConfig(config('{}'), 'test').flows['demo-load']?.retry).toEqual({ on: ['ERROR', 'LOST', 'SUBMIT_FAILED'], attempts: 2, delaySeconds: 600 });
  });

  it('refuses more attempts than the history budget holds, and outcomes that are no failures', () => {
    expect(() => parseConfig(config(`{ attempts: ${RETRY_LIMITS.maxAttempts + 1} }`), 'test')).toThrow(/attempts: .*at most 5/);
    expect(() => parseConfig(config('{ on: [COMPLETED] }'), 'test')).toThrow(/retry\.on\[0\]: must be one of ERROR/);
  });
});
