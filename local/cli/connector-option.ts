/**
 * `dwq status` and `dwq jobs` ask a DataWORQ that is already running: the real connector named in
 * the environment, an emulator started with `dwq emulator` (--emulator-url), or else the emulator
 * of an `npm start` running in another shell (its session file). Keys come from the environment
 * or that file, never from the command line, where other users could read them.
 */
import type { Command, OptionValues } from '@commander-js/extra-typings';
import type { DataworqClient } from '../../shared/dataworq/types.ts';
import { DataworqRejectedError, DwqError, ValidationError } from '../../shared/errors.ts';
import { connectorClient, connectorFromEnv, DATAWORQ_ENV, type Env } from '../runtime/dataworq-connection.ts';
import { readSession } from '../runtime/local-session.ts';
import { CliError } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT } from './exit-codes.ts';

export function withConnectorOptions<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(command: Command<Args, Opts, GlobalOpts>) {
  return command.option('--emulator-url <url>', `a running \`dwq emulator\` (keys from ${DATAWORQ_ENV.apiKey} and ${DATAWORQ_ENV.userApiKey})`);
}

/** What withConnectorOptions adds to a command's options. */
export type ConnectorOptions = OptionsOf<ReturnType<typeof withConnectorOptions<[], {}, {}>>>;

export function dataworqClientFor(options: ConnectorOptions, env: Env): DataworqClient {
  const settings = connectorFromEnv(env, undefined, options.emulatorUrl);
  if (settings !== undefined) return connectorClient(settings);
  const session = readSession(env);
  if (session !== undefined) {
    return connectorClient({ transport: 'cloud-connector', url: session.emulatorUrl, keys: { apiKey: session.apiKey, userApiKey: session.userApiKey } });
  }
  throw new CliError(
    `no DataWORQ to ask: start local mode (\`npm start\`) in another shell, set ${DATAWORQ_ENV.url}, ${DATAWORQ_ENV.userApiKey} and ${DATAWORQ_ENV.apiKey} (Cloud Connector), ` +
      'or paste the export lines `dwq emulator` prints',
  );
}

/**
 * DataWORQ's failures as one-line CLI errors with their own exit code. DataWORQ answers 400 both
 * to wrong keys and to an unknown job, so a refused call is followed by one list call: when that
 * is refused too, every call is, and the keys are what to check.
 */
export async function askDataworq<T>(call: () => Promise<T>, client?: DataworqClient): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ValidationError || !(error instanceof DwqError)) throw error;
    if (error instanceof DataworqRejectedError && client !== undefined && (await listIsRefused(client))) {
      throw new CliError(
        `DataWORQ refused every call (HTTP ${error.status}): check ${DATAWORQ_ENV.apiKey} and ${DATAWORQ_ENV.userApiKey} (and ${DATAWORQ_ENV.url}); they must be this DataWORQ's keys`,
        EXIT.dataworq,
        { cause: error },
      );
    }
    throw new CliError(`DataWORQ: ${error.message.split('\n')[0] ?? error.name}`, EXIT.dataworq, { cause: error });
  }
}

async function listIsRefused(client: DataworqClient): Promise<boolean> {
  try {
    await client.listJobs('active');
    return false;
  } catch (error) {
    return error instanceof DataworqRejectedError;
  }
}
