/**
 * The webhook Lambda's environment. The names live here so the CDK construct and the Lambda
 * agree on them.
 */
import * as z from 'zod';
import { ConfigError } from '../../shared/config/config-error.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { validateConfig } from '../../shared/config/validate-config.ts';
import type { WebhookSecretNames } from './secrets-manager-webhook-secrets.ts';

export const WEBHOOK_ENV = {
  /** The flows config as JSON, inlined at bundle time (esbuild `define`). */
  config: 'DWQ_CONFIG_JSON',
  /** `{ "<flow>": { "signing": "<secret name or ARN>", "token": "<secret name or ARN>" } }` */
  secrets: 'DWQ_WEBHOOK_SECRETS',
  stateMachineArn: 'STATE_MACHINE_ARN',
  secretMaxAgeSeconds: 'DWQ_SECRET_MAX_AGE_SECONDS',
} as const;

/**
 * The config the CDK inlined. Preferred: the config as written (YAML turned JSON), validated
 * again here by the same schema. Also accepted: the already-parsed DwqConfig (what loadConfig
 * returns), which the schema cannot re-read because its output differs from its input.
 */
export function configFromEnv(text: string | undefined): DwqConfig {
  if (text === undefined || text.trim() === '') {
    throw new ConfigError(WEBHOOK_ENV.config, ['(environment): not set; the CDK inlines the flows config at bundle time']);
  }
  try {
    // JSON.parse, not the YAML reader: the text is JSON, and a YAML parser would double the bundle.
    return validateConfig(jsonOf(text), WEBHOOK_ENV.config);
  } catch (error) {
    const parsed = parsedConfigIn(text);
    if (parsed === undefined) throw error;
    return parsed;
  }
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(WEBHOOK_ENV.config, ['(environment): not JSON; the CDK inlines the flows config as JSON'], { cause: error });
  }
}

function parsedConfigIn(text: string): DwqConfig | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const config = data as Partial<DwqConfig> | null;
  const flows = Object.entries(config?.flows ?? {});
  const looksParsed =
    typeof config?.webhook?.maxBodyBytes === 'number' &&
    flows.length > 0 &&
    flows.every(([key, flow]) => flow?.name === key && typeof flow.maxDurationSeconds === 'number');
  return looksParsed ? (config as DwqConfig) : undefined;
}

const secretNamesSchema = z.record(
  z.string(),
  z.strictObject({ signing: z.string().min(1).optional(), token: z.string().min(1).optional() }),
);

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
  const result = secretNamesSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new ConfigError(WEBHOOK_ENV.secrets, issues, { cause: result.error });
  }
  return result.data;
}

export function requiredEnv(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigError(name, ['(environment): not set']);
  return value;
}
