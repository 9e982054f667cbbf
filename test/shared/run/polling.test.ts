import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorFlow, EmulatorHandle } from '../../../local/emulator/types.ts';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import type { DataworqClient, JobStatus } from '../../../shared/dataworq/types.ts';
import { checkRun } from '../../../shared/run/check.ts';
import type { RunFlow } from '../../../shared/model.ts';
import { expectedDurationFromHistory, inQuietPhase, nextPollDelaySeconds, POLLING, unreachableBackoffSeconds } from '../../../shared/run/polling.ts';
import { submitRun } from '../../../shared/run/submit.ts';

/** Step Functions' hard limit on one execution's history. */
const HISTORY_EVENT_LIMIT = 25_000;
/** Wait (entered, exited) + Lambda task (entered, scheduled, started, succeeded, exited) + Choice (entered, exited). */
const EVENTS_PER_ITERATION = 9;
/** The longest maxDuration the flows config accepts (shared/config/flow-schema.ts). */
const LONGEST_MAX_DURATION_SECONDS = 7 * 86_400;

const AGES = [0, 1, 3.9, 4, 39, 40, 45.5, 50, 99, 100, 600, 3599, 3600, 8_999, 9_000, 9_001, 28_800, 86_400, LONGEST_MAX_DURATION_SECONDS];

/** Ages at which the loop checks a job that never ends, from the first check to `until`. */
function checkAges(until: number, expectedDurationSeconds?: number): number[] {
  const ages: number[] = [];
  for (let age = POLLING.minSeconds; age < until; age += nextPollDelaySeconds({ ageSeconds: age, expectedDurationSeconds })) ages.push(age);
  return ages;
}

describe('Function: nextPollDelaySeconds', () => {
  it('waits a whole number of seconds between the floor and the cap at every age', () => {
    // Act
    const delays = AGES.flatMap((ageSeconds) => [undefined, 30, 7_200, 86_400].map((expected) => nextPollDelaySeconds({ ageSeconds, expectedDurationSeconds: expected })));
    // Assess
    for (const delay of delays) {
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(POLLING.inProcessMinSeconds);
      expect(delay).toBeLessThanOrEqual(POLLING.maxSeconds);
    }
  });

  it('checks a just-submitted job again after the floor, so a 10-second job is seen within 5 seconds', () => {
    expect(nextPollDelaySeconds({ ageSeconds: 0 })).toBe(POLLING.minSeconds);
    expect(POLLING.minSeconds).toBeLessThan(5);
  });

  it('never waits longer than a tenth of the age once past the floor, so the lag stays within 10% of the runtime', () => {
    for (const ageSeconds of AGES) {
      const delay = nextPollDelaySeconds({ ageSeconds });
      expect(delay).toBeLessThanOrEqual(Math.max(POLLING.minSeconds, POLLING.ageFraction * ageSeconds));
    }
  });

  it('waits longer as the job ages, never shorter', () => {
    // Act
    const delays = AGES.map((ageSeconds) => nextPollDelaySeconds({ ageSeconds }));
    // Assess
    delays.slice(1).forEach((delay, index) => expect(delay).toBeGreaterThanOrEqual(delays[index]!));
    expect(nextPollDelaySeconds({ ageSeconds: 600 })).toBe(60);
  });

  it('caps the wait for very old jobs', () => {
    expect(nextPollDelaySeconds({ ageSeconds: 86_400 })).toBe(POLLING.maxSeconds);
    expect(nextPollDelaySeconds({ ageSeconds: 1e9 })).toBe(POLLING.maxSeconds);
  });

  it('checks a young job of a flow that usually takes two hours far less often than one without history', () => {
    // Act
    const learned = nextPollDelaySeconds({ ageSeconds: 10, expectedDurationSeconds: 7_200 });
    const ageOnly = nextPollDelaySeconds({ ageSeconds: 10 });
    // Assess: the age rule's wait at the earliest end, no more, so an early failure is not missed for an hour.
    expect(learned).toBe(Math.floor(7_200 * POLLING.learnedFloorFraction * POLLING.ageFraction));
    expect(learned).toBeLessThan(Math.floor((7_200 * POLLING.learnedFloorFraction - 10) * 0.5));
    expect(ageOnly).toBe(POLLING.minSeconds);
  });

  it('sees an early failure in the quiet phase within twice its age, where the old rule waited half the time left', () => {
    // Prepare: a flow whose recent runs took 1,000 s at least (earliest plausible end 950 s).
    const expectedDurationSeconds = 1_000;
    const earliestEnd = expectedDurationSeconds * POLLING.learnedFloorFraction;
    // Act
    const ages = checkAges(earliestEnd, expectedDurationSeconds);
    // Assess: from the age rule's floor on, each check comes at most three times the age of the one before.
    const floor = Math.floor(earliestEnd * POLLING.ageFraction);
    ages.slice(1).forEach((age, index) => expect(age - ages[index]!).toBeLessThanOrEqual(Math.max(floor, POLLING.quietAgeFraction * ages[index]!)));
    expect(nextPollDelaySeconds({ ageSeconds: 100, expectedDurationSeconds })).toBe(200);
    expect(nextPollDelaySeconds({ ageSeconds: 100, expectedDurationSeconds })).toBeLessThan(Math.floor((earliestEnd - 100) * 0.5));
  });

  it('closes in on the earliest plausible end without passing it, then checks a short job densely around it', () => {
    // Act: a flow whose recent runs took 100 s at least.
    const earliestEnd = 100 * POLLING.learnedFloorFraction;
    const growing = nextPollDelaySeconds({ ageSeconds: 5, expectedDurationSeconds: 100 });
    const closing = nextPollDelaySeconds({ ageSeconds: 60, expectedDurationSeconds: 100 });
    const dense = nextPollDelaySeconds({ ageSeconds: 100, expectedDurationSeconds: 100 });
    // Assess
    expect(growing).toBe(5 * POLLING.quietAgeFraction);
    expect(closing).toBe(Math.floor((earliestEnd - 60) * POLLING.quietFraction));
    expect(60 + closing).toBeLessThan(earliestEnd);
    expect(dense).toBe(Math.max(POLLING.inProcessMinSeconds, Math.floor(100 * POLLING.denseAgeFraction)));
    expect(dense).toBeLessThan(nextPollDelaySeconds({ ageSeconds: 100 }));
  });

  it('tells the quiet phase by the earliest plausible end the history gives, and nothing without history', () => {
    expect(inQuietPhase({ ageSeconds: 4, expectedDurationSeconds: 100 })).toBe(true);
    expect(inQuietPhase({ ageSeconds: 100 * POLLING.learnedFloorFraction, expectedDurationSeconds: 100 })).toBe(false);
    expect(inQuietPhase({ ageSeconds: 4 })).toBe(false);
    expect(inQuietPhase({ ageSeconds: 4, expectedDurationSeconds: Number.NaN })).toBe(false);
  });

  it('keeps the age rule for a job older than its learned duration, so late runs keep the lag bound', () => {
    expect(nextPollDelaySeconds({ ageSeconds: 5_000, expectedDurationSeconds: 3_000 })).toBe(nextPollDelaySeconds({ ageSeconds: 5_000 }));
  });

  it('ignores a learned duration that is zero, negative or not a number', () => {
    for (const expectedDurationSeconds of [0, -60, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(nextPollDelaySeconds({ ageSeconds: 10, expectedDurationSeconds })).toBe(POLLING.minSeconds);
    }
  });

  it('needs far fewer checks for an 8-hour job than a fixed 60-second poller, with or without history', () => {
    // Act
    const ageOnly = checkAges(28_800).length;
    const learned = checkAges(28_800, 25_000).length;
    // Assess
    expect(ageOnly).toBeLessThan(28_800 / 60 / 3);
    expect(learned).toBeLessThan(ageOnly / 2);
  });
});

describe('Constant: POLLING loop bound', () => {
  it('follows a job to the longest max duration the config allows within the loop bound', () => {
    expect(checkAges(LONGEST_MAX_DURATION_SECONDS).length).toBeLessThan(POLLING.maxIterations);
    expect(checkAges(LONGEST_MAX_DURATION_SECONDS, 60).length).toBeLessThan(POLLING.maxIterations);
  });

  it('stops the loop before an execution can reach 25,000 history events, leaving room for retries', () => {
    // Submit and Notify with a few retries each, Done: well under 100 events.
    const fixedEvents = 100;
    const loopEvents = POLLING.maxIterations * EVENTS_PER_ITERATION;
    expect(loopEvents + fixedEvents).toBeLessThan(HISTORY_EVENT_LIMIT * 0.8);
  });
});

describe('Function: unreachableBackoffSeconds', () => {
  it('stays between half the base and the cap whatever the jitter draws', () => {
    for (let failures = 1; failures <= 40; failures++) {
      for (const draw of [0, 0.25, 0.5, 0.999_999]) {
        const delay = unreachableBackoffSeconds(failures, () => draw);
        expect(delay).toBeGreaterThanOrEqual(POLLING.unreachableBaseSeconds / 2);
        expect(delay).toBeLessThanOrEqual(POLLING.unreachableMaxSeconds);
      }
    }
  });

  it('doubles its ceiling with each failure until the cap', () => {
    const top = (failures: number) => unreachableBackoffSeconds(failures, () => 0.999_999);
    expect([1, 2, 3, 4].map(top)).toEqual([5, 10, 20, 40]);
    expect(top(10)).toBe(POLLING.unreachableMaxSeconds);
  });

  it('spreads retries of runs that failed together across the window', () => {
    const draws = [0, 0.3, 0.6, 0.9].map((draw) => unreachableBackoffSeconds(6, () => draw));
    expect(new Set(draws).size).toBe(4);
  });
});

const FLOW = { dataworqFlowName: 'NightlyLoad', runProfileName: 'default' };
const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);

function finished(minutesAgo: number, runtimeSeconds: number, overrides: Partial<JobStatus> = {}): JobStatus {
  const endTime = T0 - minutesAgo * 60_000;
  return { id: crypto.randomUUID(), flowName: 'NightlyLoad', runProfileName: 'default', executionStatus: 'COMPLETED', startTime: endTime - runtimeSeconds * 1000, endTime, ...overrides };
}

describe('Function: expectedDurationFromHistory', () => {
  it('takes the shortest of the flow\'s recent completed runs', () => {
    const history = [finished(10, 3_700), finished(20, 3_500.9), finished(30, 3_900)];
    expect(expectedDurationFromHistory(history, FLOW)).toBe(3_500);
  });

  it('ignores other flows, other run profiles, failed and cancelled runs and jobs without times', () => {
    // Prepare
    const history = [
      finished(1, 3_600),
      finished(2, 3_600),
      finished(3, 3_600),
      finished(4, 10, { flowName: 'Other' }),
      finished(5, 10, { runProfileName: 'hourly' }),
      finished(6, 10, { executionStatus: 'ERROR' }),
      finished(7, 10, { executionStatus: 'CANCELLED' }),
      finished(8, 10, { endTime: null }),
    ];
    // Act / Assess
    expect(expectedDurationFromHistory(history, FLOW)).toBe(3_600);
  });

  it('looks only at the most recent runs, so a flow that got faster is polled for its new pace', () => {
    const recent = Array.from({ length: POLLING.historyRuns }, (_, index) => finished(index + 1, 600));
    expect(expectedDurationFromHistory([finished(1_000, 60), ...recent], FLOW)).toBe(600);
  });

  it('learns nothing from fewer runs than the minimum', () => {
    expect(expectedDurationFromHistory([finished(1, 600), finished(2, 600)], FLOW)).toBeUndefined();
    expect(expectedDurationFromHistory([], FLOW)).toBeUndefined();
  });
});

const KEYS = { apiKey: 'DATAWORQ-polling-test-key', userApiKey: 'polling-test-user-key' };
const TEN_MINUTE_FLOW: EmulatorFlow = { flowId: '6a1f0c2e-7d4b-4e8a-9c3f-2b5d8e1a4c70', name: 'TenMinutes', steps: [{ name: 'Step 1', seconds: 600 }], outcome: 'COMPLETED' };
const RUN_FLOW: RunFlow = {
  name: 'ten-minutes',
  flowId: TEN_MINUTE_FLOW.flowId,
  dataworqFlowName: TEN_MINUTE_FLOW.name,
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [],
  maxDurationSeconds: 3_600,
  lostAfterSeconds: 600,
  overlap: 'allow',
};

describe('Function: checkRun with DataWORQ history', () => {
  let emulator: EmulatorHandle;
  let dataworq: DataworqClient;
  let now = T0;
  const clock = { now: () => new Date(now) };
  const trigger = { kind: 'manual' as const, id: 'test', time: new Date(T0).toISOString() };

  beforeAll(async () => {
    emulator = await startEmulator({ keys: KEYS, clock: () => now, quiet: true, flows: [TEN_MINUTE_FLOW] });
    dataworq = createDataworqClient({ transport: 'cloud-connector', baseUrl: emulator.url, keys: KEYS });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    now = T0;
  });

  const sleep = async (ms: number) => {
    now += ms;
  };

  async function firstCheck() {
    const run = await submitRun({ flow: RUN_FLOW, trigger, runId: `run-${crypto.randomUUID()}` }, { dataworq, clock });
    now += POLLING.minSeconds * 1000;
    return checkRun({ flow: RUN_FLOW, trigger, run }, { dataworq, clock, sleep });
  }

  it('hands the long quiet wait of a flow that has run before to the Wait state after one check', async () => {
    // Prepare: three earlier runs of ten minutes each, finished.
    for (let index = 0; index < 3; index++) await submitRun({ flow: RUN_FLOW, trigger, runId: `earlier-${index}` }, { dataworq, clock });
    now += 700_000;
    // Act
    const run = await firstCheck();
    // Assess
    expect(run.outcome).toBeUndefined();
    expect(run.poll.expectedDurationSeconds).toBe(600);
    expect(run.poll.iteration).toBe(1);
    expect(run.poll.waitSeconds).toBe(nextPollDelaySeconds({ ageSeconds: POLLING.minSeconds, expectedDurationSeconds: 600 }));
    expect(run.poll.waitSeconds).toBeGreaterThan(POLLING.inProcessMaxWaitSeconds);
  });

  it('spends no status call on the first check of a flow whose history puts the job in its quiet phase, and reads the history once', async () => {
    // Prepare: three earlier ten-minute runs; a client that counts the calls.
    for (let index = 0; index < 3; index++) await submitRun({ flow: RUN_FLOW, trigger, runId: `earlier-${index}` }, { dataworq, clock });
    now += 700_000;
    const calls = { status: 0, lists: 0 };
    const counting: DataworqClient = {
      startFlow: (request) => dataworq.startFlow(request),
      getJob: (jobId) => dataworq.getJob(jobId),
      getExecutionStatus: (jobId) => ((calls.status += 1), dataworq.getExecutionStatus(jobId)),
      listJobs: (filter) => ((calls.lists += 1), dataworq.listJobs(filter)),
    };
    const submitted = await submitRun({ flow: RUN_FLOW, trigger, runId: 'quiet-first-check' }, { dataworq, clock });
    now += POLLING.minSeconds * 1000;
    // Act
    const first = await checkRun({ flow: RUN_FLOW, trigger, run: submitted }, { dataworq: counting, clock, sleep });
    const afterFirst = { ...calls };
    now += first.poll.waitSeconds * 1000;
    const second = await checkRun({ flow: RUN_FLOW, trigger, run: first }, { dataworq: counting, clock, sleep });
    // Assess
    expect(afterFirst).toEqual({ status: 0, lists: 1 });
    expect(first.poll.lastStatus).toBeUndefined();
    expect(first.poll.expectedDurationSeconds).toBe(600);
    expect(second.poll.lastStatus).toBe('RUNNING');
    expect(calls.lists).toBe(1);
    expect(calls.status).toBeGreaterThanOrEqual(1);
  });

  it('polls by age alone, in-process within its budget, when DataWORQ has no history of the flow', async () => {
    // Act
    const started = now;
    const run = await firstCheck();
    // Assess
    expect(run.poll.expectedDurationSeconds).toBeUndefined();
    expect(run.poll.iteration).toBeGreaterThan(10);
    expect((now - started) / 1000).toBeLessThanOrEqual(POLLING.minSeconds + POLLING.inProcessBudgetSeconds);
    expect(run.poll.waitSeconds).toBe(nextPollDelaySeconds({ ageSeconds: (now - started) / 1000 }));
  });

  it('still follows the job by age when the history cannot be read', async () => {
    // Prepare
    emulator.inject({ type: 'http-status', status: 503, on: 'list', times: 1 });
    // Act
    const run = await firstCheck();
    // Assess
    expect(run.outcome).toBeUndefined();
    expect(run.poll.lastStatus).toBe('RUNNING');
    expect(run.poll.expectedDurationSeconds).toBeUndefined();
    expect(run.poll.iteration).toBeGreaterThan(1);
  });
});
