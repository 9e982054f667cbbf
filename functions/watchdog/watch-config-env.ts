/**
 * The watchdog's config: the WatchConfig the stack derived at synth (schedules and LATE rules,
 * no subscriber's address), read on the first watch from the `config.json` in the asset
 * (shared/aws/config-file.ts).
 */
import { ConfigError } from '../../shared/config/config-error.ts';
import type { WatchConfig } from '../../shared/watch/watch-config.ts';

const REDEPLOY = 'the stack writes at synth; deploy with `npx cdk deploy` instead of editing the function';

/** The asset's file, checked. */
export function watchConfigFromFile(data: unknown): WatchConfig {
  const watch = (data as { watch?: unknown } | null | undefined)?.watch;
  if (!isWatchConfig(watch)) throw new ConfigError('config.json', [`watch: not the watch config ${REDEPLOY}`]);
  return watch;
}

function isWatchConfig(data: unknown): data is WatchConfig {
  const config = data as Partial<WatchConfig> | null | undefined;
  return Array.isArray(config?.flows) && typeof config.since === 'string' && !Number.isNaN(Date.parse(config.since));
}
