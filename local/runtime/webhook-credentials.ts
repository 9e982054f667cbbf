/**
 * The webhook credentials local mode accepts: one signing secret and one bearer token, from the
 * environment or generated at start, given to every webhook flow for the methods it declares.
 */
import { randomBytes } from 'node:crypto';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import { StaticWebhookSecrets, type StaticFlowCredentials } from '../../shared/webhook/static-webhook-secrets.ts';
import type { Env } from './dataworq-connection.ts';
import { webhookSigner } from './sign-webhook.ts';

export const WEBHOOK_ENV = { secret: 'DWQ_WEBHOOK_SECRET', token: 'DWQ_WEBHOOK_TOKEN' } as const;

export interface LocalWebhookCredentials {
  readonly signingSecret: string;
  readonly token: string;
  /** True for a value made up at start (then printed once); false for one from the environment. */
  readonly generated: { readonly signingSecret: boolean; readonly token: boolean };
  readonly secrets: StaticWebhookSecrets;
}

export function localWebhookCredentials(config: DwqConfig, env: Env): LocalWebhookCredentials {
  const fromEnv = { secret: env[WEBHOOK_ENV.secret]?.trim(), token: env[WEBHOOK_ENV.token]?.trim() };
  const signingSecret = fromEnv.secret || `whsec_${randomBytes(24).toString('base64')}`;
  const token = fromEnv.token || `dwq_${randomBytes(24).toString('base64url')}`;
  try {
    webhookSigner(signingSecret);
  } catch (error) {
    throw new ValidationError(`${WEBHOOK_ENV.secret} is not a Standard Webhooks secret: use whsec_ followed by base64`, { cause: error });
  }
  const perFlow: Record<string, StaticFlowCredentials> = {};
  for (const flow of Object.values(config.flows)) {
    if (flow.webhook === undefined) continue;
    perFlow[flow.name] = {
      ...(flow.webhook.auth.includes('signature') ? { signing: signingSecret } : {}),
      ...(flow.webhook.auth.includes('bearer') ? { token } : {}),
    };
  }
  return {
    signingSecret,
    token,
    generated: { signingSecret: !fromEnv.secret, token: !fromEnv.token },
    secrets: new StaticWebhookSecrets(perFlow),
  };
}
