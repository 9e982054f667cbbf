/**
 * The watchdog's config: the WatchConfig the stack derived at synth (schedules and LATE rules,
 * no subscriber's address), read on the first watch from the `config.json` in the asset
 * (shared/aws/config-file.ts) or, in tests, from the environment variable of the same meaning.
 */
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import { ConfigError } from '../../shared/config/config-error.ts';
import type { WatchConfig } from '../../shared/watch/watch-config.ts';

const REDEPLOY = 'the stack writes at synth; deploy with `npx cdk deploy` instead of editing the function';

/** The asset's file, checked. */
export function watchConfigFromFile(data: unknown): WatchConfig {
  const watch = (data as { watch?: unknown } | null | undefined)?.watch;
  if (!isWatchConfig(watch)) throw new ConfigError('config.json', [`watch: not the watch config ${REDEPLOY}`]);
  return watch;
}

export function watchConfigFromEnv(text: string | undefined): WatchConfig {
  if (text === undefined || text.trim() === '') {
    throw new ConfigError(LAMBDA_ENV.watchConfig, ['(environment): not set, and no config.json in the asset; the stack writes it at synth: deploy with `npx cdk deploy`']);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(LAMBDA_ENV.watchConfig, ['(environment): not JSON; expected the watch config as JSON'], { cause: error });
  }
  if (!isWatchConfig(data)) throw new ConfigError(LAMBDA_ENV.watchConfig, [`(environment): not the watch config ${REDEPLOY}`]);
  return data;
}

function isWatchConfig(data: unknown): data is WatchConfig {
  const config = data as Partial<WatchConfig> | null | undefined;
  return Array.isArray(config?.flows) && typeof config.since === 'string' && !Number.isNaN(Date.parse(config.since));
}
