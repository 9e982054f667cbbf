import { describe, expect, it } from 'vitest';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import type { JobStatus } from '../../../shared/dataworq/types.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { TEST_KEYS } from '../../shared/dataworq/support/test-keys.ts';
import { connectorCall, nativeCall, submitJob } from './support/raw-calls.ts';
import { useEmulator } from './support/emulator-kit.ts';

const SLEEP = EMULATOR_CATALOGUE['sleep-split'].flowId;
const DEMO = EMULATOR_CATALOGUE['demo-load'].flowId;

describe('Function: startEmulator (fault injection)', () => {
  const fixture = useEmulator();

  const list = () => connectorCall(fixture.emulator.url, TEST_KEYS, '/api/v1/jobs');

  it('answers an injected HTTP status, with its body, then recovers', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'http-status', status: 503, body: 'maintenance window' });

    // Act
    const faulty = await list();
    const next = await list();

    // Assess
    expect(faulty).toMatchObject({ status: 503, text: 'maintenance window' });
    expect(next.status).toBe(200);
  });

  it('answers a gateway HTML page with 502', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'gateway-html' });

    // Act
    const answer = await list();

    // Assess
    expect(answer.status).toBe(502);
    expect(answer.contentType).toMatch(/^text\/html/);
    expect(answer.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('delays an answer past a client timeout', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'delay', ms: 2_000 });
    const client = createDataworqClient({ transport: 'native', baseUrl: fixture.emulator.url, keys: TEST_KEYS, timeoutMs: 100 });

    // Act
    const slow = client.listJobs();

    // Assess
    await expect(slow).rejects.toMatchObject({ name: 'DataworqUnavailableError' });
    await expect(client.listJobs()).resolves.toEqual([]);
  });

  it('answers cut-off JSON', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'malformed-json' });

    // Act
    const answer = await list();

    // Assess
    expect(answer.status).toBe(200);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it('reports a status DataWORQ never documented', async () => {
    // Prepare
    const jobId = await submitJob(fixture.emulator.url, TEST_KEYS, SLEEP);
    fixture.emulator.inject({ type: 'unknown-status', value: 'PAUSED' });

    // Act
    const answer = await connectorCall(fixture.emulator.url, TEST_KEYS, `/api/v1/jobs/${jobId}?filter=executionStatus`);

    // Assess
    expect(JSON.parse(answer.text)).toEqual({ executionStatus: 'PAUSED' });
  });

  it('forgets a vanished job: 400 from then on, gone from lists', async () => {
    // Prepare
    const jobId = await submitJob(fixture.emulator.url, TEST_KEYS, SLEEP);
    fixture.emulator.inject({ type: 'vanish' });

    // Act
    const first = await connectorCall(fixture.emulator.url, TEST_KEYS, `/api/v1/jobs/${jobId}`);
    const later = await nativeCall(fixture.emulator.url, TEST_KEYS.userApiKey, `/api/v1/jobs/${jobId}`);

    // Assess
    expect([first.status, later.status]).toEqual([400, 400]);
    expect(JSON.parse((await list()).text)).toEqual([]);
  });

  it('starts the job but answers 502 for execute-then-502', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'execute-then-502' });

    // Act
    const answer = await connectorCall(fixture.emulator.url, TEST_KEYS, '/api/v1/jobs', { body: { flowId: SLEEP } });

    // Assess
    expect(answer.status).toBe(502);
    expect(fixture.emulator.jobs().map((job) => job.flowName)).toEqual(['Sleep6Split']);
  });

  it('answers an injected 400 with the given body', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'reject', status: 400, body: 'Server error: license expired' });

    // Act
    const answer = await list();

    // Assess
    expect(answer).toMatchObject({ status: 400, text: 'Server error: license expired' });
  });

  it('plays a fault for exactly `times` matching calls', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'http-status', status: 500, times: 2 });

    // Act
    const statuses = [(await list()).status, (await list()).status, (await list()).status];

    // Assess
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('plays a fault only on its kind of call and its flow', async () => {
    // Prepare
    const demoJob = await submitJob(fixture.emulator.url, TEST_KEYS, DEMO);
    const sleepJob = await submitJob(fixture.emulator.url, TEST_KEYS, SLEEP);
    fixture.emulator.inject({ type: 'http-status', status: 504, on: 'status', flowId: SLEEP });

    // Act
    const listed = await list();
    const demo = await connectorCall(fixture.emulator.url, TEST_KEYS, `/api/v1/jobs/${demoJob}`);
    const sleep = await connectorCall(fixture.emulator.url, TEST_KEYS, `/api/v1/jobs/${sleepJob}`);

    // Assess
    expect([listed.status, demo.status, sleep.status]).toEqual([200, 200, 504]);
  });

  it('plays nothing after clearFaults', async () => {
    // Prepare
    fixture.emulator.inject({ type: 'http-status', status: 500, times: 5 });

    // Act
    fixture.emulator.clearFaults();
    const answer = await list();

    // Assess
    expect(answer.status).toBe(200);
  });

  it('refuses a fault that cannot apply to the calls it names', () => {
    // Act
    const act = () => fixture.emulator.inject({ type: 'execute-then-502', on: 'status' });

    // Assess
    expect(act).toThrow(ValidationError);
  });

  it('keeps serving job statuses of other jobs after one vanished', async () => {
    // Prepare
    const kept = await submitJob(fixture.emulator.url, TEST_KEYS, SLEEP);
    const gone = await submitJob(fixture.emulator.url, TEST_KEYS, SLEEP);
    fixture.emulator.inject({ type: 'vanish' });
    await connectorCall(fixture.emulator.url, TEST_KEYS, `/api/v1/jobs/${gone}`);

    // Act
    const answer = await connectorCall(fixture.emulator.url, TEST_KEYS, `/api/v1/jobs/${kept}`);

    // Assess
    expect((JSON.parse(answer.text) as JobStatus).id).toBe(kept);
  });
});
