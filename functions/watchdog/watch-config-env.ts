/**
 * The watchdog's config: the WatchConfig the stack derived at synth (schedules and LATE rules,
 * no subscriber's address), put in place of `process.env.DWQ_WATCH_CONFIG_JSON` by esbuild.
 * Read in this one function, so the delivery can change (a file inside the asset) in one place.
 */
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import { ConfigError } from '../../shared/config/config-error.ts';
import type { WatchConfig } from '../../shared/watch/watch-config.ts';

export function watchConfigFromEnv(text: string | undefined): WatchConfig {
  if (text === undefined || text.trim() === '') {
    throw new ConfigError(LAMBDA_ENV.watchConfig, ['(environment): not set; the CDK inlines the watch config at bundle time: deploy with `npx cdk deploy`']);
  }
  let data: Partial<WatchConfig> | null;
  try {
    data = JSON.parse(text) as Partial<WatchConfig> | null;
  } catch (error) {
    throw new ConfigError(LAMBDA_ENV.watchConfig, ['(environment): not JSON; the CDK inlines the watch config as JSON'], { cause: error });
  }
  if (!Array.isArray(data?.flows) || typeof data.since !== 'string' || Number.isNaN(Date.parse(data.since))) {
    throw new ConfigError(LAMBDA_ENV.watchConfig, ['(environment): not the watch config the stack inlines at synth; deploy with `npx cdk deploy` instead of editing the function']);
  }
  return data as WatchConfig;
}
