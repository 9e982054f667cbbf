/**
 * GetSecretValue through a cache that keeps each value for maxAge seconds, so that a rotated
 * secret is picked up without a redeploy. Used for the connector keys (Submit, Check) and the
 * webhook's signing secrets and bearer tokens.
 */
// Types only at the top: Powertools' SecretsProvider imports the SDK statically, which esbuild
// hoists to the bundle's top, so it is only an injectable option; the SDK comes through
// lazy-client.ts on the first read (docs/bench.md, P3).
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ClientOption } from '../client-option.ts';
import { AWS_CLIENT_TIMEOUTS, lazyClient } from '../lazy-client.ts';

/** A secret's value as Secrets Manager holds it: SecretString, else SecretBinary. */
export type SecretValue = string | Uint8Array | undefined;

/** A secret's value as text: SecretBinary decoded as UTF-8; undefined when the secret has none. */
export function secretText(value: SecretValue): string | undefined {
  return typeof value === 'string' || value === undefined ? value : new TextDecoder().decode(value);
}

/** Reads a secret by name or ARN, from the cache while the value is younger than maxAgeSeconds. */
export type SecretRead = (secretId: string, maxAgeSeconds: number) => Promise<SecretValue>;

export type CachedSecretReaderOptions = ClientOption<SecretsManagerClient>;

const secretsManager = lazyClient(
  () => import('@aws-sdk/client-secrets-manager'),
  (sdk) => new sdk.SecretsManagerClient({ ...AWS_CLIENT_TIMEOUTS }),
);

/** A reader with its own cache; errors are the SDK's, unwrapped, for the caller to name. */
export function cachedSecretReader(options: CachedSecretReaderOptions = {}): SecretRead {
  const cache = new Map<string, { readonly value: SecretValue; readonly expiresAt: number }>();
  return async (secretId, maxAgeSeconds) => {
    const cached = cache.get(secretId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const { GetSecretValueCommand } = await secretsManager.sdk();
    const client = options.client ?? (await secretsManager.client());
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const value = answer.SecretString ?? answer.SecretBinary;
    cache.set(secretId, { value, expiresAt: Date.now() + maxAgeSeconds * 1000 });
    return value;
  };
}

/** Reads through `provider` when one is given (tests, callers that already use Powertools), else a new cached reader. */
export function secretReader(provider?: SecretsProvider): SecretRead {
  if (provider === undefined) return cachedSecretReader();
  return async (secretId, maxAge) => {
    const value: unknown = await provider.get(secretId, { maxAge });
    return typeof value === 'string' || value instanceof Uint8Array ? value : undefined;
  };
}

/** The name of what went wrong, for an error message: the SDK error's, also under Powertools' wrapper. */
export function secretErrorReason(error: unknown): string {
  const cause = (error as { cause?: { name?: unknown } } | undefined)?.cause;
  if (typeof cause?.name === 'string') return cause.name;
  return error instanceof Error ? error.name : 'unknown error';
}
