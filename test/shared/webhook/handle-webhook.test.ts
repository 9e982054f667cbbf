import { createHash } from 'node:crypto';
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunInput } from '../../../shared/model.ts';
import { flowFromRunName } from '../../../shared/run/run-name.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { bearerPost, bodyOf, DOMAIN, postRun, signatureHeaders, signedPost, webhookHarness } from './webhook-test-kit.ts';

describe('Function: handleWebhookRequest', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('starts a run and answers 202 with the run id and where to poll it', async () => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    const request = signedPost('nightly-load', { parameters: { ROWS: 25 } });

    // Act
    const response = await handleWebhookRequest(request, deps);

    // Assess
    expect(response.statusCode).toBe(202);
    expect(response.headers['content-type']).toBe('application/json');
    const body = bodyOf(response);
    expect(body).toEqual({ runId: expect.stringMatching(/^nightly-load--wh-[0-9a-f]{24}$/), flow: 'nightly-load', statusUrl: `https://${DOMAIN}/runs/${String(body.runId)}` });
    const input = JSON.parse(sfn.executions.get(String(body.runId))?.input ?? '{}') as RunInput;
    expect(input.flow.parameters).toEqual([
      { name: 'ROWS', type: 'integer', value: 25 },
      { name: 'LABEL', type: 'string', value: 'standard' },
      { name: 'REGION', type: 'string', value: 'eu' },
    ]);
    expect(input.trigger).toEqual({
      kind: 'webhook',
      id: request.headers['webhook-id'],
      time: new Date(Number(request.headers['webhook-timestamp']) * 1000).toISOString(),
      logicalTime: { time: new Date(Number(request.headers['webhook-timestamp']) * 1000).toISOString(), timeZone: 'UTC' },
      bodySha256: createHash('sha256').update(request.rawBody).digest('hex'),
    });
  });

  it('answers a repeated delivery with the same run id, marked duplicate, and starts nothing more', async () => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    const request = signedPost('nightly-load', { parameters: { ROWS: 25 } });
    const first = bodyOf(await handleWebhookRequest(request, deps));

    // Act
    const repeat = await handleWebhookRequest(request, deps);

    // Assess
    expect(repeat.statusCode).toBe(202);
    expect(bodyOf(repeat)).toEqual({ ...first, duplicate: true });
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });

  it('keeps the first run when a retry of the same delivery is re-signed with a new timestamp', async () => {
    // Prepare: same webhook-id, a later timestamp, so a different RunInput.
    const { sfn, deps } = webhookHarness();
    const first = bodyOf(await handleWebhookRequest(signedPost('nightly-load', {}, { timestamp: new Date(Date.now() - 60_000) }), deps));
    const firstInput = sfn.executions.get(String(first.runId))?.input;

    // Act
    const retry = await handleWebhookRequest(signedPost('nightly-load', {}), deps);

    // Assess
    expect(bodyOf(retry)).toEqual({ ...first, duplicate: true });
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(1);
    expect(sfn.executions.get(String(first.runId))?.input).toBe(firstInput);
  });

  it('reports the existing run when a concurrent retry started it first (ExecutionAlreadyExists)', async () => {
    // Prepare: the retry's look finds nothing, then its start meets the first delivery's execution.
    const { sfn, deps } = webhookHarness();
    const first = bodyOf(await handleWebhookRequest(signedPost('nightly-load', {}, { timestamp: new Date(Date.now() - 60_000) }), deps));
    const firstInput = sfn.executions.get(String(first.runId))?.input;
    sfn.client
      .on(DescribeExecutionCommand)
      .rejectsOnce(new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} }));

    // Act
    const retry = await handleWebhookRequest(signedPost('nightly-load', {}), deps);

    // Assess
    expect(retry.statusCode).toBe(202);
    expect(bodyOf(retry)).toEqual({ ...first, duplicate: true });
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(2);
    expect(sfn.executions.get(String(first.runId))?.input).toBe(firstInput);
  });

  it('treats the Idempotency-Key of a bearer caller like a delivery id', async () => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    const request = bearerPost('hourly-sync', {}, undefined, { 'idempotency-key': '"8e03978e-40d5-43e8-bc93-6894a57f9324"' });
    const first = bodyOf(await handleWebhookRequest(request, deps));

    // Act
    const repeat = bodyOf(await handleWebhookRequest(request, deps));
    const unkeyed = bodyOf(await handleWebhookRequest(bearerPost('hourly-sync', {}), deps));

    // Assess
    expect(repeat).toEqual({ ...first, duplicate: true });
    expect(unkeyed.runId).not.toBe(first.runId);
    expect(flowFromRunName(String(unkeyed.runId))).toBe('hourly-sync');
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(2);
  });

  it('answers an unknown flow or a flow without webhook like a bad credential (401), and an unknown route 404', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const unknown = await handleWebhookRequest(signedPost('no-such-flow', {}), deps);
    const internal = await handleWebhookRequest(signedPost('internal-only', {}), deps);
    const prototypeKey = await handleWebhookRequest(signedPost('__proto__', {}), deps);
    const route = await handleWebhookRequest({ ...signedPost('nightly-load', {}), path: '/flows/nightly-load' }, deps);

    // Assess
    expect([unknown.statusCode, internal.statusCode, prototypeKey.statusCode, route.statusCode]).toEqual([401, 401, 401, 404]);
    expect(bodyOf(unknown)).toEqual({ error: 'invalid_signature', message: 'invalid signature' });
    expect(bodyOf(route).error).toBe('not_found');
  });

  it('answers 405 with the allowed method for a wrong method', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest({ ...signedPost('nightly-load', {}), method: 'PUT' }, deps);

    // Assess
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST');
    expect(bodyOf(response).error).toBe('method_not_allowed');
  });

  it('answers 413 for a body over maxBodyBytes, before checking anything else', async () => {
    // Prepare
    const { sfn, deps } = webhookHarness();
    const rawBody = JSON.stringify({ parameters: { LABEL: 'x'.repeat(2100) } });

    // Act
    const response = await handleWebhookRequest(postRun('nightly-load', rawBody, {}), deps);

    // Assess
    expect(response.statusCode).toBe(413);
    expect(bodyOf(response)).toEqual({ error: 'body_too_large', message: `the body is ${rawBody.length} bytes; at most 2048 are accepted` });
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers 415 unless the body is JSON, accepting a charset and an empty body without content-type', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const form = signedPost('nightly-load', 'ROWS=3');
    const withCharset = signedPost('nightly-load', {});
    const empty = postRun('nightly-load', '', signatureHeaders('', { id: 'msg_empty-body' }));

    // Act
    const refused = await handleWebhookRequest({ ...form, headers: { ...form.headers, 'content-type': 'application/x-www-form-urlencoded' } }, deps);
    const latin1 = await handleWebhookRequest({ ...withCharset, headers: { ...withCharset.headers, 'content-type': 'application/json; charset=iso-8859-1' } }, deps);
    const utf8 = await handleWebhookRequest({ ...withCharset, headers: { ...withCharset.headers, 'content-type': 'application/json; charset=UTF-8' } }, deps);
    const { 'content-type': _omitted, ...headersWithoutType } = empty.headers;
    const bare = await handleWebhookRequest({ ...empty, headers: headersWithoutType }, deps);

    // Assess
    expect([refused.statusCode, latin1.statusCode, utf8.statusCode, bare.statusCode]).toEqual([415, 415, 202, 202]);
    expect(bodyOf(refused).error).toBe('unsupported_media_type');
  });

  it('answers 503, not a 5xx the caller caused, when Step Functions cannot start the run', async () => {
    // Prepare
    const { sfn, deps, logger } = webhookHarness();
    sfn.client.on(StartExecutionCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act
    const response = await handleWebhookRequest(signedPost('nightly-load', {}), deps);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(bodyOf(response).error).toBe('unavailable');
    expect(logger.lines.some((line) => line.includes('ThrottlingException'))).toBe(true);
  });

  it('uses the base URL a local server gives for the status URL', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const request = { ...signedPost('nightly-load', {}), domainName: undefined, baseUrl: 'http://localhost:3000/' };

    // Act
    const body = bodyOf(await handleWebhookRequest(request, deps));

    // Assess
    expect(body.statusUrl).toBe(`http://localhost:3000/runs/${String(body.runId)}`);
  });
});
