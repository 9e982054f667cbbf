/**
 * POST /runs/{runId}/rerun: the original's parameters from its record (masked ones from the
 * config again), rerunOf on the trigger, idempotent by Idempotency-Key, 409 for a run still
 * going unless forced, authentication before anything about the run is revealed.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDynamo } from '../../../local/state/dynamodb-server.ts';
import type { RunLedger } from '../../../shared/ledger/run-ledger.ts';
import type { RunInput } from '../../../shared/model.ts';
import { flowFromRunName, runNameFor } from '../../../shared/run/run-name.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { postRerun, startLedger, webhookRecord } from './ledger-test-kit.ts';
import { BEARER_TOKEN, bodyOf, MIXED_TOKEN, signatureHeaders, webhookHarness } from './webhook-test-kit.ts';

let dynamo: LocalDynamo;
let ledger: RunLedger;
const hourly = { authorization: `Bearer ${BEARER_TOKEN}` };
const ended = webhookRecord('nightly-load', 1, {
  parameters: [
    { name: 'ROWS', type: 'integer', value: 5 },
    { name: 'LABEL', type: 'string', value: 'rerun-me' },
    { name: 'REGION', type: 'string', value: '***', masked: true },
  ],
  outcome: 'ERROR',
  endedAt: '2026-03-01T10:09:00.000Z',
});
const endedHourly = webhookRecord('hourly-sync', 2, { runProfileName: 'hourly', notificationEnabled: true, outcome: 'COMPLETED', endedAt: '2026-03-01T10:10:00.000Z' });
const running = webhookRecord('hourly-sync', 3);

beforeAll(async () => {
  ({ dynamo, ledger } = await startLedger('rerun-test'));
  for (const record of [ended, endedHourly, running]) await ledger.submitted(record);
});

afterAll(async () => {
  await dynamo.close();
});

afterEach(() => {
  mockClient(SFNClient).restore();
});

const harness = () => webhookHarness({ ledger });
const inputOf = (sfn: ReturnType<typeof harness>['sfn'], runId: string) => JSON.parse(sfn.executions.get(runId)?.input ?? 'null') as RunInput;

describe('Function: handleWebhookRequest › POST /runs/{runId}/rerun', () => {
  it("starts a new run with the original's parameters and rerunOf, once per Idempotency-Key", async () => {
    const { sfn, deps } = harness();
    const headers = { ...hourly, 'idempotency-key': 'rerun-1' };

    const first = await handleWebhookRequest(postRerun(endedHourly.runId, headers), deps);
    const again = await handleWebhookRequest(postRerun(endedHourly.runId, headers), deps);
    const otherKey = await handleWebhookRequest(postRerun(endedHourly.runId, { ...hourly, 'idempotency-key': 'rerun-2' }), deps);

    const body = bodyOf(first);
    expect(first.statusCode).toBe(202);
    expect(body).toMatchObject({ flow: 'hourly-sync', rerunOf: endedHourly.runId });
    expect(body['runId']).not.toBe(endedHourly.runId);
    expect(flowFromRunName(String(body['runId']))).toBe('hourly-sync');
    expect(bodyOf(again)).toMatchObject({ runId: body['runId'], duplicate: true });
    expect(bodyOf(otherKey)['runId']).not.toBe(body['runId']);
    const input = inputOf(sfn, String(body['runId']));
    expect(input.trigger).toMatchObject({ kind: 'rerun', id: endedHourly.runId });
    expect(input.flow.runProfileName).toBe('hourly');
    expect(input.flow.notificationEnabled).toBe(true);
    expect(sfn.executions.size).toBe(2);
  });

  it('takes masked parameters from the config again; a signed re-run signs a body naming the run', async () => {
    const { sfn, deps } = harness();
    const rawBody = JSON.stringify({ runId: ended.runId });

    const unsignedBody = await handleWebhookRequest(postRerun(ended.runId, signatureHeaders('', { id: 'rr-1' })), deps);
    const response = await handleWebhookRequest(postRerun(ended.runId, signatureHeaders(rawBody, { id: 'rr-2' }), { rawBody }), deps);

    expect(unsignedBody.statusCode).toBe(400);
    expect(bodyOf(unsignedBody)['message']).toMatch(/^runId: /);
    expect(response.statusCode).toBe(202);
    const parameters = inputOf(sfn, String(bodyOf(response)['runId'])).flow.parameters;
    expect(parameters).toEqual([
      { name: 'ROWS', type: 'integer', value: 5 },
      { name: 'LABEL', type: 'string', value: 'rerun-me' },
      { name: 'REGION', type: 'string', value: 'eu' },
    ]);
  });

  it('refuses to re-run a run that is still going with 409, unless forced', async () => {
    const { sfn, deps } = harness();

    const refused = await handleWebhookRequest(postRerun(running.runId, hourly), deps);
    const forced = await handleWebhookRequest(postRerun(running.runId, hourly, { query: { force: 'true' } }), deps);
    const badForce = await handleWebhookRequest(postRerun(running.runId, hourly, { query: { force: 'yes' } }), deps);

    expect(refused.statusCode).toBe(409);
    expect(bodyOf(refused)).toMatchObject({ error: 'run_in_progress', message: expect.stringContaining('?force=true') });
    expect(forced.statusCode).toBe(202);
    expect(badForce.statusCode).toBe(400);
    expect(sfn.executions.size).toBe(1);
  });

  it('authenticates first: 401 for another flow’s credential, 404 for an unknown run with the right one', async () => {
    const { sfn, deps } = harness();
    const unknown = runNameFor('hourly-sync', 'webhook', 'never-sent');

    const wrong = await handleWebhookRequest(postRerun(endedHourly.runId, { authorization: `Bearer ${MIXED_TOKEN}` }), deps);
    const wrongUnknown = await handleWebhookRequest(postRerun(unknown, { authorization: `Bearer ${MIXED_TOKEN}` }), deps);
    const missing = await handleWebhookRequest(postRerun(unknown, hourly), deps);

    expect(wrong.statusCode).toBe(401);
    expect(wrongUnknown.statusCode).toBe(401);
    expect(missing.statusCode).toBe(404);
    expect(sfn.executions.size).toBe(0);
  });

  it('answers 405 for GET on the rerun path', async () => {
    const { deps } = harness();
    const response = await handleWebhookRequest({ ...postRerun(endedHourly.runId, hourly), method: 'GET' }, deps);
    expect(response.statusCode).toBe(405);
  });
});
