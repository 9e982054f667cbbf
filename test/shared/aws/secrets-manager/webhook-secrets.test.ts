import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { DecryptionFailure, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, vi } from 'vitest';
import { SecretsManagerWebhookSecrets } from '../../../../shared/aws/secrets-manager/webhook-secrets.ts';
import { SecretConfigurationError } from '../../../../shared/errors.ts';
import { restoreSecretsManagerAfterEach, stopDateAt } from './support/secrets-manager-kit.ts';

const SIGNING_VALUE = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('Class: SecretsManagerWebhookSecrets', () => {
  restoreSecretsManagerAfterEach();

  it('reads through its own cache when no provider is given, again once maxAge has passed', async () => {
    // Prepare
    stopDateAt();
    const secretsManager = mockClient(SecretsManagerClient);
    secretsManager.on(GetSecretValueCommand, { SecretId: 'dwq/webhook/signing' }).resolves({ SecretString: SIGNING_VALUE });
    const secrets = new SecretsManagerWebhookSecrets({ names: { 'nightly-load': { signing: 'dwq/webhook/signing' } }, maxAgeSeconds: 60 });

    // Act
    const first = await secrets.signingSecret('nightly-load');
    vi.setSystemTime(new Date('2026-03-01T02:00:59Z'));
    const cached = await secrets.signingSecret('nightly-load');
    secretsManager.on(GetSecretValueCommand, { SecretId: 'dwq/webhook/signing' }).resolves({ SecretString: 'whsec_rotated' });
    vi.setSystemTime(new Date('2026-03-01T02:01:01Z'));
    const rotated = await secrets.signingSecret('nightly-load');

    // Assess
    expect([first, cached, rotated]).toEqual([SIGNING_VALUE, SIGNING_VALUE, 'whsec_rotated']);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it("names Secrets Manager's error, not a value, when its own reader cannot read a secret", async () => {
    // Prepare
    mockClient(SecretsManagerClient).on(GetSecretValueCommand).rejects(new DecryptionFailure({ message: 'Access to KMS is not allowed', $metadata: {} }));
    const secrets = new SecretsManagerWebhookSecrets({ names: { 'hourly-sync': { token: 'dwq/webhook/token' } } });

    // Act
    const failure = await secrets.bearerToken('hourly-sync').catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(SecretConfigurationError);
    expect((failure as Error).message).toBe('webhook token secret dwq/webhook/token of flow hourly-sync could not be read (DecryptionFailure)');
  });

  it("reads a flow's secrets by the names it was given, once per maxAge", async () => {
    // Prepare
    const secretsManager = mockClient(SecretsManagerClient);
    secretsManager.on(GetSecretValueCommand, { SecretId: 'dwq/webhook/signing' }).resolves({ SecretString: SIGNING_VALUE });
    const secrets = new SecretsManagerWebhookSecrets({
      names: { 'nightly-load': { signing: 'dwq/webhook/signing' } },
      provider: new SecretsProvider(),
    });

    // Act
    const first = await secrets.signingSecret('nightly-load');
    const second = await secrets.signingSecret('nightly-load');
    const token = await secrets.bearerToken('nightly-load');
    const otherFlow = await secrets.signingSecret('hourly-sync');

    // Assess
    expect([first, second, token, otherFlow]).toEqual([SIGNING_VALUE, SIGNING_VALUE, undefined, undefined]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('fails with SecretConfigurationError naming the secret, not its value, when it cannot be read', async () => {
    // Prepare
    const denied = new DecryptionFailure({ message: 'Access to KMS is not allowed', $metadata: {} });
    mockClient(SecretsManagerClient).on(GetSecretValueCommand).rejects(denied);
    const secrets = new SecretsManagerWebhookSecrets({ names: { 'hourly-sync': { token: 'dwq/webhook/token' } }, provider: new SecretsProvider() });

    // Act
    const failure = await secrets.bearerToken('hourly-sync').catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(SecretConfigurationError);
    expect((failure as Error).message).toMatch(/^webhook token secret dwq\/webhook\/token of flow hourly-sync could not be read/);
  });

  it('refuses a binary or empty secret', async () => {
    // Prepare
    const secretsManager = mockClient(SecretsManagerClient);
    secretsManager.on(GetSecretValueCommand, { SecretId: 'binary' }).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    secretsManager.on(GetSecretValueCommand, { SecretId: 'blank' }).resolves({ SecretString: '  ' });
    const secrets = new SecretsManagerWebhookSecrets({
      names: { a: { signing: 'binary' }, b: { signing: 'blank' } },
      provider: new SecretsProvider(),
    });

    // Act & Assess
    await expect(secrets.signingSecret('a')).rejects.toThrow(SecretConfigurationError);
    await expect(secrets.signingSecret('b')).rejects.toThrow('has no text value');
  });
});
