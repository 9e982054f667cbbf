/**
 * Where an operator command acts: the `dwq start` running here (found through its runtime.json,
 * or `--local URL`), or a deployed stack (`--stack NAME [--region R] [--profile P]`). Either way
 * the command gets the same OperatorDeps: a run ledger and a run launcher.
 */
import { userInfo } from 'node:os';
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { openStackTarget } from '../../shared/aws/cloudformation/stack-target.ts';
import { createDynamoRunLedger } from '../../shared/aws/dynamodb/run-ledger.ts';
import { endpointDynamoClient, type DynamoSend } from '../../shared/aws/dynamodb/state-table.ts';
import { systemClock } from '../../shared/clock.ts';
import { loadConfig } from '../../shared/config/load.ts';
import { OperatorAccessError } from '../../shared/errors.ts';
import type { OperatorDeps } from '../../shared/operator/operator-deps.ts';
import type { Env } from '../runtime/dataworq-connection.ts';
import { LocalHttpLauncher, localStateTable, type LocalEndpoint } from '../runtime/local-operator-client.ts';
import { readRuntimeFile, RUNTIME_FILE_ENV, runtimeFilePath } from '../runtime/runtime-file.ts';
import { configPathOf } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';

/** The token for `--local URL` when no runtime.json names that URL. */
export const LOCAL_TOKEN_ENV = 'DWQ_LOCAL_TOKEN';
/** How often `--wait` and `--follow` read the record (ms). Default 2000. */
export const POLL_INTERVAL_ENV = 'DWQ_POLL_INTERVAL_MS';

export interface OperatorTarget {
  readonly deps: OperatorDeps;
  /** `the local dwq start at http://...` or `stack X in R`. */
  readonly description: string;
  close(): void;
}

export function withTargetOptions<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(command: Command<Args, Opts, GlobalOpts>) {
  return withTargetOnlyOptions(command).option(
    '--config <file>',
    'the flows config, to resolve flows and parameters (default: the one dwq start runs, else $DWQ_CONFIG, else config/dataworq.yaml)',
  );
}

/** The target options without --config, for commands that have their own. */
export function withTargetOnlyOptions<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(command: Command<Args, Opts, GlobalOpts>) {
  return command
    .option('--local <url>', `a running dwq start at this URL (default: the one named by .dwq/runtime.json, or $${RUNTIME_FILE_ENV})`)
    .option('--stack <name>', 'a deployed stack, found with CloudFormation DescribeStacks (credentials: the AWS SDK default chain)')
    .option('--region <region>', 'the stack\'s region (default: AWS_REGION, or the profile\'s)')
    .option('--profile <profile>', 'a profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE)');
}

/** --local, --stack, --region, --profile and --config, as withTargetOptions declares them. */
export type TargetOptions = OptionsOf<ReturnType<typeof withTargetOptions<[], {}, {}>>>;

export async function openTarget(options: TargetOptions, env: Env): Promise<OperatorTarget> {
  if (options.stack !== undefined && options.local !== undefined) throw new OperatorAccessError('pass either --stack or --local, not both');
  if (options.stack === undefined && (options.region !== undefined || options.profile !== undefined)) {
    throw new OperatorAccessError('--region and --profile choose where a deployed stack is: pass --stack NAME with them');
  }
  return options.stack === undefined ? openLocal(options, env) : openStack(options.stack, options, env);
}

async function openStack(stackName: string, options: TargetOptions, env: Env): Promise<OperatorTarget> {
  const config = loadConfig(configPathOf(options.config, env));
  const stack = await openStackTarget({ stackName, region: options.region, profile: options.profile });
  return { deps: { ledger: stack.ledger, launcher: stack.launcher, config, clock: systemClock }, description: stack.description, close: () => undefined };
}

async function openLocal(options: TargetOptions, env: Env): Promise<OperatorTarget> {
  const file = runtimeFilePath(env);
  const info = readRuntimeFile(file);
  let endpoint: LocalEndpoint;
  let table: { endpoint: string; tableName: string };
  if (options.local !== undefined) {
    const url = options.local.replace(/\/+$/, '');
    const token = env[LOCAL_TOKEN_ENV] || (info?.url === url ? info.token : undefined);
    if (!token) throw new OperatorAccessError(`--local ${url}: no token for it; set ${LOCAL_TOKEN_ENV} to the token in that dwq start's runtime.json`);
    endpoint = { url, token };
    table = await localStateTable(endpoint);
  } else {
    if (info === undefined) throw new OperatorAccessError(`no dwq start is running here (${file} not found): start one with dwq start, or pass --stack NAME for a deployed stack, or --local URL`);
    endpoint = { url: info.url, token: info.token };
    table = info.stateTable;
  }
  const configPath = options.config ?? (options.local === undefined ? info?.configPath : undefined);
  const config = loadConfig(configPathOf(configPath, env));
  const client = await endpointDynamoClient(table.endpoint);
  const ledger = createDynamoRunLedger({ client: { send: unreachableExplained(client, endpoint.url) }, tableName: table.tableName });
  return {
    deps: { ledger, launcher: new LocalHttpLauncher(endpoint), config, clock: systemClock },
    description: `the local dwq start at ${endpoint.url}`,
    close: () => client.destroy(),
  };
}

/** dynalite lives in the dwq start process: when it is gone, say so rather than ECONNREFUSED. */
function unreachableExplained(client: DynamoSend, url: string): DynamoSend['send'] {
  const send = async (...args: Parameters<DynamoSend['send']>) => {
    try {
      return await client.send(...args);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (code !== 'ECONNREFUSED' && code !== 'ECONNRESET') throw error;
      throw new OperatorAccessError(`the dwq start at ${url} is not running any more (its state table does not answer): start it again with dwq start`, { cause: error });
    }
  };
  return send as DynamoSend['send'];
}

/** Opens the target, runs the command, closes the target. */
export async function withTarget<T>(options: TargetOptions, env: Env, act: (target: OperatorTarget) => Promise<T>): Promise<T> {
  const target = await openTarget(options, env);
  try {
    return await act(target);
  } finally {
    target.close();
  }
}

export function pollIntervalMs(env: Env): number {
  const value = Number(env[POLL_INTERVAL_ENV]);
  return Number.isFinite(value) && value >= 10 ? value : 2000;
}

/** Who asked, as run records keep it. */
export function cliUser(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}
