import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import type { TransportKind } from '../../../shared/dataworq/transport.ts';
import type { DataworqClient } from '../../../shared/dataworq/types.ts';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorHandle, StatusForm } from '../../../local/emulator/types.ts';
import { startRecordingServer } from './support/recording-server.ts';
import { TEST_KEYS } from './support/test-keys.ts';

const DEMO = EMULATOR_CATALOGUE['demo-load'];
const SLOW = EMULATOR_CATALOGUE['slow-queue'];
const T0 = Date.UTC(2021, 4, 19, 16, 1, 59, 691);

const demoRequest = {
  flowId: DEMO.flowId,
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [
    { name: 'TABLENAME', type: 'string', value: 'DEMO_TABLE' },
    { name: 'ROWS', type: 'integer', value: 118 },
  ],
} as const;

describe.each<TransportKind>(['cloud-connector', 'native'])('Class: HttpDataworqClient over %s', (transport) => {
  let emulator: EmulatorHandle;
  let now = T0;
  let client: DataworqClient;
  beforeAll(async () => {
    emulator = await startEmulator({ keys: TEST_KEYS, clock: () => now, quiet: true });
    client = createDataworqClient({ transport, baseUrl: emulator.url, keys: TEST_KEYS });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    now = T0;
  });

  it('starts a flow and returns the jobId DataWORQ then knows', async () => {
    // Act
    const jobId = await client.startFlow(demoRequest);

    // Assess
    expect(emulator.jobs().map((job) => job.id)).toEqual([jobId]);
    expect(emulator.calls[0]).toMatchObject({ kind: 'execute', transport, endpoint: '/api/v1/jobs', status: 200 });
  });

  it('follows a job from QUEUED through RUNNING to COMPLETED', async () => {
    // Prepare
    const jobId = await client.startFlow({ ...demoRequest, flowId: SLOW.flowId, parameters: [] });

    // Act
    const queued = await client.getExecutionStatus(jobId);
    now += 7_000;
    const running = await client.getExecutionStatus(jobId);
    now += 60_000;
    const done = await client.getExecutionStatus(jobId);

    // Assess
    expect([queued, running, done]).toEqual(['QUEUED', 'RUNNING', 'COMPLETED']);
    expect(emulator.calls[1]?.endpoint).toBe(`/api/v1/jobs/${jobId}?filter=executionStatus`);
  });

  it('gets the whole JobStatus, log included, once the job is done', async () => {
    // Prepare
    const jobId = await client.startFlow(demoRequest);
    now += 60_000;

    // Act
    const job = await client.getJob(jobId);

    // Assess
    expect(job).toMatchObject({ id: jobId, executionStatus: 'COMPLETED', flowName: 'Demo', jobName: 'Demo_default' });
    expect(job.log).toContain('|  TABLENAME  |  STRING   |  "DEMO_TABLE"  |');
    expect(job.log).toContain('Job completed successfully.\r\n');
  });

  it('lists all, active and finished jobs, newest first', async () => {
    // Prepare
    const finished = await client.startFlow(demoRequest);
    now += 60_000;
    const running = await client.startFlow(demoRequest);

    // Act
    const all = await client.listJobs();
    const active = await client.listJobs('active');
    const history = await client.listJobs('history');

    // Assess
    expect(all.map((job) => job.id)).toEqual([running, finished]);
    expect(active.map((job) => job.id)).toEqual([running]);
    expect(history.map((job) => job.id)).toEqual([finished]);
    expect(emulator.calls.slice(-3).map((call) => call.endpoint)).toEqual([
      '/api/v1/jobs',
      '/api/v1/jobs?filter=active',
      '/api/v1/jobs?filter=history',
    ]);
  });

  it('asks the keys provider on every call, so rotated keys take effect', async () => {
    // Prepare
    let keys = { apiKey: 'old-api-key', userApiKey: 'old-user-key' };
    const rotating = createDataworqClient({ transport, baseUrl: emulator.url, keys: async () => keys });
    const before = rotating.listJobs();
    await expect(before).rejects.toMatchObject({ name: 'DataworqRejectedError' });

    // Act
    keys = { ...TEST_KEYS };
    const after = await rotating.listJobs();

    // Assess
    expect(after).toEqual([]);
  });
});

describe.each<StatusForm>(['object', 'json-string', 'text'])('Class: HttpDataworqClient with status form %s', (statusForm) => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({ keys: TEST_KEYS, statusForm, quiet: true });
  });
  afterAll(() => emulator.close());

  it.each<TransportKind>(['cloud-connector', 'native'])('reads the execution status over %s', async (transport) => {
    // Prepare
    const client = createDataworqClient({ transport, baseUrl: emulator.url, keys: TEST_KEYS });
    const jobId = await client.startFlow({ ...demoRequest, parameters: [] });

    // Act
    const status = await client.getExecutionStatus(jobId);

    // Assess
    expect(status).toBe('RUNNING');
  });
});

describe('Class: HttpDataworqClient (wire format)', () => {
  it('sends the seed headers and JobRequest body to /call/execute over the Cloud Connector', async () => {
    // Prepare
    const server = await startRecordingServer({ body: '{"jobId":"2956fdae-73f8-45ec-a999-bf3514020472"}' });
    const client = createDataworqClient({ transport: 'cloud-connector', baseUrl: `${server.url}/`, keys: TEST_KEYS });

    // Act
    const jobId = await client.startFlow(demoRequest).finally(() => server.close());

    // Assess
    const [request] = server.requests;
    expect(jobId).toBe('2956fdae-73f8-45ec-a999-bf3514020472');
    expect(request).toMatchObject({ method: 'POST', url: '/call/execute' });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      apikey: TEST_KEYS.apiKey,
      'user-api-key': TEST_KEYS.userApiKey,
      endpoint: '/api/v1/jobs',
      method: 'POST',
    });
    expect(JSON.parse(request?.body ?? '')).toEqual(demoRequest);
  });

  it('sends only the user key to the native job path, the job id encoded', async () => {
    // Prepare
    const server = await startRecordingServer({ body: '"RUNNING"' });
    const client = createDataworqClient({ transport: 'native', baseUrl: `${server.url}/dwq`, keys: TEST_KEYS });

    // Act
    const status = await client.getExecutionStatus('job:ä1').finally(() => server.close());

    // Assess
    const [request] = server.requests;
    expect(status).toBe('RUNNING');
    expect(request).toMatchObject({ method: 'GET', url: '/dwq/api/v1/jobs/job%3A%C3%A41?filter=executionStatus' });
    expect(request?.headers['user-api-key']).toBe(TEST_KEYS.userApiKey);
    expect(request?.headers.apikey).toBeUndefined();
  });
});
