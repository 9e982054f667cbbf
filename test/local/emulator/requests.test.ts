import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../../local/emulator/types.ts';
import type { JobStatus } from '../../../shared/dataworq/types.ts';
import { TEST_KEYS } from '../../shared/dataworq/support/test-keys.ts';
import { connectorCall, nativeCall, submitJob } from './support/raw-calls.ts';

const SLEEP = EMULATOR_CATALOGUE['sleep-split'].flowId;

describe('Function: startEmulator (requests)', () => {
  let emulator: EmulatorHandle;
  let now = Date.UTC(2024, 0, 1);
  beforeAll(async () => {
    emulator = await startEmulator({ keys: TEST_KEYS, clock: () => now, quiet: true });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  it.each([
    ['apiKey missing', { apiKey: undefined }],
    ['apiKey wrong', { apiKey: 'DATAWORQ-wrong' }],
    ['user-api-key missing', { 'user-api-key': undefined }],
    ['user-api-key wrong', { 'user-api-key': 'wrong' }],
    ['endpoint missing', { endpoint: undefined }],
    ['method missing', { method: undefined }],
    ['method not matching', { method: 'POST' }],
  ])('answers a short 400 when the Cloud Connector %s', async (_case, headers) => {
    // Act
    const answer = await connectorCall(emulator.url, TEST_KEYS, '/api/v1/jobs', { method: 'GET', headers });

    // Assess
    expect(answer).toMatchObject({ status: 400, text: 'Bad Request' });
    expect(emulator.calls.at(-1)).toMatchObject({ path: '/call/status', status: 400 });
  });

  it('answers a native call with a wrong user key 400, and does not need the apiKey', async () => {
    // Act
    const wrong = await nativeCall(emulator.url, 'wrong', '/api/v1/jobs');
    const right = await nativeCall(emulator.url, TEST_KEYS.userApiKey, '/api/v1/jobs');

    // Assess
    expect(wrong).toMatchObject({ status: 400, text: 'Bad Request' });
    expect(right).toMatchObject({ status: 200, text: '[]' });
  });

  it('names the unknown flowId in its 400', async () => {
    // Act
    const answer = await connectorCall(emulator.url, TEST_KEYS, '/api/v1/jobs', { body: { flowId: 'nope' } });

    // Assess
    expect(answer).toMatchObject({ status: 400, text: 'Bad Request: unknown flowId "nope"' });
    expect(emulator.jobs()).toEqual([]);
  });

  it('refuses parameters the flow does not declare, or of another type', async () => {
    // Prepare
    const flowId = EMULATOR_CATALOGUE['demo-load'].flowId;

    // Act
    const unknown = await connectorCall(emulator.url, TEST_KEYS, '/api/v1/jobs', {
      body: { flowId, parameters: [{ name: 'COLOUR', type: 'string', value: 'red' }] },
    });
    const mistyped = await connectorCall(emulator.url, TEST_KEYS, '/api/v1/jobs', {
      body: { flowId, parameters: [{ name: 'ROWS', type: 'float', value: 1.5 }] },
    });

    // Assess
    expect(unknown).toMatchObject({ status: 400, text: 'Bad Request: parameter COLOUR: flow Demo has no such parameter' });
    expect(mistyped).toMatchObject({ status: 400, text: 'Bad Request: parameter ROWS: flow Demo expects integer, got float' });
  });

  it("answers 400 for an unknown job, the seed's documented answer", async () => {
    // Act
    const answer = await connectorCall(emulator.url, TEST_KEYS, '/api/v1/jobs/54d9d784-e574-4160-9f44-6fb95317fecb');

    // Assess
    expect(answer).toMatchObject({ status: 400, text: 'Bad Request' });
  });

  it('answers 404 for a path DataWORQ does not serve', async () => {
    // Act
    const answer = await nativeCall(emulator.url, TEST_KEYS.userApiKey, '/api/v2/things');

    // Assess
    expect(answer.status).toBe(404);
    expect(emulator.calls.at(-1)).toMatchObject({ kind: 'other', status: 404 });
  });

  it('lists at most 100 jobs, newest first', async () => {
    // Prepare
    const ids: string[] = [];
    for (let index = 0; index < 101; index += 1) {
      ids.push(await submitJob(emulator.url, TEST_KEYS, SLEEP));
      now += 1;
    }

    // Act
    const answer = await connectorCall(emulator.url, TEST_KEYS, '/api/v1/jobs');

    // Assess
    const listed = (JSON.parse(answer.text) as JobStatus[]).map((job) => job.id);
    expect(listed).toHaveLength(100);
    expect(listed[0]).toBe(ids.at(-1));
    expect(listed.at(-1)).toBe(ids[1]);
  });

  it('records each call with its kind, endpoint, job and flow', async () => {
    // Prepare
    const jobId = await submitJob(emulator.url, TEST_KEYS, SLEEP);

    // Act
    await connectorCall(emulator.url, TEST_KEYS, `/api/v1/jobs/${jobId}?filter=executionStatus`);
    await nativeCall(emulator.url, TEST_KEYS.userApiKey, '/api/v1/jobs?filter=active');

    // Assess
    const [execute, status, list] = emulator.calls;
    expect(execute).toMatchObject({ kind: 'execute', transport: 'cloud-connector', method: 'POST', path: '/call/execute' });
    expect(execute).toMatchObject({ endpoint: '/api/v1/jobs', flowId: SLEEP, status: 200 });
    expect(status).toMatchObject({ kind: 'status', transport: 'cloud-connector', method: 'GET', path: '/call/status' });
    expect(status).toMatchObject({ endpoint: `/api/v1/jobs/${jobId}?filter=executionStatus`, jobId, flowId: SLEEP });
    expect(list).toMatchObject({ kind: 'list', transport: 'native', method: 'GET', path: '/api/v1/jobs' });
    expect(list?.endpoint).toBe('/api/v1/jobs?filter=active');
    expect([list?.jobId, list?.flowId]).toEqual([undefined, undefined]);
    expect([emulator.count('execute'), emulator.count('status'), emulator.count('list')]).toEqual([1, 1, 1]);
  });

  it.each([
    ['object', 'application/json', '{"executionStatus":"RUNNING"}'],
    ['json-string', 'application/json', '"RUNNING"'],
    ['text', 'text/plain; charset=utf-8', 'RUNNING'],
  ] as const)('answers filter=executionStatus in the %s form', async (statusForm, contentType, text) => {
    // Prepare
    const other = await startEmulator({ keys: TEST_KEYS, statusForm, quiet: true });
    const jobId = await submitJob(other.url, TEST_KEYS, SLEEP);

    // Act
    const answer = await connectorCall(other.url, TEST_KEYS, `/api/v1/jobs/${jobId}?filter=executionStatus`).finally(() => other.close());

    // Assess
    expect(answer).toEqual({ status: 200, contentType, text });
  });
});
