import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import type { TransportKind } from '../../../shared/dataworq/transport.ts';
import type { DataworqClient } from '../../../shared/dataworq/types.ts';
import {
  DataworqMalformedResponseError,
  DataworqNotFoundError,
  DataworqRejectedError,
  DataworqUnavailableError,
  DwqError,
  SecretConfigurationError,
  ValidationError,
} from '../../../shared/errors.ts';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../../local/emulator/types.ts';
import { startRecordingServer } from './support/recording-server.ts';
import { errorText, expectNoKeys, TEST_KEYS } from './support/test-keys.ts';

const SLEEP = EMULATOR_CATALOGUE['sleep-split'];
const startSleep = { flowId: SLEEP.flowId, runProfileName: 'default', notificationEnabled: false, parameters: [] };

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof Error)) throw new Error('expected the call to fail');
  expectNoKeys(errorText(error));
  return error;
}

describe.each<TransportKind>(['cloud-connector', 'native'])('Class: HttpDataworqClient errors over %s', (transport) => {
  let emulator: EmulatorHandle;
  let client: DataworqClient;
  beforeAll(async () => {
    emulator = await startEmulator({ keys: TEST_KEYS, quiet: true });
    client = createDataworqClient({ transport, baseUrl: emulator.url, keys: TEST_KEYS, timeoutMs: 2_000 });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  it("rejects with DataWORQ's text when it answers 400 to an unknown flow", async () => {
    // Act
    const error = await failureOf(client.startFlow({ ...startSleep, flowId: 'no-such-flow' }));

    // Assess
    expect(error).toBeInstanceOf(DataworqRejectedError);
    expect(error).toMatchObject({ status: 400, body: 'Bad Request: unknown flowId "no-such-flow"' });
    expect(error.message).toBe('startFlow(no-such-flow): DataWORQ rejected the request (HTTP 400): Bad Request: unknown flowId "no-such-flow"');
  });

  it('cuts a long refusal to about 500 characters and blanks out echoed keys', async () => {
    // Prepare
    const body = `echo ${TEST_KEYS.apiKey} ${TEST_KEYS.userApiKey} ${'x'.repeat(5_000)}`;
    emulator.inject({ type: 'reject', status: 400, body });

    // Act
    const error = await failureOf(client.listJobs());

    // Assess
    expect(error).toBeInstanceOf(DataworqRejectedError);
    expect(error.message).toContain('echo *** ***');
    expect(error.message.length).toBeLessThan(600);
  });

  it.each([500, 502, 503, 504, 429] as const)('is unavailable (retryable) when DataWORQ answers %i', async (status) => {
    // Prepare
    emulator.inject({ type: 'http-status', status });

    // Act
    const error = await failureOf(client.getJob('54d9d784-e574-4160-9f44-6fb95317fecb'));

    // Assess
    expect(error).toBeInstanceOf(DataworqUnavailableError);
    expect(error).toMatchObject({ status });
  });

  it("says 'gateway answered HTML' when a gateway page comes back", async () => {
    // Prepare
    emulator.inject({ type: 'gateway-html' });

    // Act
    const error = await failureOf(client.listJobs('active'));

    // Assess
    expect(error).toBeInstanceOf(DataworqUnavailableError);
    expect(error.message).toBe('listJobs(active): gateway answered HTML (HTTP 502)');
  });

  it('is unavailable when DataWORQ does not answer within the timeout', async () => {
    // Prepare
    emulator.inject({ type: 'delay', ms: 5_000 });

    // Act
    const error = await failureOf(client.listJobs(undefined, { timeoutMs: 100 }));

    // Assess
    expect(error).toBeInstanceOf(DataworqUnavailableError);
    expect(error.message).toBe('listJobs(all): DataWORQ did not answer within 100 ms');
    expect(error.cause).toBeInstanceOf(DOMException);
  });

  it("rethrows the caller's own abort as an AbortError, not a DwqError", async () => {
    // Prepare
    emulator.inject({ type: 'delay', ms: 5_000 });
    const controller = new AbortController();

    // Act
    const call = client.listJobs('all', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(call);

    // Assess
    expect(error.name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(DwqError);
  });

  it('is malformed when the answer is cut-off JSON', async () => {
    // Prepare
    emulator.inject({ type: 'malformed-json' });

    // Act
    const error = await failureOf(client.getJob('54d9d784-e574-4160-9f44-6fb95317fecb'));

    // Assess
    expect(error).toBeInstanceOf(DataworqMalformedResponseError);
    expect(error.message).toMatch(/^getJob\(54d9d784-e574-4160-9f44-6fb95317fecb\): answer is not valid JSON/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('keeps an unknown status verbatim instead of failing', async () => {
    // Prepare
    const jobId = await client.startFlow(startSleep);
    emulator.inject({ type: 'unknown-status', value: 'PAUSED', times: 2 });

    // Act
    const status = await client.getExecutionStatus(jobId);
    const job = await client.getJob(jobId);

    // Assess
    expect(status).toBe('PAUSED');
    expect(job.executionStatus).toBe('PAUSED');
  });

  it('is unavailable when execute answers 502, although the job was started', async () => {
    // Prepare
    emulator.inject({ type: 'execute-then-502' });

    // Act
    const error = await failureOf(client.startFlow(startSleep));

    // Assess
    expect(error).toBeInstanceOf(DataworqUnavailableError);
    expect(emulator.jobs()).toHaveLength(1);
  });

  it('is rejected with 400 once the job has vanished', async () => {
    // Prepare
    const jobId = await client.startFlow(startSleep);
    emulator.inject({ type: 'vanish' });

    // Act
    const first = await failureOf(client.getExecutionStatus(jobId));
    const again = await failureOf(client.getJob(jobId));

    // Assess
    expect(first).toBeInstanceOf(DataworqRejectedError);
    expect(again).toMatchObject({ name: 'DataworqRejectedError', status: 400 });
  });

  it.each(['', 'a/b', 'a?b', 'a#b', 'a b', '..', 'a%2Fb', 'a\nb'])('refuses job id %j before sending anything', async (jobId) => {
    // Act
    const error = await failureOf(client.getJob(jobId));

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect(emulator.calls).toHaveLength(0);
  });
});

describe('Class: HttpDataworqClient errors (outside the emulator)', () => {
  it('is not found when DataWORQ answers 404 for an unknown job', async () => {
    // Prepare
    const emulator = await startEmulator({ keys: TEST_KEYS, unknownJobAnswer: 404, quiet: true });
    const client = createDataworqClient({ transport: 'native', baseUrl: emulator.url, keys: TEST_KEYS });

    // Act
    const error = await failureOf(client.getJob('54d9d784-e574-4160-9f44-6fb95317fecb')).finally(() => emulator.close());

    // Assess
    expect(error).toBeInstanceOf(DataworqNotFoundError);
  });

  it('is unavailable when nothing listens at the address', async () => {
    // Prepare
    const emulator = await startEmulator({ keys: TEST_KEYS, quiet: true });
    await emulator.close();
    const client = createDataworqClient({ transport: 'cloud-connector', baseUrl: emulator.url, keys: TEST_KEYS });

    // Act
    const error = await failureOf(client.listJobs());

    // Assess
    expect(error).toBeInstanceOf(DataworqUnavailableError);
    expect(error.message).toBe(`listJobs(all): could not reach DataWORQ at 127.0.0.1:${emulator.port}: ECONNREFUSED`);
  });

  it('is malformed when a JobStatus lacks its executionStatus', async () => {
    // Prepare
    const server = await startRecordingServer({ body: '{"id":"54d9d784-e574-4160-9f44-6fb95317fecb","executionStatus":42}' });
    const client = createDataworqClient({ transport: 'cloud-connector', baseUrl: server.url, keys: TEST_KEYS });

    // Act
    const error = await failureOf(client.getJob('54d9d784-e574-4160-9f44-6fb95317fecb')).finally(() => server.close());

    // Assess
    expect(error).toBeInstanceOf(DataworqMalformedResponseError);
    expect(error.message).toMatch(/answer is not a JobStatus: executionStatus: /);
  });

  it('is malformed when the status answer is neither object, JSON string nor a status word', async () => {
    // Prepare
    const server = await startRecordingServer({ body: '[1,2]', contentType: 'text/plain' });
    const client = createDataworqClient({ transport: 'native', baseUrl: server.url, keys: TEST_KEYS });

    // Act
    const error = await failureOf(client.getExecutionStatus('54d9d784')).finally(() => server.close());

    // Assess
    expect(error).toBeInstanceOf(DataworqMalformedResponseError);
  });

  it('names the missing key field, not its value, when the keys are incomplete', async () => {
    // Prepare
    const client = createDataworqClient({
      transport: 'cloud-connector',
      baseUrl: 'http://127.0.0.1:9',
      keys: { apiKey: '', userApiKey: TEST_KEYS.userApiKey },
    });

    // Act
    const error = await failureOf(client.listJobs());

    // Assess
    expect(error).toBeInstanceOf(SecretConfigurationError);
    expect(error.message).toBe('connector keys: apiKey is missing or empty (needed by the cloud-connector transport)');
  });

  it('refuses to build a native client without a base URL', () => {
    // Act
    const act = () => createDataworqClient({ transport: 'native', keys: TEST_KEYS });

    // Assess
    expect(act).toThrow(new ValidationError('DataWORQ client: baseUrl is required for the native transport'));
  });
});
