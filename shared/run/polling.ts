/**
 * How the poll loop spaces its status checks, and which of them Check makes inside one
 * invocation. One strategy, used by the Check step and measured by `npm run bench`.
 *
 * Age rule. The interval is a fixed fraction of the job's age: a job that has run for an hour is
 * unlikely to end in the next second, and the detection lag stays below POLLING.ageFraction of
 * the job's runtime (the last check before the end happened at an age below the runtime). Short
 * jobs get the floor, long ones the cap; the number of checks grows with log(duration).
 *
 * History. When DataWORQ's history shows how long the flow's recent runs took, the earliest
 * plausible end is POLLING.learnedFloorFraction of the shortest of them; the run's first check
 * reads it. Before that point the loop is in a quiet phase, where only an early failure can end
 * the job, and the quiet waits are shaped for it:
 * - the first check spends no status call (the job is very unlikely to have ended yet): it reads
 *   the history and schedules the next one, so a failure in the first seconds is seen at about
 *   3 × POLLING.minSeconds instead of POLLING.minSeconds;
 * - each wait is POLLING.quietAgeFraction × the age (the age triples from check to check, so a
 *   failure is seen within twice its age), but never less than the age rule's wait at the
 *   earliest end (so a long flow's quiet phase starts evenly spaced, at a tenth of that end) and
 *   never more than POLLING.quietFraction of the time left until it (so the checks close in on
 *   it and a run that ends a little early is still seen within about a tenth of its runtime).
 * The previous rule, half the time left from the start, left its widest gap right after submit,
 * where a long flow's early failures were seen many minutes late. From the earliest end on the
 * age rule applies, and for a short job (under POLLING.denseUntilSeconds) a denser one, since
 * those checks happen in-process. `npm run bench` measured the constants (docs/bench.md).
 *
 * In-process checks. A Wait → Check → Finished? round trip costs three state transitions; a
 * 128 MB Lambda waiting costs about a fifteenth of one per second. Below
 * POLLING.inProcessMaxWaitSeconds (the break-even, computed from the price list) Check waits
 * inside its invocation and checks again, up to POLLING.inProcessBudgetSeconds per invocation;
 * longer waits go back to the state machine's Wait state, which costs nothing while it waits.
 */
import type { JobStatus } from '../dataworq/types.ts';
import { PRICES } from '../cost/prices.ts';

/** The Check Lambda's size: the smallest Lambda, since it mostly waits on DataWORQ and on its own timer. */
export const CHECK_LAMBDA = { memoryMb: 128 } as const;

/** Transitions of one Wait → Check → Finished? round trip (infra/constructs/run-flow-definition.ts). */
export const TRANSITIONS_PER_ROUND_TRIP = 3;

/**
 * The wait below which checking again inside the invocation is cheaper than a round trip:
 * a round trip's transitions and Lambda request, over what one second of the Check Lambda costs.
 */
export function inProcessBreakEvenSeconds(memoryMb: number = CHECK_LAMBDA.memoryMb): number {
  const roundTripUsd = TRANSITIONS_PER_ROUND_TRIP * PRICES.stepFunctionsPerTransition + PRICES.lambdaPerRequest;
  return roundTripUsd / ((memoryMb / 1024) * PRICES.lambdaArmPerGbSecond);
}

export const POLLING = {
  /** The first wait after submit, and the floor for every later one (lag ≤ 5 s with latency). */
  minSeconds: 4,
  /** No wait is longer than this, whatever the job's age or history. */
  maxSeconds: 3_600,
  /** Wait this fraction of the job's age. */
  ageFraction: 0.1,
  /** With history: the earliest plausible end is this fraction of the shortest recent run. */
  learnedFloorFraction: 0.95,
  /**
   * Before the earliest plausible end (the quiet phase): wait this multiple of the age, so that an
   * early failure is seen within twice its age (the age triples from check to check)...
   */
  quietAgeFraction: 2,
  /** ...but at most this fraction of the time left until the earliest end, so the checks close in on it. */
  quietFraction: 0.6,
  /** The most recent completed runs of the flow that history learning looks at. */
  historyRuns: 10,
  /** Fewer completed runs than this teach nothing: the age alone decides. */
  historyMinRuns: 3,
  /** Waits up to this long happen inside the Check invocation (the break-even, whole seconds). */
  inProcessMaxWaitSeconds: Math.floor(inProcessBreakEvenSeconds()),
  /**
   * Around the expected end of a short job (history known, age under denseUntilSeconds), where
   * seconds of lag matter, in-process checks wait this fraction of the age, at least
   * inProcessMinSeconds: in-process checks cost Lambda time, not transitions, so they can be dense.
   */
  denseAgeFraction: 0.04,
  inProcessMinSeconds: 1,
  denseUntilSeconds: 300,
  /** Time one Check invocation may spend checking in-process, waits and calls included. */
  inProcessBudgetSeconds: 300,
  /**
   * The loop's hard bound, in status checks. A Wait → Check → Finished? round trip writes 9
   * history events and makes at least one check, so 2,000 checks (at most 18,000 events) stay
   * below Step Functions' 25,000-event limit, retries included.
   */
  maxIterations: 2_000,
  /** Backoff while DataWORQ is unreachable: base, cap (seconds); full jitter in between. */
  unreachableBaseSeconds: 5,
  unreachableMaxSeconds: 300,
  /** Consecutive 400s on a status call before the job is taken as gone. */
  maxConsecutiveRejections: 3,
} as const;

/**
 * The Check Lambda's timeout: the in-process budget, then the last status call and one more call
 * (the final job read or the history list), each bounded by the connector timeout, and a margin.
 */
export function checkTimeoutSeconds(connectorTimeoutSeconds: number): number {
  return POLLING.inProcessBudgetSeconds + 2 * connectorTimeoutSeconds + 15;
}

export interface PollTiming {
  /** Seconds since the job was submitted. */
  readonly ageSeconds: number;
  /** The flow's expected duration learned from history (see expectedDurationFromHistory). */
  readonly expectedDurationSeconds?: number;
}

/** Whether the job is still before the earliest end its flow's history makes plausible. */
export function inQuietPhase({ ageSeconds, expectedDurationSeconds }: PollTiming): boolean {
  return validDuration(expectedDurationSeconds) && ageSeconds < expectedDurationSeconds * POLLING.learnedFloorFraction;
}

/** Seconds to wait before the next check of a job that is still running (a whole number). */
export function nextPollDelaySeconds({ ageSeconds, expectedDurationSeconds }: PollTiming): number {
  const age = Math.max(0, ageSeconds);
  const earliestEnd = validDuration(expectedDurationSeconds) ? expectedDurationSeconds * POLLING.learnedFloorFraction : 0;
  // Rounded down, so that the wait never exceeds the fraction (the lag bound holds exactly).
  const ageRule = Math.floor(Math.max(age, earliestEnd) * POLLING.ageFraction);
  if (age < earliestEnd) {
    const growing = Math.floor(age * POLLING.quietAgeFraction);
    const closing = Math.floor((earliestEnd - age) * POLLING.quietFraction);
    return within(Math.max(ageRule, Math.min(growing, closing)), POLLING.minSeconds);
  }
  const dense = earliestEnd > 0 && age < POLLING.denseUntilSeconds && ageRule <= POLLING.inProcessMaxWaitSeconds;
  return dense ? within(Math.floor(age * POLLING.denseAgeFraction), POLLING.inProcessMinSeconds) : within(ageRule, POLLING.minSeconds);
}

function within(seconds: number, floor: number): number {
  return Math.min(POLLING.maxSeconds, Math.max(floor, seconds));
}

/**
 * Whether Check waits `waitSeconds` inside this invocation and checks again, rather than handing
 * the wait to the state machine: only after a successful check (an outage backs off through the
 * Wait state), below the break-even, and while the invocation's budget allows the wait.
 */
export function checksAgainInProcess(waitSeconds: number, elapsedSeconds: number, lastCheckSucceeded: boolean): boolean {
  return lastCheckSucceeded && waitSeconds <= POLLING.inProcessMaxWaitSeconds && elapsedSeconds + waitSeconds <= POLLING.inProcessBudgetSeconds;
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
