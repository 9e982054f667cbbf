/**
 * The fault matrix: the synthesized RunFlow state machine, run with the real Lambda handlers
 * against the emulator, under one injected fault per row. Every row must keep the promises a
 * user relies on: the run ends as expected, exactly one alert goes out (or the execution fails
 * so the alarm reports it), no flow is started twice, no state payload nears 256 KB, and the
 * poll loop stays within its bound.
 */
import { PublishCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import type { EmulatorFlow } from '../../local/emulator/types.ts';
import type { LocalRun } from '../../local/runtime/local-executor.ts';
import type { Outcome, RunFlow } from '../../shared/model.ts';
import { POLLING } from '../../shared/run/polling.ts';
import { catalogueFlow, type Harness, type HarnessOptions, SECRET_ID, TEST_KEYS, harnessForEachTest } from '../helpers/run-harness.ts';

const STATE_PAYLOAD_LIMIT = 256 * 1024;
/** Longer than the handlers' DataWORQ client timeout (DWQ_TIMEOUT_MS = 1000 in the harness). */
const BEYOND_CLIENT_TIMEOUT_MS = 1_400;

const neverEnds: EmulatorFlow = {
  flowId: '11111111-2222-4333-8444-555555555555',
  name: 'NeverEnds',
  steps: [{ name: 'Step 1', seconds: 86_400 }],
  outcome: 'COMPLETED',
};
const longQueue: EmulatorFlow = {
  flowId: '22222222-3333-4444-8555-666666666666',
  name: 'LongQueue',
  queuedSeconds: 1_800,
  steps: [{ name: 'Step 1', seconds: 60 }],
  outcome: 'COMPLETED',
};
const hugeLog: EmulatorFlow = {
  flowId: '33333333-4444-4555-8666-777777777777',
  name: 'HugeLog',
  steps: [{ name: 'Step 1', seconds: 5 }],
  outcome: 'COMPLETED',
  logBytes: 3 * 1024 * 1024,
};

function flowFor(emulatorFlow: EmulatorFlow, overrides: Partial<RunFlow> = {}): RunFlow {
  return catalogueFlow('sleep-split', { name: emulatorFlow.name.toLowerCase(), flowId: emulatorFlow.flowId, dataworqFlowName: emulatorFlow.name, ...overrides });
}

interface Expected {
  /** The execution's end state; FAILED only when the alert could not be published. */
  readonly state: 'SUCCEEDED' | 'FAILED';
  readonly outcome?: Outcome;
  /** execute calls DataWORQ received (a retry after an empty adoption check is the only second one). */
  readonly executes: number;
  /** Jobs DataWORQ started: never more than one per trigger. */
  readonly jobs: 0 | 1;
  /** Matched against the run's message (or the execution's error when it failed). */
  readonly message?: RegExp;
}

interface Scenario {
  readonly name: string;
  readonly harness?: HarnessOptions;
  readonly flow?: RunFlow;
  /** Publish calls SNS refuses (throttled) before it accepts one; Infinity = never accepts. */
  readonly snsRefusals?: number;
  readonly prepare?: (h: Harness) => void;
  /** Starts the run(s) and returns the one the expectations are about; default one manual run. */
  readonly act?: (h: Harness) => Promise<LocalRun>;
  readonly expected: Expected;
  readonly assess?: (h: Harness, record: LocalRun) => void;
}

const statusAnswers = (h: Harness) => h.emulator.calls.filter((call) => call.kind === 'status').map((call) => call.status);

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'ends SUBMIT_FAILED with DataWORQ\'s text when execute answers 400',
    prepare: (h) => h.emulator.inject({ type: 'reject', status: 400, on: 'execute', body: 'Run profile default is disabled' }),
    expected: { state: 'SUCCEEDED', outcome: 'SUBMIT_FAILED', executes: 1, jobs: 0, message: /refused.*Run profile default is disabled/ },
  },
  {
    name: 'retries once after an empty adoption check when execute answers 503 before starting the job',
    prepare: (h) => h.emulator.inject({ type: 'http-status', status: 503, on: 'execute' }),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 2, jobs: 1 },
    assess: (h, record) => {
      expect(h.emulator.count('list')).toBeGreaterThanOrEqual(1);
      expect(record.output?.run.adopted).toBeUndefined();
    },
  },
  {
    name: 'retries once after an empty adoption check when execute times out before starting the job',
    prepare: (h) => h.emulator.inject({ type: 'delay', ms: BEYOND_CLIENT_TIMEOUT_MS, on: 'execute' }),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 2, jobs: 1 },
    assess: (h) => expect(h.emulator.count('list')).toBeGreaterThanOrEqual(1),
  },
  {
    name: 'adopts the job instead of starting another when execute answers 502 after starting it',
    prepare: (h) => h.emulator.inject({ type: 'execute-then-502' }),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (h, record) => {
      expect(record.output?.run.adopted).toBe(true);
      expect(record.output?.run.jobId).toBe(h.emulator.jobs()[0]!.id);
    },
  },
  {
    name: 'ends SUBMIT_FAILED without a second execute when execute fails and the adoption check cannot list jobs',
    prepare: (h) => {
      h.emulator.inject({ type: 'http-status', status: 502, on: 'execute' });
      h.emulator.inject({ type: 'http-status', status: 503, on: 'list', times: 50 });
    },
    expected: { state: 'SUCCEEDED', outcome: 'SUBMIT_FAILED', executes: 1, jobs: 0, message: /did not confirm the start.*the job may have started: check DataWORQ before running the flow again/ },
  },
  {
    // Issue #12, point 1: the read that settles an ambiguous start is retried like a status check.
    name: 'adopts the job when execute answers 502 after starting it and the job list answers 502 twice (double fault)',
    prepare: (h) => {
      h.emulator.inject({ type: 'execute-then-502' });
      h.emulator.inject({ type: 'http-status', status: 502, on: 'list', times: 2 });
    },
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (_h, record) => expect(record.output?.run.adopted).toBe(true),
  },
  {
    // Issue #12, point 3: DataWORQ's log echoes every parameter; masked ones leave Check as ***.
    name: 'masks a sensitive-named parameter in the log tail that state, alerts and GET /runs carry',
    flow: catalogueFlow('sleep-split', { parameters: [{ name: 'DB_PASSWORD', type: 'string', value: 'hunter2-fault-matrix' }] }),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (h, record) => {
      expect(record.output?.run.job?.logTail).toMatch(/DB_PASSWORD\s+\|\s+STRING\s+\|\s+\*\*\*/);
      expect(JSON.stringify(record.output?.run)).not.toContain('hunter2-fault-matrix');
      expect(JSON.stringify(h.publishes())).not.toContain('hunter2-fault-matrix');
    },
  },
  {
    name: 'rides out 5xx answers on status and ends COMPLETED',
    prepare: (h) => {
      h.emulator.inject({ type: 'http-status', status: 500, on: 'status', times: 2 });
      h.emulator.inject({ type: 'http-status', status: 504, on: 'status', times: 2 });
    },
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (h, record) => {
      expect(statusAnswers(h).filter((status) => status !== undefined && status >= 500)).toHaveLength(4);
      expect(record.output?.run.poll.consecutiveFailures).toBe(0);
    },
  },
  {
    name: 'rides out status calls that time out and ends COMPLETED',
    prepare: (h) => h.emulator.inject({ type: 'delay', ms: BEYOND_CLIENT_TIMEOUT_MS, on: 'status', times: 2 }),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (_h, record) => expect(record.output?.run.poll.unreachableSince).toBeUndefined(),
  },
  {
    name: 'ends LOST when status stays unreachable for good',
    harness: { speed: 200 },
    flow: catalogueFlow('sleep-split', { lostAfterSeconds: 300 }),
    prepare: (h) => h.emulator.inject({ type: 'http-status', status: 503, on: 'status', times: 100_000 }),
    expected: { state: 'SUCCEEDED', outcome: 'LOST', executes: 1, jobs: 1, message: /unreachable for/ },
  },
  {
    name: 'rides out malformed JSON on status and ends COMPLETED',
    prepare: (h) => h.emulator.inject({ type: 'malformed-json', on: 'status', times: 2 }),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
  },
  {
    name: 'treats an unknown status value as not finished, then ends COMPLETED',
    prepare: (h) => h.emulator.inject({ type: 'unknown-status', value: 'PAUSED', on: 'status', times: 3 }),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (h) => expect(statusAnswers(h).length).toBeGreaterThan(3),
  },
  {
    name: 'ends LOST when the job vanishes (400 on status)',
    prepare: (h) => h.emulator.inject({ type: 'vanish', on: 'status' }),
    expected: { state: 'SUCCEEDED', outcome: 'LOST', executes: 1, jobs: 0 },
    assess: (_h, record) => expect(record.output?.run.poll.consecutiveRejections).toBe(POLLING.maxConsecutiveRejections),
  },
  {
    name: 'waits out a job QUEUED for half an hour and ends COMPLETED',
    harness: { speed: 2_000, flows: [longQueue] },
    flow: flowFor(longQueue),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (h, record) => {
      expect(statusAnswers(h).length).toBeGreaterThan(3);
      expect(record.output?.run.job?.executionStatus).toBe('COMPLETED');
    },
  },
  {
    name: 'keeps every state output small when DataWORQ returns a 3 MB log',
    harness: { flows: [hugeLog] },
    flow: flowFor(hugeLog),
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (_h, record) => {
      expect(Math.max(...record.stateOutputBytes)).toBeLessThan(16 * 1024);
      expect(record.output?.run.job?.logTruncatedBytes).toBeGreaterThan(3_000_000);
    },
  },
  {
    name: 'ends TIMED_OUT when the job outlives the flow max duration',
    harness: { speed: 200, flows: [neverEnds] },
    flow: flowFor(neverEnds, { maxDurationSeconds: 120 }),
    expected: { state: 'SUCCEEDED', outcome: 'TIMED_OUT', executes: 1, jobs: 1, message: /max duration of 2m/ },
  },
  {
    name: 'publishes one alert and succeeds when SNS throttles twice, then recovers',
    snsRefusals: 2,
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
  },
  {
    name: 'fails the execution, for the alarm to report, when SNS refuses every publish',
    snsRefusals: Number.POSITIVE_INFINITY,
    expected: { state: 'FAILED', executes: 1, jobs: 1, message: /could not publish the alert.*ThrottledException/ },
  },
  {
    name: 'ends SUBMIT_FAILED naming the secret when the connector secret has no value',
    harness: { secretString: undefined },
    expected: { state: 'SUCCEEDED', outcome: 'SUBMIT_FAILED', executes: 0, jobs: 0, message: new RegExp(`${SECRET_ID} has no value`) },
  },
  {
    name: 'ends SUBMIT_FAILED naming the secret when the connector secret is not JSON',
    harness: { secretString: `apiKey=${TEST_KEYS.apiKey}` },
    expected: { state: 'SUCCEEDED', outcome: 'SUBMIT_FAILED', executes: 0, jobs: 0, message: new RegExp(`${SECRET_ID} is not JSON`) },
  },
  {
    name: 'ends SUBMIT_FAILED naming secret and field when the connector secret lacks apiKey',
    harness: { secretString: JSON.stringify({ userApiKey: TEST_KEYS.userApiKey }) },
    expected: { state: 'SUCCEEDED', outcome: 'SUBMIT_FAILED', executes: 0, jobs: 0, message: new RegExp(`${SECRET_ID} is missing field apiKey`) },
  },
  {
    name: 'runs the job once when Scheduler delivers the same scheduled time twice',
    harness: { stateTable: true },
    act: async (h) => {
      const input = { flow: catalogueFlow('sleep-split'), trigger: { kind: 'schedule', id: 'sleep-split.nightly', time: '2026-11-28T02:00:00.000Z' } } as const;
      // Scheduler cannot name the execution, so the two deliveries are two executions.
      await h.executor.start('scheduled-delivery-1', input);
      await h.executor.start('scheduled-delivery-2', input);
      await h.executor.idle();
      return h.executor.get('scheduled-delivery-1')!;
    },
    expected: { state: 'SUCCEEDED', outcome: 'COMPLETED', executes: 1, jobs: 1 },
    assess: (h) => {
      const duplicate = h.executor.get('scheduled-delivery-2')!;
      expect(duplicate.output?.run.outcome).toBe('SKIPPED');
      expect(duplicate.output?.run.message).toMatch(/duplicate delivery of schedule sleep-split.nightly at 2026-11-28T02:00:00.000Z/);
      expect(duplicate.output?.run.jobId).toBeUndefined();
      expect(duplicate.output?.run.duplicate).toBe(true);
      expect(duplicate.output?.notification).toMatchObject({ alerted: false });
    },
  },
];

const startHarness = harnessForEachTest();

/** Replaces the harness's SNS stub with one that refuses the first `refusals` publishes. */
function flakySns(h: Harness, refusals: number): PublishCommandInput[] {
  const delivered: PublishCommandInput[] = [];
  let calls = 0;
  h.sns.reset();
  h.sns.on(PublishCommand).callsFake((input: PublishCommandInput) => {
    calls += 1;
    if (calls <= refusals) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
    delivered.push(input);
    return { MessageId: crypto.randomUUID() };
  });
  return delivered;
}

function expectInvariants(h: Harness, record: LocalRun, published: readonly PublishCommandInput[], expected: Expected): void {
  const run = record.output?.run ?? record.latest;
  const delivered = published;
  expect(record.state).toBe(expected.state);
  if (expected.state === 'SUCCEEDED') {
    expect(run?.outcome).toBe(expected.outcome);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.MessageAttributes?.outcome?.StringValue).toBe(expected.outcome);
    expect(delivered[0]?.MessageAttributes?.flow?.StringValue).toBe(record.input.flow.name);
  } else {
    expect(delivered).toHaveLength(0);
  }
  if (expected.message) expect(expected.state === 'FAILED' ? record.error : run?.message).toMatch(expected.message);
  expect(h.emulator.count('execute')).toBe(expected.executes);
  expect(h.emulator.jobs().length).toBeLessThanOrEqual(expected.jobs);
  if (expected.jobs === 1) expect(h.emulator.jobs()).toHaveLength(1);
  expect(Math.max(...record.stateOutputBytes)).toBeLessThan(STATE_PAYLOAD_LIMIT);
  expect(run?.poll.iteration ?? 0).toBeLessThanOrEqual(POLLING.maxIterations);
}

describe('RunFlow state machine under faults', () => {
  it('has at least 15 scenarios', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(15);
  });

  it.each(SCENARIOS)('$name', async (scenario) => {
    // Prepare
    const harness = await startHarness(scenario.harness);
    const delivered = flakySns(harness, scenario.snsRefusals ?? 0);
    scenario.prepare?.(harness);

    // Act
    const record = scenario.act ? await scenario.act(harness) : await harness.run(scenario.flow ?? catalogueFlow('sleep-split'));

    // Assess
    expectInvariants(harness, record, delivered, scenario.expected);
    scenario.assess?.(harness, record);
  });
});
