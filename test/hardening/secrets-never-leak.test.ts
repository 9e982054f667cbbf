/**
 * Secrets never leak: the connector keys, the webhook signing secret, bearer tokens and the
 * signatures computed from them must not appear in anything a person or a log pipeline sees —
 * log lines (Powertools JSON on stdout/stderr, at DEBUG), alerts (SNS publishes), HTTP answers,
 * run outputs and error messages, and the synthesized template.
 */
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { createWebhookHandler } from '../../functions/webhook/handler.ts';
import type { RunFlow } from '../../shared/model.ts';
import { httpApiEvent } from '../fixtures/apigw-http-api-event.ts';
import { localLambdaContext as lambdaContext } from '../../local/runtime/lambda-context.ts';
import { catalogueFlow, type Harness, type HarnessOptions, startHarness, TEST_KEYS } from '../helpers/run-harness.ts';
import { synthStack } from '../helpers/synth.ts';
import { STATE_MACHINE_ARN, stubStepFunctions } from '../shared/webhook/step-functions-stub.ts';
import { BEARER_TOKEN, config, MIXED_TOKEN, signatureHeaders, SIGNING_SECRET } from '../shared/webhook/webhook-test-kit.ts';
import { captureOutput } from '../helpers/capture-output.ts';

const WRONG_KEYS = { apiKey: 'WRONG-apikey-Qz81-distinct-4411', userApiKey: 'WRONG-userkey-Jm27-distinct-9930' };
const NEAR_MISS_TOKEN = `${BEARER_TOKEN}X`;
/** Every value that must stay secret, including the base64 body of the signing secret. */
const SECRET_VALUES = [
  TEST_KEYS.apiKey,
  TEST_KEYS.userApiKey,
  WRONG_KEYS.apiKey,
  WRONG_KEYS.userApiKey,
  SIGNING_SECRET,
  SIGNING_SECRET.replace(/^whsec_/, ''),
  BEARER_TOKEN,
  MIXED_TOKEN,
  NEAR_MISS_TOKEN,
];


function expectNoSecret(where: string, text: string, extra: readonly string[] = []): void {
  for (const value of [...SECRET_VALUES, ...extra]) {
    expect(text.includes(value), `${where} contains a secret value (${value.slice(0, 6)}…)`).toBe(false);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('Secrets: run engine', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  interface RunScenario {
    readonly name: string;
    readonly harness?: HarnessOptions;
    readonly flow?: RunFlow;
    readonly prepare?: (h: Harness) => void;
    readonly ends: string;
  }
  const scenarios: readonly RunScenario[] = [
    { name: 'a run that completes', ends: 'COMPLETED' },
    { name: 'a flow that fails in DataWORQ', flow: catalogueFlow('broken-export'), ends: 'ERROR' },
    { name: 'keys DataWORQ does not accept', harness: { secretString: JSON.stringify(WRONG_KEYS) }, ends: 'SUBMIT_FAILED' },
    { name: 'a connector secret that is not JSON', harness: { secretString: `apiKey=${TEST_KEYS.apiKey}\nuserApiKey=${TEST_KEYS.userApiKey}` }, ends: 'SUBMIT_FAILED' },
    { name: 'a connector secret missing a field', harness: { secretString: JSON.stringify({ apiKey: TEST_KEYS.apiKey, userKey: TEST_KEYS.userApiKey }) }, ends: 'SUBMIT_FAILED' },
    {
      name: 'a DataWORQ refusal that echoes the request headers',
      prepare: (h) => h.emulator.inject({ type: 'reject', status: 400, on: 'execute', body: `Bad Request: headers apiKey=${TEST_KEYS.apiKey} user-api-key=${TEST_KEYS.userApiKey}` }),
      ends: 'SUBMIT_FAILED',
    },
    {
      name: 'status calls that fail, then recover',
      prepare: (h) => h.emulator.inject({ type: 'gateway-html', on: 'status', times: 2 }),
      ends: 'COMPLETED',
    },
    {
      name: 'an alert that cannot be published',
      prepare: (h) => {
        h.sns.reset();
        h.sns.rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }));
      },
      ends: 'FAILED',
    },
  ];

  it.each(scenarios)('keeps the connector keys out of logs, alerts and the run for $name', async (scenario) => {
    // Prepare
    const output = captureOutput();
    harness = await startHarness(scenario.harness);
    scenario.prepare?.(harness);

    // Act
    const record = await harness.run(scenario.flow ?? catalogueFlow('sleep-split'));

    // Assess
    expect(record.state === 'FAILED' ? 'FAILED' : record.output?.run.outcome).toBe(scenario.ends);
    const logs = output();
    expect(logs).toMatch(/"level":"(INFO|DEBUG|WARN|ERROR)"/);
    expectNoSecret('the logs', logs);
    expectNoSecret('the alerts', JSON.stringify(harness.sns.calls().map((call) => call.args[0].input)));
    expectNoSecret('the run record', JSON.stringify({ ...record, done: undefined }));
  });
});

describe('Secrets: webhook Lambda', () => {
  const NAMES = {
    'nightly-load': { signing: 'dwq/webhook/nightly-load/signing' },
    'hourly-sync': { token: 'dwq/webhook/hourly-sync/token' },
    'mixed-load': { token: 'dwq/webhook/mixed-load/token' },
  };
  const ENV = {
    DWQ_CONFIG_JSON: JSON.stringify(config),
    DWQ_WEBHOOK_SECRETS: JSON.stringify(NAMES),
    STATE_MACHINE_ARN,
    AWS_REGION: 'eu-west-1',
  };

  afterEach(() => {
    mockClient(SecretsManagerClient).restore();
    mockClient(SFNClient).restore();
  });

  function stubSecrets(): void {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} }));
    secrets.on(GetSecretValueCommand, { SecretId: NAMES['nightly-load'].signing }).resolves({ SecretString: SIGNING_SECRET });
    secrets.on(GetSecretValueCommand, { SecretId: NAMES['hourly-sync'].token }).resolves({ SecretString: BEARER_TOKEN });
    secrets.on(GetSecretValueCommand, { SecretId: NAMES['mixed-load'].token }).resolves({ SecretString: ` ${MIXED_TOKEN}\n` });
  }

  const post = (flow: string, body: string, headers: Record<string, string>) =>
    httpApiEvent({ method: 'POST', path: `/flows/${flow}/runs`, routeKey: 'ANY /flows/{flow}/runs', pathParameters: { flow }, headers: { 'content-type': 'application/json', ...headers }, body });

  const signatureOf = (headers: Record<string, string>) => headers['webhook-signature']!.replace(/^v1,/, '');
  const validSigned = signatureHeaders('{"parameters":{"ROWS":5}}', { id: 'msg_leak-test-1' });
  const tamperedSigned = signatureHeaders('{"parameters":{"ROWS":5}}', { id: 'msg_leak-test-2' });
  const staleSigned = signatureHeaders('{}', { id: 'msg_leak-test-3', timestamp: new Date(Date.now() - 3_600_000) });

  const requests: readonly { name: string; event: APIGatewayProxyEventV2; status: number; signatures?: string[] }[] = [
    { name: 'a valid signed request', event: post('nightly-load', '{"parameters":{"ROWS":5}}', validSigned), status: 202, signatures: [signatureOf(validSigned)] },
    { name: 'a body changed after signing', event: post('nightly-load', '{"parameters":{"ROWS":6}}', tamperedSigned), status: 401, signatures: [signatureOf(tamperedSigned)] },
    { name: 'a stale signature', event: post('nightly-load', '{}', staleSigned), status: 401, signatures: [signatureOf(staleSigned)] },
    { name: 'a valid bearer token', event: post('hourly-sync', '{}', { authorization: `Bearer ${BEARER_TOKEN}` }), status: 202 },
    { name: 'a near-miss bearer token', event: post('hourly-sync', '{}', { authorization: `Bearer ${NEAR_MISS_TOKEN}` }), status: 401 },
    { name: 'another flow\'s token', event: post('mixed-load', '{}', { authorization: `Bearer ${BEARER_TOKEN}` }), status: 401 },
    { name: 'a token for a flow whose secret is missing', event: post('mixed-load', '{}', signatureHeaders('{}')), status: 503 },
    { name: 'a GET with a valid token', event: httpApiEvent({ method: 'GET', path: '/runs/hourly-sync--wh-0123456789abcdef01234567', routeKey: 'ANY /runs/{runId}', pathParameters: { runId: 'hourly-sync--wh-0123456789abcdef01234567' }, headers: { authorization: `Bearer ${BEARER_TOKEN}` } }), status: 404 },
  ];

  it.each(requests)('keeps secrets, tokens and signatures out of the answer and the logs for $name', async ({ event, status, signatures = [] }) => {
    // Prepare
    const output = captureOutput();
    stubSecrets();
    stubStepFunctions();
    const handler = createWebhookHandler(ENV);

    // Act
    const result = (await handler(event, lambdaContext('webhook'))) as APIGatewayProxyStructuredResultV2;

    // Assess
    expect(result.statusCode).toBe(status);
    expectNoSecret('the HTTP answer', JSON.stringify(result), signatures);
    const logs = output();
    expect(logs).toMatch(/"level":"(INFO|DEBUG|WARN|ERROR)"/);
    expectNoSecret('the logs', logs, signatures);
  });
});

describe('Secrets: synthesized template', () => {
  it('holds secret names and ARNs only: no secret value, no generated value, no key in any environment', () => {
    // Prepare
    const { template } = synthStack();

    // Act
    const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
    const text = JSON.stringify(json);

    // Assess
    expectNoSecret('the template', text);
    // A description may say "whsec_<value>"; an actual signing secret never appears.
    expect(/whsec_[A-Za-z0-9+/=]{16,}/.test(text), 'the template holds a whsec_ signing secret').toBe(false);
    const secrets = Object.values(json.Resources).filter((resource) => resource.Type === 'AWS::SecretsManager::Secret');
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(secret.Properties?.SecretString).toBeUndefined();
    const environments = Object.values(json.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => JSON.stringify(resource.Properties?.Environment ?? {}));
    for (const environment of environments) expect(environment).not.toMatch(/"[A-Z_]*(API_?KEY|TOKEN|PASSWORD)[A-Z_]*":"[^"]/i);
  });
});
