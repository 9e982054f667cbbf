/**
 * The webhook Lambda's environment: the variable names, which the CDK construct and the Lambda
 * share, and the variables read at init. The inlined config is read by webhook-env.ts, which
 * the handler imports on its first request: the config schema is built and run only then
 * (docs/bench.md, P3).
 */
import { ConfigError } from '../../shared/config/config-error.ts';
import type { WebhookSecretNames } from './secrets-manager-webhook-secrets.ts';

export const WEBHOOK_ENV = {
  /** The flows config as JSON, inlined at bundle time (esbuild `define`). */
  config: 'DWQ_CONFIG_JSON',
  /** `{ "<flow>": { "signing": "<secret name or ARN>", "token": "<secret name or ARN>" } }` */
  secrets: 'DWQ_WEBHOOK_SECRETS',
  stateMachineArn: 'STATE_MACHINE_ARN',
  secretMaxAgeSeconds: 'DWQ_SECRET_MAX_AGE_SECONDS',
} as const;

const SECRET_KINDS: readonly string[] = ['signing', 'token'] satisfies readonly (keyof WebhookSecretNames)[];

export function secretNamesFromEnv(text: string | undefined): Record<string, WebhookSecretNames> {
  if (text === undefined || text.trim() === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(WEBHOOK_ENV.secrets, ['(environment): not JSON; expected { "<flow>": { "signing": "...", "token": "..." } }'], {
      cause: error,
    });
  }
  const issues = secretNamesProblems(data);
  if (issues.length > 0) throw new ConfigError(WEBHOOK_ENV.secrets, issues);
  return data as Record<string, WebhookSecretNames>;
}

/**
 * Checked by hand, not by a zod schema: a few lines of checks cost nothing at init, and the
 * webhook's bundle need not evaluate zod for them (docs/bench.md, P3).
 */
function secretNamesProblems(data: unknown): string[] {
  if (!isObject(data)) return ['(top level): expected an object { "<flow>": { "signing": "...", "token": "..." } }'];
  const issues: string[] = [];
  for (const [flow, names] of Object.entries(data)) {
    if (!isObject(names)) {
      issues.push(`${flow}: expected an object with signing and/or token`);
      continue;
    }
    for (const [kind, name] of Object.entries(names)) {
      if (!SECRET_KINDS.includes(kind)) issues.push(`${flow}.${kind}: unknown key; expected signing or token`);
      else if (typeof name !== 'string' || name === '') issues.push(`${flow}.${kind}: expected a secret name or ARN (non-empty text)`);
    }
  }
  return issues;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requiredEnv(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigError(name, ['(environment): not set']);
  return value;
}
