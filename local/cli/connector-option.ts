/**
 * `dwq status` and `dwq jobs` ask a DataWORQ that is already running: the real connector named in
 * the environment, or an emulator started with `dwq emulator` (--emulator-url). Keys always come
 * from the environment, never from the command line, where other users could read them.
 */
import type { Command } from 'commander';
import type { DataworqClient } from '../../shared/dataworq/types.ts';
import { DwqError, ValidationError } from '../../shared/errors.ts';
import { connectorClient, connectorFromEnv, DATAWORQ_ENV, type Env } from '../runtime/dataworq-connection.ts';
import { CliError } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';

export interface ConnectorOptions {
  readonly emulatorUrl?: string;
}

export function withConnectorOptions(command: Command): Command {
  return command.option('--emulator-url <url>', `a running \`dwq emulator\` (keys from ${DATAWORQ_ENV.apiKey} and ${DATAWORQ_ENV.userApiKey})`);
}

export function dataworqClientFor(options: ConnectorOptions, env: Env): DataworqClient {
  const settings = connectorFromEnv(env, undefined, options.emulatorUrl);
  if (settings === undefined) {
    throw new CliError(
      `no DataWORQ to ask: set ${DATAWORQ_ENV.url}, ${DATAWORQ_ENV.userApiKey} and ${DATAWORQ_ENV.apiKey} (Cloud Connector), ` +
        `or pass --emulator-url with the keys \`dwq emulator\` printed in those variables`,
    );
  }
  return connectorClient(settings);
}

/** DataWORQ's failures as one-line CLI errors with their own exit code. */
export async function askDataworq<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ValidationError || !(error instanceof DwqError)) throw error;
    throw new CliError(`DataWORQ: ${error.message.split('\n')[0] ?? error.name}`, EXIT.dataworq, { cause: error });
  }
}
