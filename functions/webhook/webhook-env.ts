/**
 * The webhook Lambda's inlined flows config: the DwqConfig the stack validated at synth (the same
 * zod schema as local mode and `dwq validate`), put in place of `process.env.DWQ_CONFIG_JSON` by
 * esbuild. Validated once, at synth: the Lambda only checks it is that form, and carries no schema
 * (docs/bench.md, P3). Kept apart from webhook-env-vars.ts so that the handler can load it on its
 * first request.
 */
import { ConfigError } from '../../shared/config/config-error.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { WEBHOOK_ENV } from './webhook-env-vars.ts';

export { requiredEnv, secretNamesFromEnv, WEBHOOK_ENV } from './webhook-env-vars.ts';

export function configFromEnv(text: string | undefined): DwqConfig {
  if (text === undefined || text.trim() === '') {
    throw new ConfigError(WEBHOOK_ENV.config, ['(environment): not set; the CDK inlines the flows config at bundle time']);
  }
  // JSON.parse, not the YAML reader: the text is JSON, and a YAML parser would double the bundle.
  const config = parsedConfigIn(jsonOf(text));
  if (!config) {
    throw new ConfigError(WEBHOOK_ENV.config, [
      '(environment): not the validated config the stack inlines at synth; deploy with `npx cdk deploy` instead of editing the function',
    ]);
  }
  return config;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(WEBHOOK_ENV.config, ['(environment): not JSON; the CDK inlines the flows config as JSON'], { cause: error });
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
