/**
 * The engine's ledger writes at the edges the state machine run does not reach: Notify creates
 * the record when Submit crashed, records the outcome when the alert did not go out, names the
 * subscribers whose filters matched; a failing ledger never stops a run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useStateTable } from '../../helpers/state-table-kit.ts';
import type { AlertPublisher } from '../../../shared/alerts/publisher.ts';
import { createDynamoRunLedger } from '../../../shared/aws/dynamodb/run-ledger.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { DataworqClient } from '../../../shared/dataworq/types.ts';
import { AlertPublishError } from '../../../shared/errors.ts';
import type { RunLedger } from '../../../shared/ledger/run-ledger.ts';
import type { NewRunRecord } from '../../../shared/ledger/run-record.ts';
import { subscriberFilters } from '../../../shared/ledger/subscriber-filters.ts';
import type { NotifyInput, RunFlow } from '../../../shared/model.ts';
import { checkRun } from '../../../shared/run/check.ts';
import { notifyRun } from '../../../shared/run/notify.ts';
import { submitRun } from '../../../shared/run/submit.ts';
import { nightlyFlow } from '../../helpers/run-flows.ts';

const NOW = new Date('2026-03-01T02:00:00.000Z');
const clock: Clock = { now: () => NOW };
const state = useStateTable('engine-writes-test');
let ledger: RunLedger;
let counter = 0;

beforeAll(() => {
  ledger = createDynamoRunLedger(state.table);
});

const flow: RunFlow = nightlyFlow({
  dataworqFlowName: 'Demo',
  parameters: [{ name: 'apiKey', type: 'string', value: 'k-123' }],
  maxDurationSeconds: 3600,
  lostAfterSeconds: 600,
  overlap: 'allow',
});

/** What the SubmitCrashed state hands to Notify: no job, SUBMIT_FAILED, the execution's start time. */
function crashedRun(): NotifyInput {
  return {
    flow,
    trigger: { kind: 'webhook', id: `msg_${++counter}`, time: NOW.toISOString() },
    run: {
      runId: `nightly-load--wh-${String(counter).padStart(24, '0')}`,
      submittedAt: NOW.toISOString(),
      deadline: NOW.toISOString(),
      poll: { iteration: 0, waitSeconds: 0, consecutiveFailures: 0, consecutiveRejections: 0 },
      outcome: 'SUBMIT_FAILED',
      message: 'the Submit step failed (Sandbox.Timedout)',
    },
  };
}

const publisher: AlertPublisher = { publish: async () => ({ messageId: 'msg-1' }) };
const failingPublisher: AlertPublisher = {
  publish: async () => {
    throw new AlertPublishError('SNS throttled');
  },
};
const brokenLedger = new Proxy({} as RunLedger, {
  get: () => async () => {
    throw new Error('DynamoDB unavailable');
  },
});

describe('Engine writes to the run ledger', () => {
  it('creates the record from Notify when Submit crashed, with the alert and whose filters it matched', async () => {
    const input = crashedRun();
    const subscribers = subscriberFilters([
      { name: 'ops-email', protocol: 'email', endpoint: 'ops@example.com', outcomes: ['SUBMIT_FAILED'], flows: ['nightly-load'], allFlows: false, failures: 'every', alarms: true },
      { name: 'info-only', protocol: 'email', endpoint: 'info@example.com', outcomes: ['COMPLETED'], flows: [], allFlows: true, failures: 'every', alarms: false },
    ]);

    await notifyRun(input, { publisher, clock, ledger, subscribers });
    const record = await ledger.get(input.run.runId);

    expect(record).toMatchObject({ state: 'ENDED', outcome: 'SUBMIT_FAILED', flow: 'nightly-load', trigger: { kind: 'webhook', deliveryId: input.trigger.id } });
    expect(record?.alert).toMatchObject({ outcome: 'SUBMIT_FAILED', messageId: 'msg-1', matchedSubscribers: ['ops-email'] });
    expect(record?.parameters).toEqual([{ name: 'apiKey', type: 'string', value: '***', masked: true }]);
  });

  it('records the outcome without an alert when the alert did not go out, and still rejects for the retry', async () => {
    const input = crashedRun();

    await expect(notifyRun(input, { publisher: failingPublisher, clock, ledger })).rejects.toThrow(AlertPublishError);
    const record = await ledger.get(input.run.runId);

    expect(record).toMatchObject({ state: 'ENDED', outcome: 'SUBMIT_FAILED' });
    expect(record?.alert).toBeUndefined();
  });

  it('writes nothing for a duplicate delivery', async () => {
    const input = crashedRun();
    await notifyRun({ ...input, run: { ...input.run, outcome: 'SKIPPED', duplicate: true } }, { publisher, clock, ledger });
    expect(await ledger.get(input.run.runId)).toBeUndefined();
  });

  it("writes the record once per Submit, and a retry's Submit keeps the first attempt's submit time and list position", async () => {
    const retried: RunFlow = { ...flow, name: 'retried-load' };
    const writes: NewRunRecord[] = [];
    const counting: RunLedger = {
      ...ledger,
      submitted: async (record) => {
        writes.push(record);
        await ledger.submitted(record);
      },
    };
    let jobs = 0;
    const dataworq: DataworqClient = {
      startFlow: async () => `job-${++jobs}`,
      getExecutionStatus: async () => 'RUNNING',
      getJob: async () => {
        throw new Error('not needed');
      },
      listJobs: async () => [],
    };
    const at = (iso: string): Clock => ({ now: () => new Date(iso) });
    const trigger = (time: string) => ({ kind: 'manual' as const, id: 'cli:alice', time });
    const runId = 'retried-load--mn-000000000000000000000001';
    const laterRunId = 'retried-load--mn-000000000000000000000002';

    await submitRun({ flow: retried, trigger: trigger('2026-03-01T02:00:00.000Z'), runId }, { dataworq, clock: at('2026-03-01T02:00:00.000Z'), ledger: counting });
    await submitRun({ flow: retried, trigger: trigger('2026-03-01T02:05:00.000Z'), runId: laterRunId }, { dataworq, clock: at('2026-03-01T02:05:00.000Z'), ledger: counting });
    const second = await submitRun(
      { flow: retried, trigger: { ...trigger('2026-03-01T02:00:00.000Z'), attempt: 2 }, runId },
      { dataworq, clock: at('2026-03-01T02:10:00.000Z'), ledger: counting },
    );

    expect(second).toMatchObject({ attempt: 2, jobId: 'job-3', submittedAt: '2026-03-01T02:10:00.000Z' });
    expect(writes.map((record) => [record.runId, record.attempt])).toEqual([
      [runId, undefined],
      [laterRunId, undefined],
      [runId, 2],
    ]);
    expect(await ledger.get(runId)).toMatchObject({ submittedAt: '2026-03-01T02:00:00.000Z', jobId: 'job-3' });
    const page = await ledger.list({ flows: [retried.name], limit: 10 });
    expect(page.runs.map((run) => [run.runId, run.submittedAt])).toEqual([
      [laterRunId, '2026-03-01T02:05:00.000Z'],
      [runId, '2026-03-01T02:00:00.000Z'],
    ]);
  });

  it('submits, checks and alerts as usual when the ledger cannot be written', async () => {
    const dataworq: DataworqClient = {
      startFlow: async () => 'job-77',
      getExecutionStatus: async () => 'RUNNING',
      getJob: async () => {
        throw new Error('not needed');
      },
      listJobs: async () => [],
    };
    const trigger = { kind: 'manual' as const, id: 'cli:alice', time: NOW.toISOString() };

    const submitted = await submitRun({ flow, trigger, runId: 'nightly-load--mn-000000000000000000000001' }, { dataworq, clock, ledger: brokenLedger, sleep: async () => undefined });
    const checked = await checkRun({ flow, trigger, run: submitted }, { dataworq, clock, ledger: brokenLedger, sleep: async () => undefined });
    const notified = await notifyRun({ flow, trigger, run: { ...checked, outcome: 'COMPLETED', endedAt: NOW.toISOString() } }, { publisher, clock, ledger: brokenLedger });

    expect(submitted.jobId).toBe('job-77');
    expect(submitted.outcome).toBeUndefined();
    expect(checked.poll.lastStatus).toBe('RUNNING');
    // On a clock that stands still the in-process loop still ends within its budget, the run still going.
    expect(checked.outcome).toBeUndefined();
    expect(notified.messageId).toBe('msg-1');
  });
});
