/**
 * The synthesized RunFlow definition, executed: every Task state is the real Lambda handler
 * talking HTTP to the emulator; only SNS and Secrets Manager are stubbed (SDK boundary).
 */
import { describe, expect, it, vi } from 'vitest';
import type { EmulatorFlow } from '../../local/emulator/types.ts';
import type { LocalRun } from '../../local/runtime/local-executor.ts';
import { POLLING } from '../../shared/run/polling.ts';
import { catalogueFlow, type Harness, SECRET_ID, TEST_KEYS, TOPIC_ARN, harnessForEachTest } from '../helpers/run-harness.ts';

const STATE_PAYLOAD_LIMIT = 256 * 1024;
const startHarness = harnessForEachTest();

function onlyAlert(h: Harness) {
  const publishes = h.publishes();
  expect(publishes).toHaveLength(1);
  const publish = publishes[0]!;
  expect(publish.TopicArn).toBe(TOPIC_ARN);
  expect(publish.MessageStructure).toBe('json');
  const bodies = JSON.parse(publish.Message!) as { default: string; email: string; sms: string };
  return { publish, bodies, attributes: publish.MessageAttributes! };
}

function expectInvariants(h: Harness, record: LocalRun, outcome: string) {
  expect(record.state).toBe('SUCCEEDED');
  expect(record.output?.run.outcome).toBe(outcome);
  expect(h.emulator.count('execute')).toBeLessThanOrEqual(1);
  expect(Math.max(...record.stateOutputBytes)).toBeLessThan(STATE_PAYLOAD_LIMIT);
  expect(record.output?.run.poll.iteration ?? 0).toBeLessThanOrEqual(POLLING.maxIterations);
  const alert = onlyAlert(h);
  expect(alert.attributes.outcome?.StringValue).toBe(outcome);
  expect(alert.attributes.flow?.StringValue).toBe(record.input.flow.name);
  expect(alert.bodies.sms.length).toBeLessThanOrEqual(160);
  return alert;
}

const slowFlow: EmulatorFlow = {
  flowId: '11111111-2222-4333-8444-555555555555',
  name: 'NeverEnds',
  steps: [{ name: 'Step 1', seconds: 86_400 }],
  outcome: 'COMPLETED',
};

describe('RunFlow state machine', () => {
  it('ends COMPLETED with one info alert and the job summary when the flow succeeds', async () => {
    // Prepare
    const harness = await startHarness();
    // Act
    const record = await harness.run(catalogueFlow('sleep-split'));
    // Assess
    const alert = expectInvariants(harness, record, 'COMPLETED');
    expect(harness.emulator.count('execute')).toBe(1);
    expect(alert.attributes.severity?.StringValue).toBe('info');
    expect(record.output?.run.job?.runtime).toMatch(/seconds/);
    expect(alert.bodies.email).toContain(record.output!.run.jobId!);
    expect(harness.emulator.count('status')).toBeGreaterThan(1);
  });

  it('ends ERROR with the DataWORQ error text in the alert when the flow fails', async () => {
    const harness = await startHarness();
    const record = await harness.run(catalogueFlow('broken-export'));
    const alert = expectInvariants(harness, record, 'ERROR');
    expect(alert.attributes.severity?.StringValue).toBe('critical');
    expect(alert.bodies.email).toContain('ORA-12541');
    expect(alert.bodies.sms).toContain('ORA-12541');
    expect(record.output?.run.job?.logTail).toBeTruthy();
  });

  it('ends CANCELLED when DataWORQ cancels the job', async () => {
    const harness = await startHarness();
    const record = await harness.run(catalogueFlow('cancelled-flow'));
    const alert = expectInvariants(harness, record, 'CANCELLED');
    expect(alert.attributes.severity?.StringValue).toBe('warning');
  });

  it('follows a job through QUEUED and RUNNING to COMPLETED', async () => {
    const harness = await startHarness();
    const record = await harness.run(catalogueFlow('slow-queue'));
    expectInvariants(harness, record, 'COMPLETED');
    const statuses = harness.emulator.calls.filter((call) => call.kind === 'status');
    expect(statuses.length).toBeGreaterThan(2);
    expect(record.output?.run.poll.lastStatus).toBe('COMPLETED');
  });

  it('ends TIMED_OUT when the job outlives the flow max duration', async () => {
    const harness = await startHarness({ speed: 200, flows: [slowFlow] });
    const record = await harness.run({ ...catalogueFlow('sleep-split'), name: 'never-ends', flowId: slowFlow.flowId, dataworqFlowName: slowFlow.name, maxDurationSeconds: 120 });
    const alert = expectInvariants(harness, record, 'TIMED_OUT');
    expect(record.output?.run.message).toMatch(/max duration of 2m/);
    expect(alert.bodies.email).toMatch(/RUNNING/);
  });

  it('ends SUBMIT_FAILED with DataWORQ\'s refusal when the flow id is unknown', async () => {
    const harness = await startHarness();
    const record = await harness.run(catalogueFlow('sleep-split', { name: 'ghost', flowId: '99999999-9999-4999-8999-999999999999' }));
    const alert = expectInvariants(harness, record, 'SUBMIT_FAILED');
    expect(record.output?.run.jobId).toBeUndefined();
    expect(record.output?.run.message).toContain('99999999-9999-4999-8999-999999999999');
    expect(alert.bodies.email).toContain('99999999-9999-4999-8999-999999999999');
    expect(harness.emulator.count('status')).toBe(0);
  });

  it('rides out three gateway errors on status and still ends COMPLETED', async () => {
    const harness = await startHarness();
    harness.emulator.inject({ type: 'gateway-html', on: 'status', times: 3 });
    const record = await harness.run(catalogueFlow('sleep-split'));
    expectInvariants(harness, record, 'COMPLETED');
    const answers = harness.emulator.calls.filter((call) => call.kind === 'status').map((call) => call.status);
    expect(answers.filter((status) => status === 502)).toHaveLength(3);
    expect(record.output?.run.poll.consecutiveFailures).toBe(0);
  });

  it('checks in-process while the interval is short: more status calls than Check invocations', async () => {
    const harness = await startHarness();
    const record = await harness.run(catalogueFlow('sleep-split'));
    expectInvariants(harness, record, 'COMPLETED');
    const checkInvocations = record.stateOutputBytes.length - 2;
    expect(harness.emulator.count('status')).toBeGreaterThan(checkInvocations);
  });

  it('leaves the in-process phase on a status outage, backs off through the Wait state, and still ends COMPLETED', async () => {
    const harness = await startHarness();
    harness.emulator.inject({ type: 'http-status', status: 503, on: 'status', times: 2 });
    const record = await harness.run(catalogueFlow('sleep-split'));
    expectInvariants(harness, record, 'COMPLETED');
    const answers = harness.emulator.calls.filter((call) => call.kind === 'status').map((call) => call.status);
    expect(answers.slice(0, 2)).toEqual([503, 503]);
    // Each failed check ends its invocation: at least one Check per failure, then the healthy ones.
    expect(record.stateOutputBytes.length - 2).toBeGreaterThanOrEqual(3);
    expect(record.output?.run.poll.consecutiveFailures).toBe(0);
  });

  it('ends LOST when job status stays unreachable past the lost window', async () => {
    const harness = await startHarness({ speed: 200 });
    harness.emulator.inject({ type: 'http-status', status: 503, on: 'status', times: 100_000 });
    const record = await harness.run(catalogueFlow('sleep-split', { lostAfterSeconds: 300 }));
    const alert = expectInvariants(harness, record, 'LOST');
    expect(record.output?.run.message).toMatch(/unreachable for/);
    expect(alert.attributes.severity?.StringValue).toBe('critical');
  });

  it('ends LOST after a few 400s when the job vanishes from DataWORQ', async () => {
    const harness = await startHarness();
    harness.emulator.inject({ type: 'vanish', on: 'status' });
    const record = await harness.run(catalogueFlow('sleep-split'));
    expectInvariants(harness, record, 'LOST');
    expect(record.output?.run.poll.consecutiveRejections).toBe(POLLING.maxConsecutiveRejections);
  });

  it('keeps every state output far below 256 KB when DataWORQ returns a 3 MB log', async () => {
    const harness = await startHarness();
    harness.emulator.addFlow({ ...slowFlow, name: 'HugeLog', steps: [{ name: 'Step 1', seconds: 5 }], logBytes: 3 * 1024 * 1024 });
    const record = await harness.run(catalogueFlow('sleep-split', { name: 'huge-log', flowId: slowFlow.flowId, dataworqFlowName: 'HugeLog' }));
    expectInvariants(harness, record, 'COMPLETED');
    expect(Math.max(...record.stateOutputBytes)).toBeLessThan(16 * 1024);
    expect(record.output?.run.job?.logTruncatedBytes).toBeGreaterThan(3_000_000);
  });

  it('adopts the job instead of starting a second one when execute answers 502 after starting it', async () => {
    const harness = await startHarness();
    harness.emulator.inject({ type: 'execute-then-502' });
    const record = await harness.run(catalogueFlow('sleep-split'));
    expectInvariants(harness, record, 'COMPLETED');
    expect(harness.emulator.count('execute')).toBe(1);
    expect(harness.emulator.jobs()).toHaveLength(1);
    expect(record.output?.run.adopted).toBe(true);
    expect(record.output?.run.jobId).toBe(harness.emulator.jobs()[0]!.id);
  });

  it('skips the run with a SKIPPED alert when the flow is already active and overlap is skip', async () => {
    const harness = await startHarness({ speed: 5 });
    const flow = catalogueFlow('sleep-split', { overlap: 'skip' });
    await harness.executor.start('first', { flow, trigger: { kind: 'manual', id: 'a', time: harness.clock.now().toISOString() } });
    await vi.waitUntil(() => harness!.emulator.count('execute') === 1, { timeout: 10_000, interval: 10 });
    const second = await harness.run(flow, 'second');
    await harness.executor.idle();
    expect(second.output?.run.outcome).toBe('SKIPPED');
    expect(second.output?.run.message).toMatch(/already running/);
    expect(harness.emulator.count('execute')).toBe(1);
    expect(harness.publishes().map((p) => p.MessageAttributes?.outcome?.StringValue).sort()).toEqual(['COMPLETED', 'SKIPPED']);
  });

  it('ends SUBMIT_FAILED naming the secret and field when the connector secret lacks userApiKey', async () => {
    const harness = await startHarness({ secretString: JSON.stringify({ apiKey: TEST_KEYS.apiKey }) });
    const record = await harness.run(catalogueFlow('sleep-split'));
    const alert = expectInvariants(harness, record, 'SUBMIT_FAILED');
    expect(record.output?.run.message).toContain(SECRET_ID);
    expect(record.output?.run.message).toContain('userApiKey');
    expect(JSON.stringify(alert)).not.toContain(TEST_KEYS.apiKey);
    expect(harness.emulator.count('execute')).toBe(0);
  });

  it('fails the execution, so the alarm can report it, when the alert cannot be published', async () => {
    const harness = await startHarness();
    harness.sns.reset();
    harness.sns.rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
    const record = await harness.run(catalogueFlow('sleep-split'));
    expect(record.state).toBe('FAILED');
    expect(record.error).toMatch(/could not publish the alert to arn:aws:sns:us-east-1:123456789012:DataworqAlerts: ThrottledException/);
    expect(harness.publishes().length).toBe(7);
  });
});
