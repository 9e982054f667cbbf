/**
 * The connector secret `{ "apiKey": "...", "userApiKey": "..." }`, read through a cache with an
 * expiry so that a rotated key is picked up without a redeploy. Every error names the secret and
 * the field that is wrong, never a value.
 */
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { ConnectorKeys } from '../../dataworq/types.ts';
import { SecretConfigurationError } from '../../errors.ts';
import { LAMBDA_ENV_DEFAULTS } from '../lambda-env.ts';
import { secretErrorReason, secretReader, secretText } from './cached-secret-reader.ts';

export const CONNECTOR_SECRET_FIELDS = ['apiKey', 'userApiKey'] as const;

/** Validates a secret's string against the connector-secret shape. */
export function parseConnectorKeys(secretId: string, secretString: string | undefined): ConnectorKeys {
  if (secretString === undefined || secretString.trim() === '') {
    throw new SecretConfigurationError(
      `connector secret ${secretId} has no value; put {"apiKey": "<Cloud Connector API key>", "userApiKey": "<DataWORQ user API key>"} in it`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new SecretConfigurationError(`connector secret ${secretId} is not JSON; expected {"apiKey": "...", "userApiKey": "..."}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SecretConfigurationError(`connector secret ${secretId} must be a JSON object with apiKey and userApiKey`);
  }
  const record = parsed as Record<string, unknown>;
  for (const field of CONNECTOR_SECRET_FIELDS) {
    const value = record[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new SecretConfigurationError(`connector secret ${secretId} is missing field ${field} (a non-empty string)`);
    }
  }
  return { apiKey: (record.apiKey as string).trim(), userApiKey: (record.userApiKey as string).trim() };
}

export interface SecretsManagerKeysOptions {
  readonly secretId: string;
  /** Seconds a value is kept before it is read again. */
  readonly maxAgeSeconds?: number;
  /** Reads through this Powertools provider instead of the built-in cached reader (cached-secret-reader.ts). */
  readonly provider?: SecretsProvider;
}

/** A keys provider backed by Secrets Manager, cached for maxAge seconds. */
export function connectorKeysFromSecretsManager(options: SecretsManagerKeysOptions): () => Promise<ConnectorKeys> {
  // The default reader imports the SDK on the first read, not at cold start: Submit and Check
  // need it only then, and Notify, whose bundle includes this module, never loads it.
  const read = secretReader(options.provider);
  const maxAge = options.maxAgeSeconds ?? LAMBDA_ENV_DEFAULTS.secretMaxAgeSeconds;
  return async () => {
    let value: string | undefined;
    try {
      value = secretText(await read(options.secretId, maxAge));
    } catch (error) {
      throw new SecretConfigurationError(`connector secret ${options.secretId} could not be read (${secretErrorReason(error)})`, { cause: error });
    }
    return parseConnectorKeys(options.secretId, value);
  };
}
