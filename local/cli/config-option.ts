/** The `--config <file>` every config-reading command takes, and how it is read. */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../shared/config/load.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { Env } from '../runtime/dataworq-connection.ts';

/** Generic, as every shared option helper is, so the options the command declared already stay typed. */
export function withConfigOption<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(command: Command<Args, Opts, GlobalOpts>) {
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
