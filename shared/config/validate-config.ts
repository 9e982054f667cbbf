/**
 * The schema half of reading the flows config: data already parsed (from YAML or JSON) →
 * DwqConfig, or a ConfigError listing every problem. No YAML parser here, so the webhook Lambda
 * validates its inlined JSON config without bundling one (about 110 KB; docs/bench.md).
 */
import { ConfigError } from './config-error.ts';
import { configErrorMap, formatIssues } from './format-issues.ts';
import { configSchema, type DwqConfig } from './schema.ts';

export function validateConfig(data: unknown, source = 'config'): DwqConfig {
  if (data === null || data === undefined) throw new ConfigError(source, ['(top level): the file is empty; at least one flow is required']);
  const result = configSchema.safeParse(data, { error: configErrorMap });
  if (!result.success) throw new ConfigError(source, formatIssues(result.error.issues), { cause: result.error });
  return result.data;
}
