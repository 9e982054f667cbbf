/**
 * The webhook Lambda's environment values that need parsing: the per-flow secret names, read at
 * init, and the inlined flows config, read on the first request. The variables' names and
 * defaults are shared/aws/lambda-env.ts's, which the CDK construct sets from too.
 *
 * The config is the DwqConfig the stack validated at synth (the same zod schema as local mode and
 * `dwq validate`), put in place of `process.env.DWQ_CONFIG_JSON` by esbuild. The Lambda only
 * checks it is that form, and carries no schema (docs/bench.md, P3).
 */
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import type { WebhookSecretNames } from '../../shared/aws/secrets-manager/webhook-secrets.ts';
import { ConfigError } from '../../shared/config/config-error.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { isRecord } from '../../shared/guards.ts';

const SECRET_KINDS: readonly string[] = ['signing', 'token'] satisfies readonly (keyof WebhookSecretNames)[];

export function secretNamesFromEnv(text: string | undefined): Record<string, WebhookSecretNames> {
  if (text === undefined || text.trim() === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(LAMBDA_ENV.webhookSecrets, ['(environment): not JSON; expected { "<flow>": { "signing": "...", "token": "..." } }'], {
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
  if (!isRecord(data)) return ['(top level): expected an object { "<flow>": { "signing": "...", "token": "..." } }'];
  const issues: string[] = [];
  for (const [flow, names] of Object.entries(data)) {
    if (!isRecord(names)) {
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


export function configFromEnv(text: string | undefined): DwqConfig {
  if (text === undefined || text.trim() === '') {
    throw new ConfigError(LAMBDA_ENV.config, ['(environment): not set; the CDK inlines the flows config at bundle time']);
  }
  // JSON.parse, not the YAML reader: the text is JSON, and a YAML parser would double the bundle.
  const config = parsedConfigIn(jsonOf(text));
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

/** The config as loadConfig returns it, or undefined when `data` does not look like one. */
function parsedConfigIn(data: unknown): DwqConfig | undefined {
  const config = data as Partial<DwqConfig> | null;
  const flows = Object.entries(config?.flows ?? {});
  const looksParsed =
    typeof config?.webhook?.maxBodyBytes === 'number' &&
    flows.length > 0 &&
    flows.every(([key, flow]) => flow?.name === key && typeof flow.maxDurationSeconds === 'number');
  return looksParsed ? (config as DwqConfig) : undefined;
}
