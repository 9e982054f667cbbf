/** The `--config <file>` every config-reading command takes, and how it is read. */
import type { Command } from 'commander';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../shared/config/load.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { Env } from '../runtime/dataworq-connection.ts';

/** What `--config <file>` (withConfigOption, withTargetOptions) gives a command's options. */
export interface ConfigOption {
  readonly config?: string;
}

export function withConfigOption(command: Command): Command {
  return command.option('--config <file>', 'the flows config (default: $DWQ_CONFIG, else config/dataworq.yaml)');
}

export function configPathOf(file: string | undefined, env: Env): string {
  return file ?? (env['DWQ_CONFIG'] || DEFAULT_CONFIG_PATH);
}

/** Throws ConfigError listing every problem. */
export function readConfig(file: string | undefined, env: Env): { path: string; config: DwqConfig } {
  const path = configPathOf(file, env);
  return { path, config: loadConfig(path) };
}
