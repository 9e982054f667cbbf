/**
 * The webhook credentials local mode accepts: one signing secret and one bearer token, from the
 * environment or generated at start, given to every caller (shared/webhook/callers.ts: named
 * callers and flows' own credentials) for the methods it holds.
 */
import { randomBytes } from 'node:crypto';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import { methodsOf, webhookCallers } from '../../shared/webhook/callers.ts';
import type { AuthMethod } from '../../shared/webhook/credential-check.ts';
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
  /** The methods that open a flow (what the example calls use). */
  readonly methodsOf: (flow: string) => AuthMethod[];
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
  const perCaller: Record<string, StaticFlowCredentials> = {};
  for (const caller of webhookCallers(config)) {
    perCaller[caller.holder] = {
      ...(caller.methods.includes('signature') ? { signing: signingSecret } : {}),
      ...(caller.methods.includes('bearer') ? { token } : {}),
    };
  }
  return {
    signingSecret,
    token,
    generated: { signingSecret: !fromEnv.secret, token: !fromEnv.token },
    secrets: new StaticWebhookSecrets(perCaller),
    methodsOf: (flow) => methodsOf(config, flow),
  };
}
