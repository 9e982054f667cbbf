import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  maxReceiveCount,
  parseRetryAfter,
  RETRY_WINDOW_SECONDS,
  retryDelaySeconds,
  retryWindowOver,
  SQS_MAX_VISIBILITY_SECONDS,
} from '../../../../shared/alerts/delivery/retry-policy.ts';

describe('Module: retry-policy', () => {
  it('backs off exponentially with jitter between half and all of the ceiling, capped at an hour', () => {
    // Act
    const lowest = [1, 2, 3, 10, 30].map((attempt) => backoffSeconds(attempt, () => 0));
    const highest = [1, 2, 3, 10, 30].map((attempt) => backoffSeconds(attempt, () => 1));

    // Assess
    expect(lowest).toEqual([15, 30, 60, 1800, 1800]);
    expect(highest).toEqual([30, 60, 120, 3600, 3600]);
  });

  it('computes maxReceiveCount so that even the shortest delays keep retrying for the whole 24 hours', () => {
    // Act
    const count = maxReceiveCount();
    let elapsed = 0;
    for (let attempt = 1; attempt < count - 1; attempt++) elapsed += backoffSeconds(attempt, () => 0);

    // Assess
    expect(elapsed).toBeGreaterThanOrEqual(RETRY_WINDOW_SECONDS);
    expect(count).toBeLessThan(100);
  });

  it("honours a longer Retry-After, never a shorter one, and never beyond SQS's visibility ceiling", () => {
    // Act
    const longer = retryDelaySeconds(1, 900, () => 0);
    const shorter = retryDelaySeconds(5, 1, () => 0);
    const huge = retryDelaySeconds(1, 10 * 24 * 3600);

    // Assess
    expect(longer).toBe(900);
    expect(shorter).toBe(240);
    expect(huge).toBe(SQS_MAX_VISIBILITY_SECONDS);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    // Prepare
    const now = new Date('2026-12-01T10:00:00.000Z');

    // Act
    const parsed = [parseRetryAfter('120', now), parseRetryAfter('Tue, 01 Dec 2026 10:05:00 GMT', now), parseRetryAfter('soon', now), parseRetryAfter(null, now)];

    // Assess
    expect(parsed).toEqual([120, 300, undefined, undefined]);
  });

  it('ends the window when the next attempt would start more than 24 hours after the first', () => {
    // Prepare
    const first = Date.parse('2026-12-01T00:00:00.000Z');

    // Act
    const within = retryWindowOver(first, first + 23 * 3600 * 1000, 3599);
    const beyond = retryWindowOver(first, first + 23 * 3600 * 1000, 3601);

    // Assess
    expect(within).toBe(false);
    expect(beyond).toBe(true);
  });
});
