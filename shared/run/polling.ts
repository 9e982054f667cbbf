/**
 * How long the poll loop waits before the next status check. One strategy, used by the Check
 * step and measured by `npm run bench`.
 *
 * The interval is a fixed fraction of the job's age: a job that has run for an hour is unlikely
 * to end in the next second, and the detection lag stays below POLLING.ageFraction of the job's
 * runtime (the last check before the end happened at an age below the runtime). Short jobs get
 * the floor, long ones the cap; the number of checks grows with log(duration), not linearly
 * like a fixed-interval poller.
 */
export const POLLING = {
  /** The first wait after submit, and the floor for every later one. */
  minSeconds: 5,
  /** No wait is longer than this, whatever the job's age. */
  maxSeconds: 900,
  /** Wait this fraction of the job's age. */
  ageFraction: 0.1,
  /**
   * The loop's hard bound. A Wait → Check → Choice iteration writes about 9 history events, so
   * 2,000 iterations stay well below Step Functions' 25,000-event limit, retries included.
   */
  maxIterations: 2_000,
  /** Backoff while DataWORQ is unreachable: base, cap (seconds); full jitter in between. */
  unreachableBaseSeconds: 5,
  unreachableMaxSeconds: 300,
  /** Consecutive 400s on a status call before the job is taken as gone. */
  maxConsecutiveRejections: 3,
} as const;

export interface PollTiming {
  /** Seconds since the job was submitted. */
  readonly ageSeconds: number;
}

/** Seconds to wait before the next check of a job that is still running. */
export function nextPollDelaySeconds({ ageSeconds }: PollTiming): number {
  const proportional = Math.max(0, ageSeconds) * POLLING.ageFraction;
  return Math.ceil(Math.min(POLLING.maxSeconds, Math.max(POLLING.minSeconds, proportional)));
}

/**
 * Seconds to wait after the n-th consecutive failed status call (n ≥ 1): exponential with full
 * jitter, so that many runs hitting one outage do not retry in lockstep.
 */
export function unreachableBackoffSeconds(consecutiveFailures: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 16);
  const ceiling = Math.min(POLLING.unreachableMaxSeconds, POLLING.unreachableBaseSeconds * 2 ** exponent);
  const floor = POLLING.unreachableBaseSeconds / 2;
  return Math.ceil(floor + random() * (ceiling - floor));
}
