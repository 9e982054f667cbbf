/**
 * How long the poll loop waits before the next status check. One strategy, used by the Check
 * step and measured by `npm run bench`.
 *
 * The interval is a fixed fraction of the job's age: a job that has run for an hour is unlikely
 * to end in the next second, and the detection lag stays below POLLING.ageFraction of the job's
 * runtime (the last check before the end happened at an age below the runtime). Short jobs get
 * the floor, long ones the cap; the number of checks grows with log(duration), not linearly
 * like a fixed-interval poller.
 *
 * When DataWORQ's history shows how long the flow's recent runs took, the job is treated as at
 * least POLLING.learnedFloorFraction of the shortest of them old: a run that usually takes two
 * hours is not checked every few seconds in its first minutes. Runs that end after that point
 * keep the lag bound; one that ends earlier (an early failure) is still seen within a tenth of
 * that point, and never later than maxSeconds.
 */
import type { JobStatus } from '../dataworq/types.ts';

export const POLLING = {
  /** The first wait after submit, and the floor for every later one (lag ≤ 5 s with latency). */
  minSeconds: 4,
  /** No wait is longer than this, whatever the job's age or history. */
  maxSeconds: 900,
  /** Wait this fraction of the job's age. */
  ageFraction: 0.1,
  /** With history: the job counts as at least this fraction of the shortest recent run old. */
  learnedFloorFraction: 0.8,
  /** The most recent completed runs of the flow that history learning looks at. */
  historyRuns: 10,
  /** Fewer completed runs than this teach nothing: the age alone decides. */
  historyMinRuns: 3,
  /**
   * The loop's hard bound. A Wait → Check → Choice iteration writes 9 history events, so 2,000
   * iterations (18,000 events) stay below Step Functions' 25,000-event limit, retries included.
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
  /** The flow's expected duration learned from history (see expectedDurationFromHistory). */
  readonly expectedDurationSeconds?: number | undefined;
}

/** Seconds to wait before the next check of a job that is still running (a whole number). */
export function nextPollDelaySeconds({ ageSeconds, expectedDurationSeconds }: PollTiming): number {
  const learnedAge = validDuration(expectedDurationSeconds) ? expectedDurationSeconds * POLLING.learnedFloorFraction : 0;
  const effectiveAge = Math.max(0, ageSeconds, learnedAge);
  // Rounded down, so that the wait never exceeds the fraction (the lag bound holds exactly).
  const proportional = Math.floor(effectiveAge * POLLING.ageFraction);
  return Math.min(POLLING.maxSeconds, Math.max(POLLING.minSeconds, proportional));
}

/** The flow as history learning matches it against DataWORQ's job list. */
export interface HistoryFlow {
  readonly dataworqFlowName: string;
  readonly runProfileName: string;
}

/**
 * The flow's expected duration in seconds, from DataWORQ's `history` list: the shortest of its
 * most recent COMPLETED runs (errors and cancellations end early and say nothing of a normal
 * run). The shortest rather than the median, so that a flow whose runtime varies a lot is
 * treated as the fast run it may be; undefined with fewer than historyMinRuns runs.
 */
export function expectedDurationFromHistory(history: readonly JobStatus[], flow: HistoryFlow): number | undefined {
  const durations = history
    .filter((job) => job.executionStatus === 'COMPLETED' && job.flowName === flow.dataworqFlowName)
    .filter((job) => (job.runProfileName ?? flow.runProfileName) === flow.runProfileName)
    .flatMap((job) => (typeof job.startTime === 'number' && typeof job.endTime === 'number' ? [{ end: job.endTime, ms: job.endTime - job.startTime }] : []))
    .filter((run) => run.ms > 0)
    .sort((a, b) => b.end - a.end)
    .slice(0, POLLING.historyRuns)
    .map((run) => run.ms / 1000);
  if (durations.length < POLLING.historyMinRuns) return undefined;
  return Math.floor(Math.min(...durations));
}

function validDuration(seconds: number | undefined): seconds is number {
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;
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
