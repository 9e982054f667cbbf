/**
 * The cached GetSecretValue reader the connector keys and the webhook secrets share, against a
 * stubbed Secrets Manager client.
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, vi } from 'vitest';
import { cachedSecretReader, secretErrorReason, secretReader, secretText } from '../../../../shared/aws/secrets-manager/cached-secret-reader.ts';
import { connectorKeysFromSecretsManager } from '../../../../shared/aws/secrets-manager/connector-keys.ts';
import { SecretConfigurationError } from '../../../../shared/errors.ts';
import { restoreSecretsManagerAfterEach, stopDateAt } from './support/secrets-manager-kit.ts';

const KEYS = { apiKey: 'ck_3f9a1c7e5b2d4068', userApiKey: 'uk_8e6d4c2a0f1b3957' };

describe('Function: cachedSecretReader', () => {
  restoreSecretsManagerAfterEach();

  it('reads each secret once per maxAge, through the client it was given', async () => {
    // Prepare
    stopDateAt();
    const client = new SecretsManagerClient({ region: 'eu-west-1' });
    const secretsManager = mockClient(client);
    secretsManager.on(GetSecretValueCommand, { SecretId: 'text' }).resolves({ SecretString: 'first' });
    secretsManager.on(GetSecretValueCommand, { SecretId: 'binary' }).resolves({ SecretBinary: new Uint8Array([1, 2]) });
    const read = cachedSecretReader({ client });

    // Act
    const values = [await read('text', 300), await read('text', 300), await read('binary', 300)];
    secretsManager.on(GetSecretValueCommand, { SecretId: 'text' }).resolves({ SecretString: 'rotated' });
    vi.setSystemTime(new Date('2026-03-01T02:05:01Z'));
    values.push(await read('text', 300));

    // Assess
    expect(values).toEqual(['first', 'first', new Uint8Array([1, 2]), 'rotated']);
    expect(secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId)).toEqual(['text', 'binary', 'text']);
  });

  it('reads through a Powertools provider when one is given', async () => {
    // Prepare
    mockClient(SecretsManagerClient).on(GetSecretValueCommand, { SecretId: 'dwq/connector' }).resolves({ SecretString: JSON.stringify(KEYS) });
    const read = secretReader(new SecretsProvider());

    // Act
    const value = await read('dwq/connector', 60);

    // Assess
    expect(value).toBe(JSON.stringify(KEYS));
  });

  it("names the SDK's error, also under Powertools' wrapper", async () => {
    // Prepare
    const notFound = new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: {} });
    mockClient(SecretsManagerClient).on(GetSecretValueCommand).rejects(notFound);

    // Act
    const own = await cachedSecretReader()('dwq/missing', 60).catch((error: unknown) => error);
    const wrapped = await secretReader(new SecretsProvider())('dwq/missing', 60).catch((error: unknown) => error);

    // Assess
    expect([secretErrorReason(own), secretErrorReason(wrapped)]).toEqual(['ResourceNotFoundException', 'ResourceNotFoundException']);
  });
});

describe('Function: secretText', () => {
  it('keeps a SecretString, decodes a SecretBinary as UTF-8, and has no text for a secret without a value', () => {
    // Act
    const texts = [secretText('plain-value'), secretText(new TextEncoder().encode('bïnary-välue')), secretText(undefined)];

    // Assess
    expect(texts).toEqual(['plain-value', 'bïnary-välue', undefined]);
  });
});

describe('Function: connectorKeysFromSecretsManager', () => {
  restoreSecretsManagerAfterEach();

  it('reads the connector keys through the cached reader, and names the secret, not a key, when they are unreadable', async () => {
    // Prepare
    const secretsManager = mockClient(SecretsManagerClient);
    secretsManager.on(GetSecretValueCommand, { SecretId: 'dwq/connector' }).resolves({ SecretString: JSON.stringify(KEYS) });
    secretsManager.on(GetSecretValueCommand, { SecretId: 'dwq/half' }).resolves({ SecretString: JSON.stringify({ apiKey: KEYS.apiKey }) });

    // Act
    const keys = connectorKeysFromSecretsManager({ secretId: 'dwq/connector' });
    const read = [await keys(), await keys()];
    const failure = await connectorKeysFromSecretsManager({ secretId: 'dwq/half' })().catch((error: unknown) => error);

    // Assess
    expect(read).toEqual([KEYS, KEYS]);
    expect(secretsManager.commandCalls(GetSecretValueCommand, { SecretId: 'dwq/connector' })).toHaveLength(1);
    expect(failure).toBeInstanceOf(SecretConfigurationError);
    expect((failure as Error).message).toBe('connector secret dwq/half is missing field userApiKey (a non-empty string)');
    expect((failure as Error).message).not.toContain(KEYS.apiKey);
  });
});
