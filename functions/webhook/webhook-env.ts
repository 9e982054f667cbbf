/**
 * The webhook Lambda's config: the per-caller secret names and the flows config, read on the
 * first request from the `config.json` the stack writes into the asset (shared/aws/config-file.ts),
 * or, in tests, from the environment variables of the same meaning (shared/aws/lambda-env.ts).
 *
 * The config is the DwqConfig the stack validated at synth (the same zod schema as local mode and
 * `dwq validate`). The Lambda only checks it is that form, and carries no schema (docs/bench.md, P3).
 */
import { validatedConfigIn } from '../../shared/aws/config-file.ts';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import type { WebhookSecretNames } from '../../shared/aws/secrets-manager/webhook-secrets.ts';
import { ConfigError } from '../../shared/config/config-error.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { isRecord } from '../../shared/guards.ts';

const SECRET_KINDS: readonly string[] = ['signing', 'token'] satisfies readonly (keyof WebhookSecretNames)[];

/** The file's content, checked: the same checks as the environment's. */
export function webhookConfigFromFile(data: unknown): { config: DwqConfig; secretNames: Record<string, WebhookSecretNames> } {
  const file = isRecord(data) ? data : {};
  const config = validatedConfigIn(file.config);
  if (!config) throw new ConfigError('config.json', ['config: not the validated config the stack writes at synth; redeploy with `npx cdk deploy`']);
  const issues = secretNamesProblems(file.webhookSecrets ?? {});
  if (issues.length > 0) throw new ConfigError('config.json', issues.map((issue) => `webhookSecrets.${issue}`));
  return { config, secretNames: (file.webhookSecrets ?? {}) as Record<string, WebhookSecretNames> };
}

export function secretNamesFromEnv(text: string | undefined): Record<string, WebhookSecretNames> {
  if (text === undefined || text.trim() === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(LAMBDA_ENV.webhookSecrets, ['(environment): not JSON; expected { "<caller>": { "signing": "...", "token": "..." } }'], {
      cause: error,
    });
  }
  const issues = secretNamesProblems(data);
  if (issues.length > 0) throw new ConfigError(LAMBDA_ENV.webhookSecrets, issues);
  return data as Record<string, WebhookSecretNames>;
}

/**
 * Checked by hand, not by a zod schema: a few lines of checks cost nothing at init, and the
 * webhook's bundle need not evaluate zod for them (docs/bench.md, P3).
 */
function secretNamesProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['(top level): expected an object { "<caller>": { "signing": "...", "token": "..." } }'];
  const issues: string[] = [];
  for (const [caller, names] of Object.entries(data)) {
    if (!isRecord(names)) {
      issues.push(`${caller}: expected an object with signing and/or token`);
      continue;
    }
    for (const [kind, name] of Object.entries(names)) {
      if (!SECRET_KINDS.includes(kind)) issues.push(`${caller}.${kind}: unknown key; expected signing or token`);
      else if (typeof name !== 'string' || name === '') issues.push(`${caller}.${kind}: expected a secret name or ARN (non-empty text)`);
    }
  }
  return issues;
}


export function configFromEnv(text: string | undefined): DwqConfig {
  if (text === undefined || text.trim() === '') {
    throw new ConfigError(LAMBDA_ENV.config, ['(environment): not set, and no config.json in the asset; the stack writes it at synth: redeploy with `npx cdk deploy`']);
  }
  // JSON.parse, not the YAML reader: the text is JSON, and a YAML parser would double the bundle.
  const config = validatedConfigIn(jsonOf(text));
  if (!config) {
    throw new ConfigError(LAMBDA_ENV.config, [
      '(environment): not the validated config the stack inlines at synth; deploy with `npx cdk deploy` instead of editing the function',
    ]);
  }
  return config;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(LAMBDA_ENV.config, ['(environment): not JSON; the CDK inlines the flows config as JSON'], { cause: error });
  }
}
