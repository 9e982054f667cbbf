/**
 * A retried Submit of the same run keeps the job the first attempt started: real emulator over
 * HTTP, real DynamoDB-compatible server (dynalite) for the run journal.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_CATALOGUE } from '../../../local/emulator/catalogue.ts';
import { startEmulator } from '../../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../../local/emulator/types.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../local/state/dynamodb-server.ts';
import { systemClock } from '../../../shared/clock.ts';
import { createDataworqClient } from '../../../shared/dataworq/create-client.ts';
import type { DataworqClient } from '../../../shared/dataworq/types.ts';
import type { RunFlow } from '../../../shared/model.ts';
import { submitRun, type SubmitDeps, type SubmitInput } from '../../../shared/run/submit.ts';
import { createRunJournal } from '../../../shared/aws/dynamodb/run-journal.ts';
import type { RunJournal } from '../../../shared/run/run-journal.ts';

const KEYS = { apiKey: 'DATAWORQ-journal-test-key', userApiKey: 'journal-user-key' };
const catalogue = EMULATOR_CATALOGUE['sleep-split'];
const flow: RunFlow = {
  name: 'sleep-split',
  flowId: catalogue.flowId,
  dataworqFlowName: catalogue.name,
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [],
  maxDurationSeconds: 900,
  lostAfterSeconds: 600,
  overlap: 'skip',
};
let emulator: EmulatorHandle;
let dynamo: LocalDynamo;
let dataworq: DataworqClient;
let journal: RunJournal;
let counter = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, keys: KEYS, quiet: true, speed: 0.01 });
  dynamo = await startLocalDynamo();
  journal = createRunJournal({ client: dynamo.client, tableName: await dynamo.createStateTable('submit-journal-test') });
  dataworq = createDataworqClient({ transport: 'cloud-connector', baseUrl: emulator.url, keys: KEYS, timeoutMs: 2_000 });
});

afterAll(async () => {
  await emulator.close();
  await dynamo.close();
});

beforeEach(() => emulator.reset());

const deps = (): SubmitDeps => ({ dataworq, clock: systemClock, journal, sleep: async () => undefined });
const input = (): SubmitInput => ({ flow, runId: `journal-run-${++counter}`, trigger: { kind: 'webhook', id: `msg_${counter}`, time: new Date().toISOString() } });

describe('submitRun with a run journal', () => {
  it('keeps the job of the first attempt when Submit runs again for the same run', async () => {
    // Prepare
    const event = input();
    const first = await submitRun(event, deps());

    // Act
    const second = await submitRun(event, deps());

    // Assess
    expect(first.jobId).toBeDefined();
    expect(first.outcome).toBeUndefined();
    expect(second.jobId).toBe(first.jobId);
    expect(second.adopted).toBe(true);
    expect(second.outcome).toBeUndefined();
    expect(emulator.count('execute')).toBe(1);
    expect(await journal.read(event.runId)).toMatchObject({ jobId: first.jobId });
  });

  it('adopts the job an attempt started but never recorded, instead of skipping it as an overlap', async () => {
    // Prepare: an earlier attempt noted itself, started the job, and died before recording it.
    const event = input();
    await journal.attempt(event.runId, new Date());
    const lostJobId = await dataworq.startFlow({ flowId: flow.flowId, runProfileName: 'default', notificationEnabled: false, parameters: [] });

    // Act
    const retried = await submitRun(event, deps());

    // Assess
    expect(retried.jobId).toBe(lostJobId);
    expect(retried.adopted).toBe(true);
    expect(retried.outcome).toBeUndefined();
    expect(emulator.count('execute')).toBe(1);
    expect(await journal.read(event.runId)).toMatchObject({ jobId: lostJobId });
  });

  it('starts one job for different runs of the same flow when overlap allows it', async () => {
    // Act
    const a = await submitRun(input(), { ...deps() });
    const b = await submitRun({ ...input(), flow: { ...flow, overlap: 'allow' } }, deps());

    // Assess
    expect(a.jobId).toBeDefined();
    expect(b.jobId).toBeDefined();
    expect(b.jobId).not.toBe(a.jobId);
    expect(b.adopted).toBeUndefined();
    expect(emulator.count('execute')).toBe(2);
  });

  it('still starts the job, once, when the journal cannot be reached', async () => {
    // Prepare
    const broken = createRunJournal({ client: dynamo.client, tableName: 'no-such-table' });

    // Act
    const run = await submitRun(input(), { ...deps(), journal: broken });

    // Assess
    expect(run.jobId).toBeDefined();
    expect(run.outcome).toBeUndefined();
    expect(emulator.count('execute')).toBe(1);
  });
});
