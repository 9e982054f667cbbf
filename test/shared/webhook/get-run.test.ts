import { SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { runNameFor } from '../../../shared/run/run-name.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { checkSucceededEvent, submittedRunState } from './step-functions-stub.ts';
import { BARE_SIGNING_SECRET, bearerPost, BEARER_TOKEN, bodyOf, getRun, MIXED_TOKEN, signatureHeaders, signedPost, webhookHarness } from './webhook-test-kit.ts';

describe('Function: handleWebhookRequest › GET /runs/{runId}', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('answers 404 for a run that was never started', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const runId = runNameFor('hourly-sync', 'webhook', 'never-sent');

    // Act
    const response = await handleWebhookRequest(getRun(runId, { authorization: `Bearer ${BEARER_TOKEN}` }), deps);

    // Assess
    expect(response.statusCode).toBe(404);
    expect(bodyOf(response)).toEqual({ error: 'unknown_run', message: 'no such run' });
  });

  it('reports DataWORQ status and step while the run is going, then the outcome once it is over', async () => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    const { runId } = bodyOf(await handleWebhookRequest(bearerPost('hourly-sync', {}), deps)) as { runId: string };
    const auth = { authorization: `Bearer ${BEARER_TOKEN}` };
    const execution = sfn.executions.get(runId);
    const justStarted = bodyOf(await handleWebhookRequest(getRun(runId, auth), deps));
    execution?.history.push(checkSucceededEvent(7, submittedRunState(runId, { jobId: 'job-9', job: { jobId: 'job-9', executionStatus: 'RUNNING', currentStep: 'Step 2' } })));

    // Act
    const during = await handleWebhookRequest(getRun(runId, auth), deps);
    Object.assign(execution ?? {}, {
      status: 'SUCCEEDED',
      stopDate: new Date('2025-03-01T10:30:00.000Z'),
      output: JSON.stringify({ run: submittedRunState(runId, { jobId: 'job-9', outcome: 'COMPLETED', job: { jobId: 'job-9', executionStatus: 'COMPLETED', currentStep: 'Step 3' } }) }),
    });
    const after = await handleWebhookRequest(getRun(runId, auth), deps);

    // Assess
    expect(justStarted).toEqual({ runId, flow: 'hourly-sync', state: 'RUNNING', startedAt: '2025-03-01T10:00:00.000Z' });
    expect(during.statusCode).toBe(200);
    expect(bodyOf(during)).toEqual({
      runId,
      flow: 'hourly-sync',
      state: 'RUNNING',
      jobId: 'job-9',
      executionStatus: 'RUNNING',
      currentStep: 'Step 2',
      startedAt: '2025-03-01T10:00:00.000Z',
    });
    expect(bodyOf(after)).toMatchObject({ state: 'SUCCEEDED', outcome: 'COMPLETED', executionStatus: 'COMPLETED', stoppedAt: '2025-03-01T10:30:00.000Z' });
  });

  it("authenticates with the run's flow: a bearer token or a signature over `GET <path>`, not over an empty body", async () => {
    // Prepare
    const { deps } = webhookHarness();
    const { runId } = bodyOf(await handleWebhookRequest(signedPost('mixed-load', {}, { secret: BARE_SIGNING_SECRET }), deps)) as { runId: string };

    // Act
    const byToken = await handleWebhookRequest(getRun(runId, { authorization: `Bearer ${MIXED_TOKEN}` }), deps);
    const bySignature = await handleWebhookRequest(getRun(runId, signatureHeaders(`GET /runs/${runId}`, { secret: BARE_SIGNING_SECRET, id: 'poll-1' })), deps);
    const byEmptyBodySignature = await handleWebhookRequest(getRun(runId, signatureHeaders('', { secret: BARE_SIGNING_SECRET, id: 'poll-2' })), deps);
    const byOtherFlowsToken = await handleWebhookRequest(getRun(runId, { authorization: `Bearer ${BEARER_TOKEN}` }), deps);
    const anonymous = await handleWebhookRequest(getRun(runId, {}), deps);

    // Assess
    expect([byToken.statusCode, bySignature.statusCode, byOtherFlowsToken.statusCode, anonymous.statusCode]).toEqual([200, 200, 401, 401]);
    expect(byEmptyBodySignature.statusCode).toBe(401);
  });

  it('authenticates before it says a run id is not ours (401), and answers an undecodable path 404', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const auth = { authorization: `Bearer ${BEARER_TOKEN}` };

    // Act
    const statuses = await Promise.all(
      ['not-a-run-id', runNameFor('internal-only', 'schedule', 'x'), runNameFor('gone-flow', 'webhook', 'x'), '%E0%A4%A'].map(
        async (runId) => (await handleWebhookRequest(getRun(runId, auth), deps)).statusCode,
      ),
    );

    // Assess
    expect(statuses).toEqual([401, 401, 401, 404]);
  });

  it('answers 405 for a POST to a run', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const runId = runNameFor('hourly-sync', 'webhook', 'x');

    // Act
    const response = await handleWebhookRequest({ ...getRun(runId, {}), method: 'POST' }, deps);

    // Assess
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET');
  });
});
