/**
 * WebhookSecrets from Secrets Manager through the shared cached reader: fetched once per `maxAge`
 * seconds per container, so a rotated secret is picked up without a redeploy. Not Powertools'
 * getSecret: its static SDK import would load Secrets Manager's SDK at cold start (docs/bench.md, P3).
 */
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretConfigurationError } from '../../errors.ts';
import type { WebhookSecrets } from '../../webhook/webhook-secrets.ts';
import { LAMBDA_ENV_DEFAULTS } from '../lambda-env.ts';
import { secretErrorReason, secretReader, type SecretRead } from './cached-secret-reader.ts';

/** Per caller key (shared/webhook/callers.ts): the name or ARN of its signing secret and of its bearer token secret. */
export interface WebhookSecretNames {
  readonly signing?: string;
  readonly token?: string;
}

export interface SecretsManagerWebhookSecretsOptions {
  readonly names: Readonly<Record<string, WebhookSecretNames>>;
  readonly maxAgeSeconds?: number;
  /** Reads through this Powertools provider instead of the cached reader (cached-secret-reader.ts). */
  readonly provider?: SecretsProvider;
}

export class SecretsManagerWebhookSecrets implements WebhookSecrets {
  readonly #names: Readonly<Record<string, WebhookSecretNames>>;
  readonly #maxAge: number;
  readonly #reader: SecretRead;

  constructor(options: SecretsManagerWebhookSecretsOptions) {
    this.#names = options.names;
    this.#maxAge = options.maxAgeSeconds ?? LAMBDA_ENV_DEFAULTS.secretMaxAgeSeconds;
    this.#reader = secretReader(options.provider);
  }

  signingSecret(holder: string): Promise<string | undefined> {
    return this.#read(holder, 'signing');
  }

  bearerToken(holder: string): Promise<string | undefined> {
    return this.#read(holder, 'token');
  }

  async #read(holder: string, kind: keyof WebhookSecretNames): Promise<string | undefined> {
    const name = Object.hasOwn(this.#names, holder) ? this.#names[holder]?.[kind] : undefined;
    if (name === undefined) return undefined;
    let value: unknown;
    try {
      value = await this.#reader(name, this.#maxAge);
    } catch (error) {
      const reason = secretErrorReason(error);
      throw new SecretConfigurationError(`webhook ${kind} secret ${name} of ${holderText(holder)} could not be read (${reason})`, { cause: error });
    }
    if (typeof value !== 'string' || value.trim() === '') {
      throw new SecretConfigurationError(`webhook ${kind} secret ${name} of ${holderText(holder)} has no text value; put the secret string in it`);
    }
    return value;
  }
}

/** `caller:<name>` → `caller <name>`; a bare key is a flow's own credential. */
function holderText(holder: string): string {
  return holder.startsWith('caller:') ? `caller ${holder.slice('caller:'.length)}` : `flow ${holder}`;
}
