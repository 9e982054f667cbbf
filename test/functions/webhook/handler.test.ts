import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebhookHandler } from '../../../functions/webhook/handler.ts';
import type { RunInput } from '../../../shared/model.ts';
import { API_DOMAIN, httpApiEvent } from '../../fixtures/apigw-http-api-event.ts';
import { localLambdaContext as lambdaContext } from '../../../local/runtime/lambda-context.ts';
import { STATE_MACHINE_ARN, stubStepFunctions } from '../../shared/webhook/step-functions-stub.ts';
import { BARE_SIGNING_SECRET, BEARER_TOKEN, config, signatureHeaders, SIGNING_SECRET } from '../../shared/webhook/webhook-test-kit.ts';
import { captureOutput } from '../../helpers/capture-output.ts';

const SECRET_NAMES = {
  'nightly-load': { signing: 'dwq/webhook/nightly-load/signing' },
  'hourly-sync': { token: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dwq/webhook/hourly-sync/token-AbCdEf' },
  'mixed-load': { signing: 'dwq/webhook/mixed-load/signing', token: 'dwq/webhook/mixed-load/token' },
};

const ENV = {
  DWQ_CONFIG_JSON: JSON.stringify(config),
  DWQ_WEBHOOK_SECRETS: JSON.stringify(SECRET_NAMES),
  STATE_MACHINE_ARN,
  AWS_REGION: 'eu-west-1',
};

function stubSecretsManager() {
  const secretsManager = mockClient(SecretsManagerClient);
  secretsManager.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }));
  secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_NAMES['nightly-load'].signing }).resolves({ SecretString: SIGNING_SECRET });
  secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_NAMES['hourly-sync'].token }).resolves({ SecretString: BEARER_TOKEN });
  secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_NAMES['mixed-load'].signing }).resolves({ SecretString: BARE_SIGNING_SECRET });
  return secretsManager;
}


function signedEvent(flow: string, body: string, options: { base64?: boolean; secret?: string; stage?: string } = {}): APIGatewayProxyEventV2 {
  return httpApiEvent({
    method: 'POST',
    path: `/flows/${flow}/runs`,
    routeKey: 'ANY /flows/{flow}/runs',
    pathParameters: { flow },
    headers: { 'content-type': 'application/json', ...signatureHeaders(body, options.secret ? { secret: options.secret } : {}) },
    body,
    ...(options.base64 !== undefined && { base64: options.base64 }),
    ...(options.stage !== undefined && { stage: options.stage }),
  });
}

async function invoke(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2 & { json: Record<string, unknown> }> {
  const handler = createWebhookHandler(ENV);
  const result = (await handler(event, lambdaContext('dwq-webhook'))) as APIGatewayProxyStructuredResultV2;
  return { ...result, json: JSON.parse(String(result.body)) as Record<string, unknown> };
}

describe('Lambda: webhook', () => {
  beforeEach(() => {
    stubSecretsManager();
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    mockClient(SFNClient).restore();
    mockClient(SecretsManagerClient).restore();
  });

  it('starts a run for a signed API Gateway request and answers where to poll it', async () => {
    // Prepare
    const sfn = stubStepFunctions();
    captureOutput('INFO');

    // Act
    const result = await invoke(signedEvent('nightly-load', '{"parameters":{"ROWS":5}}'));

    // Assess
    expect(result.statusCode).toBe(202);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(result.json.statusUrl).toBe(`https://${API_DOMAIN}/runs/${String(result.json.runId)}`);
    const start = sfn.client.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(start?.stateMachineArn).toBe(STATE_MACHINE_ARN);
    expect((JSON.parse(start?.input ?? '{}') as RunInput).flow.parameters).toContainEqual({ name: 'ROWS', type: 'integer', value: 5 });
  });

  it('verifies a base64-encoded body on the bytes the caller signed', async () => {
    // Prepare
    const sfn = stubStepFunctions();
    captureOutput('INFO');

    // Act
    const result = await invoke(signedEvent('nightly-load', '{"parameters":{"LABEL":"Zürich"}}', { base64: true }));

    // Assess
    expect(result.statusCode).toBe(202);
    const input = JSON.parse(sfn.client.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}') as RunInput;
    expect(input.flow.parameters).toContainEqual({ name: 'LABEL', type: 'string', value: 'Zürich' });
  });

  it('routes requests on a named stage and with mixed-case header names', async () => {
    // Prepare
    stubStepFunctions();
    captureOutput('INFO');
    const event = signedEvent('mixed-load', '{}', { secret: BARE_SIGNING_SECRET, stage: 'prod' });
    event.headers = Object.fromEntries(Object.entries(event.headers).map(([name, value]) => [name.replace(/^./, (c) => c.toUpperCase()), value]));

    // Act
    const result = await invoke(event);

    // Assess
    expect(result.statusCode).toBe(202);
  });

  it('reports a run to a bearer caller', async () => {
    // Prepare
    stubStepFunctions();
    captureOutput('INFO');
    const auth = { authorization: `Bearer ${BEARER_TOKEN}` };
    const started = await invoke(
      httpApiEvent({ method: 'POST', path: '/flows/hourly-sync/runs', headers: { ...auth, 'idempotency-key': 'order-42' } }),
    );

    // Act
    const result = await invoke(httpApiEvent({ method: 'GET', path: `/runs/${String(started.json.runId)}`, headers: auth }));

    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.json).toMatchObject({ runId: started.json.runId, flow: 'hourly-sync', state: 'RUNNING' });
  });

  it('answers 503 and logs the secret name when a secret cannot be read', async () => {
    // Prepare
    stubStepFunctions();
    const output = captureOutput('INFO');
    const event = httpApiEvent({ method: 'POST', path: '/flows/mixed-load/runs', headers: { authorization: 'Bearer anything' } });

    // Act
    const result = await invoke(event);

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.json.error).toBe('credentials_unavailable');
    expect(output()).toContain('dwq/webhook/mixed-load/token');
  });

  it('answers a generic JSON 500 when something unexpected breaks', async () => {
    // Prepare
    stubStepFunctions();
    captureOutput('INFO');
    const event = { ...signedEvent('nightly-load', '{}'), requestContext: undefined } as unknown as APIGatewayProxyEventV2;

    // Act
    const result = await invoke(event);

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.json).toEqual({ error: 'internal', message: 'internal error' });
  });

  it('starts with a bad inlined config, then answers 500 and logs every problem with it on each request', async () => {
    // Prepare
    stubStepFunctions();
    const output = captureOutput('INFO');
    const handler = createWebhookHandler({ ...ENV, DWQ_CONFIG_JSON: '{"flows":{"nightly-load":{"flowId":"nope"}}}' });
    const call = async () => (await handler(signedEvent('nightly-load', '{}'), lambdaContext('dwq-webhook'))) as APIGatewayProxyStructuredResultV2;

    // Act
    const results = [await call(), await call()];

    // Assess
    expect(results.map((result) => result.statusCode)).toEqual([500, 500]);
    expect(JSON.parse(String(results[0]?.body))).toEqual({ error: 'internal', message: 'internal error' });
    const written = output();
    expect(written.match(/not the validated config the stack inlines at synth/g)).toHaveLength(2);
  });

  it('never writes a secret, token or signature to the log or into a response', async () => {
    // Prepare
    stubStepFunctions();
    const output = captureOutput('INFO');
    const wrongToken = 'wrong-token-Hj7Kl9Mn2Pq4Rs6Tu8Vw';
    const good = signedEvent('nightly-load', '{"parameters":{"ROWS":3}}');
    const forged = signedEvent('nightly-load', '{}', { secret: 'whsec_dGhpcyBpcyBub3QgdGhlIHJpZ2h0IHNlY3JldA==' });
    const events = [
      good,
      forged,
      httpApiEvent({ method: 'POST', path: '/flows/hourly-sync/runs', headers: { authorization: `Bearer ${BEARER_TOKEN}` } }),
      httpApiEvent({ method: 'POST', path: '/flows/hourly-sync/runs', headers: { authorization: `Bearer ${wrongToken}` } }),
      httpApiEvent({ method: 'POST', path: '/flows/hourly-sync/runs', headers: { authorization: `Bearer ${BEARER_TOKEN}`, 'content-type': 'application/json' }, body: '{"parameters":{"X":1}}' }),
    ];

    // Act
    const results = [];
    for (const event of events) results.push(await invoke(event));

    // Assess
    expect(results.map((result) => result.statusCode)).toEqual([202, 401, 202, 401, 400]);
    const written = output();
    expect(written).toContain(String(results[0]?.json.runId));
    expect(written).toContain(good.headers['webhook-id']);
    const secrets = [
      SIGNING_SECRET,
      SIGNING_SECRET.slice('whsec_'.length),
      BEARER_TOKEN,
      wrongToken,
      ...[good, forged].flatMap((event) => String(event.headers['webhook-signature']).split(' ').map((signature) => signature.slice(3))),
    ];
    const responses = results.map((result) => JSON.stringify(result)).join('\n');
    for (const secret of secrets) {
      expect(written).not.toContain(secret);
      expect(responses).not.toContain(secret);
    }
  });
});
