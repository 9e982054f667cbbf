/**
 * Retries by outcome, executed: the synthesized definition's Retry? path with the real handlers,
 * the emulator and the run state table (dynalite).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoRunLedger } from '../../shared/aws/dynamodb/run-ledger.ts';
import { catalogueFlow, type Harness, startHarness } from '../helpers/run-harness.ts';
import { SUBMIT } from '../../shared/run/submit.ts';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const attributesOf = (h: Harness) => h.publishes().map((publish) => ({ outcome: publish.MessageAttributes?.outcome?.StringValue, alert: publish.MessageAttributes?.alert?.StringValue, subject: publish.Subject }));

describe('RunFlow state machine: retry', () => {
  it('makes exactly attempts + 1 jobs for a flow that keeps failing, and one final alert for subscribers of finals', async () => {
    // Prepare
    harness = await startHarness({ stateTable: true });
    const flow = catalogueFlow('broken-export', { retry: { on: ['ERROR'], attempts: 2, delaySeconds: 1 } });
    // Act
    const record = await harness.run(flow);
    // Assess
    expect(record.state).toBe('SUCCEEDED');
    expect(record.output?.run.outcome).toBe('ERROR');
    expect(harness.emulator.count('execute')).toBe(3);
    const alerts = attributesOf(harness);
    expect(alerts.filter((alert) => alert.alert !== 'retry')).toHaveLength(1);
    expect(alerts.filter((alert) => alert.alert === 'retry')).toHaveLength(2);
    const final = harness.publishes().find((publish) => publish.MessageAttributes?.alert?.StringValue !== 'retry')!;
    expect(JSON.parse(final.Message!).email).toContain('failed after 3 attempts');
    const ledger = createDynamoRunLedger(harness.stateTable!);
    const recorded = await ledger.get(record.output!.run.runId);
    expect(recorded?.attempts?.map((attempt) => attempt.n)).toEqual([1, 2, 3]);
    expect(new Set(recorded?.attempts?.map((attempt) => attempt.jobId)).size).toBe(3);
    expect(recorded?.outcome).toBe('ERROR');
  });

  it('never retries an outcome the flow does not list', async () => {
    harness = await startHarness({ stateTable: true });
    const record = await harness.run(catalogueFlow('cancelled-flow', { retry: { on: ['ERROR', 'LOST', 'SUBMIT_FAILED'], attempts: 2, delaySeconds: 1 } }));
    expect(record.output?.run.outcome).toBe('CANCELLED');
    expect(harness.emulator.count('execute')).toBe(1);
    expect(attributesOf(harness)).toHaveLength(1);
  });

  it('stops at the first success, whose alert says how many attempts it took', async () => {
    harness = await startHarness({ stateTable: true });
    // The first execute fails with a 400 (SUBMIT_FAILED, nothing started); the retry starts the job.
    harness.emulator.inject({ type: 'reject', status: 400, body: 'Bad Request', on: 'execute', times: 1 });
    const record = await harness.run(catalogueFlow('sleep-split', { retry: { on: ['SUBMIT_FAILED'], attempts: 2, delaySeconds: 1 } }));
    expect(record.output?.run.outcome).toBe('COMPLETED');
    expect(harness.emulator.jobs()).toHaveLength(1);
    const finals = harness.publishes().filter((publish) => publish.MessageAttributes?.alert?.StringValue !== 'retry');
    expect(finals).toHaveLength(1);
    expect(JSON.parse(finals[0]!.Message!).email).toContain('after 2 attempts');
  });

  it('adopts the job an ambiguous SUBMIT_FAILED attempt did start, instead of starting a second one', async () => {
    harness = await startHarness({ stateTable: true });
    // execute starts the job but answers 502, and every read of the job list that Submit retries fails: SUBMIT_FAILED, the job may be running.
    harness.emulator.inject({ type: 'execute-then-502' });
    harness.emulator.inject({ type: 'http-status', status: 503, on: 'list', times: SUBMIT.listAttempts });
    const record = await harness.run(catalogueFlow('sleep-split', { retry: { on: ['SUBMIT_FAILED'], attempts: 2, delaySeconds: 5 } }));
    expect(harness.emulator.jobs()).toHaveLength(1);
    expect(harness.emulator.count('execute')).toBe(1);
    expect(record.output?.run.outcome).toBe('COMPLETED');
    expect(record.output?.run.adopted).toBe(true);
    expect(record.output?.run.attempt).toBe(2);
  });

  it('never starts a second job while no attempt can tell whether the first one started', async () => {
    harness = await startHarness({ stateTable: true });
    harness.emulator.inject({ type: 'execute-then-502' });
    harness.emulator.inject({ type: 'http-status', status: 503, on: 'list', times: 1_000 });
    const record = await harness.run(catalogueFlow('sleep-split', { retry: { on: ['SUBMIT_FAILED'], attempts: 3, delaySeconds: 1 } }));
    expect(record.output?.run.outcome).toBe('SUBMIT_FAILED');
    expect(harness.emulator.count('execute')).toBe(1);
    expect(harness.publishes().filter((publish) => publish.MessageAttributes?.alert?.StringValue !== 'retry')).toHaveLength(1);
  });
});
