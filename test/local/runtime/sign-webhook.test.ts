import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { curlCommand, webhookSigner } from '../../../local/runtime/sign-webhook.ts';
import { localWebhookCredentials } from '../../../local/runtime/webhook-credentials.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { ValidationError } from '../../../shared/errors.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('Function: webhookSigner', () => {
  it('signs the exact body so that a Standard Webhooks receiver accepts it', () => {
    // Prepare
    const sign = webhookSigner(SECRET);

    // Act
    const call = sign('{"parameters":{"ROWS":500}}', { id: 'msg_fixed' });

    // Assess
    expect(call.headers['webhook-id']).toBe('msg_fixed');
    expect(new Webhook(SECRET).verify(call.body, call.headers)).toEqual({ parameters: { ROWS: 500 } });
  });

  it('refuses a secret that is not base64', () => {
    // Act
    const make = () => webhookSigner('whsec_not base64!');

    // Assess
    expect(make).toThrow(new ValidationError('the signing secret is not a Standard Webhooks secret (whsec_ followed by base64)'));
  });
});

describe('Function: curlCommand', () => {
  it('quotes headers and a body with a single quote for a POSIX shell', () => {
    // Act
    const line = curlCommand('http://localhost:3000/flows/demo-load/runs', {
      headers: { 'content-type': 'application/json' },
      body: `{"parameters":{"TABLENAME":"it's"}}`,
    });

    // Assess
    expect(line).toBe(
      `curl -sS -X POST http://localhost:3000/flows/demo-load/runs -H 'content-type: application/json' --data-binary '{"parameters":{"TABLENAME":"it'\\''s"}}'`,
    );
  });
});

describe('Function: localWebhookCredentials', () => {
  it('gives each webhook flow only the methods it declares', async () => {
    // Act
    const credentials = localWebhookCredentials(loadConfig(), { DWQ_WEBHOOK_SECRET: SECRET, DWQ_WEBHOOK_TOKEN: 'tok-1' });

    // Assess
    expect(credentials.generated).toEqual({ signingSecret: false, token: false });
    expect(await credentials.secrets.signingSecret('demo-load')).toBe(SECRET);
    expect(await credentials.secrets.bearerToken('demo-load')).toBeUndefined();
    expect(await credentials.secrets.bearerToken('sleep-split')).toBe('tok-1');
  });

  it('names DWQ_WEBHOOK_SECRET when it is not a usable secret', () => {
    // Act
    const read = () => localWebhookCredentials(loadConfig(), { DWQ_WEBHOOK_SECRET: 'not a secret' });

    // Assess
    expect(read).toThrow(new ValidationError('DWQ_WEBHOOK_SECRET is not a Standard Webhooks secret: use whsec_ followed by base64'));
  });
});
