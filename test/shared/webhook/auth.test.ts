import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretConfigurationError } from '../../../shared/errors.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { StaticWebhookSecrets } from '../../../shared/webhook/static-webhook-secrets.ts';
import {
  BARE_SIGNING_SECRET,
  bearerPost,
  bodyOf,
  BEARER_TOKEN,
  MIXED_TOKEN,
  postRun,
  signatureHeaders,
  signedPost,
  SIGNING_SECRET,
  webhookHarness,
} from './webhook-test-kit.ts';

const SIX_MINUTES = 6 * 60 * 1000;

describe('Function: handleWebhookRequest › signatures', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('accepts a valid signature made with a whsec_ secret', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest(signedPost('nightly-load', { parameters: { ROWS: 1 } }), deps);

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it('accepts a valid signature made with a bare base64 secret, as Secrets Manager generates them', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest(signedPost('mixed-load', {}, { secret: BARE_SIGNING_SECRET }), deps);

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it('accepts several signatures when one of them is valid (secret rotation)', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const oldSignature = 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=';

    // Act
    const response = await handleWebhookRequest(signedPost('nightly-load', {}, { extraSignatures: [oldSignature, 'v2,whatever'] }), deps);

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it.each([
    ['a wrong secret', { secret: 'whsec_dGhpcyBpcyBub3QgdGhlIHJpZ2h0IHNlY3JldA==' }, 'invalid signature'],
    ['an altered body', { signedBody: '{"parameters":{"ROWS":1}}' }, 'invalid signature'],
    ['a stale timestamp (6 minutes old)', { timestamp: new Date(Date.now() - SIX_MINUTES) }, 'invalid signature: webhook-timestamp is more than 5 minutes old'],
    ['a future timestamp (6 minutes ahead)', { timestamp: new Date(Date.now() + SIX_MINUTES) }, 'invalid signature: webhook-timestamp is more than 5 minutes ahead'],
  ])('answers 401 invalid_signature and starts nothing for %s', async (_case, options, message) => {
    // Prepare
    const { sfn, deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest(signedPost('nightly-load', { parameters: { ROWS: 2 } }, options), deps);

    // Assess
    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toEqual({ error: 'invalid_signature', message });
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers 401 missing_credentials naming the missing headers', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const { 'webhook-signature': _dropped, ...partial } = signatureHeaders('{}');

    // Act
    const none = await handleWebhookRequest(postRun('nightly-load', '{}', {}), deps);
    const some = await handleWebhookRequest(postRun('nightly-load', '{}', partial), deps);

    // Assess
    expect(none.statusCode).toBe(401);
    expect(bodyOf(none).error).toBe('missing_credentials');
    expect(some.statusCode).toBe(401);
    expect(bodyOf(some)).toMatchObject({ error: 'missing_credentials', message: expect.stringContaining('missing webhook-signature header') });
  });

  it('answers 401 with a non-numeric timestamp', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const request = signedPost('nightly-load', {});

    // Act
    const response = await handleWebhookRequest({ ...request, headers: { ...request.headers, 'webhook-timestamp': 'yesterday' } }, deps);

    // Assess
    expect(response.statusCode).toBe(401);
    expect(bodyOf(response).error).toBe('invalid_signature');
  });

  it('answers 503 and logs the problem, not the secret, when the signing secret cannot be read', async () => {
    // Prepare
    const secrets = {
      signingSecret: async () => {
        throw new SecretConfigurationError('webhook signing secret dwq/webhook/nightly-load of flow nightly-load could not be read (AccessDeniedException)');
      },
      bearerToken: async () => undefined,
    };
    const { deps, logger } = webhookHarness({ secrets });

    // Act
    const response = await handleWebhookRequest(signedPost('nightly-load', {}), deps);

    // Assess
    expect(response.statusCode).toBe(503);
    expect(bodyOf(response)).toEqual({ error: 'credentials_unavailable', message: 'the webhook cannot check credentials right now; retry later' });
    expect(logger.lines.join('\n')).toContain('dwq/webhook/nightly-load');
  });

  it('answers 503 when the configured signing secret is not base64', async () => {
    // Prepare
    const { deps } = webhookHarness({ secrets: new StaticWebhookSecrets({ 'nightly-load': { signing: 'not base64!' } }) });

    // Act
    const response = await handleWebhookRequest(signedPost('nightly-load', {}), deps);

    // Assess
    expect(response.statusCode).toBe(503);
  });
});

describe('Function: handleWebhookRequest › bearer tokens', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('accepts the right token', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest(bearerPost('hourly-sync', {}), deps);

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it.each([
    ['a wrong token of the same length', BEARER_TOKEN.replace(/.$/, 'X')],
    ['a token of another length', `${BEARER_TOKEN}-longer`],
    ['a one-character token', 'x'],
  ])('answers 401 invalid_token for %s', async (_case, token) => {
    // Prepare
    const { sfn, deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest(bearerPost('hourly-sync', {}, token), deps);

    // Assess
    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toEqual({ error: 'invalid_token', message: 'invalid token' });
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers 401 missing_credentials without an Authorization header, and invalid_token for another scheme', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const missing = await handleWebhookRequest(postRun('hourly-sync', '{}', {}), deps);
    const basic = await handleWebhookRequest(postRun('hourly-sync', '{}', { authorization: 'Basic dXNlcjpwYXNz' }), deps);

    // Assess
    expect(missing.statusCode).toBe(401);
    expect(bodyOf(missing).error).toBe('missing_credentials');
    expect(basic.statusCode).toBe(401);
    expect(bodyOf(basic).error).toBe('invalid_token');
  });

  it('accepts either credential when a flow allows both', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const byToken = await handleWebhookRequest(bearerPost('mixed-load', {}, MIXED_TOKEN), deps);
    const bySignature = await handleWebhookRequest(signedPost('mixed-load', {}, { secret: BARE_SIGNING_SECRET }), deps);
    const byWrongSignatureRightToken = await handleWebhookRequest(
      postRun('mixed-load', '{}', { ...signatureHeaders('{}', { secret: SIGNING_SECRET }), authorization: `Bearer ${MIXED_TOKEN}` }),
      deps,
    );

    // Assess
    expect([byToken.statusCode, bySignature.statusCode, byWrongSignatureRightToken.statusCode]).toEqual([202, 202, 202]);
  });

  it("refuses another flow's token", async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest(bearerPost('mixed-load', {}, BEARER_TOKEN), deps);

    // Assess
    expect(response.statusCode).toBe(401);
  });
});

describe('Function: handleWebhookRequest › a bearer token to a signature-only flow', () => {
  it('says the flow does not accept bearer tokens, and how to sign instead', async () => {
    // Prepare
    const { deps } = webhookHarness();

    // Act
    const response = await handleWebhookRequest(bearerPost('nightly-load', {}), deps);

    // Assess
    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({
      error: 'bearer_not_accepted',
      message: 'this flow does not accept bearer tokens: sign with webhook-id, webhook-timestamp and webhook-signature headers',
    });
  });
});
