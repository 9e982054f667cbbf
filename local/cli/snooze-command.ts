/**
 * `dwq snooze <flow> <duration>`: the flow's failures alert no one for that long (they are still
 * recorded), and one summary follows when the snooze ends (docs/config.md, maintenance windows).
 * Local mode: the state table named by DWQ_STATE_TABLE at DWQ_DYNAMODB_ENDPOINT (dynalite).
 */
import type { Command } from '@commander-js/extra-typings';
import { createMaintenanceStore } from '../../shared/aws/dynamodb/maintenance.ts';
import { endpointDynamoClient, lazyDynamoClient, type StateTableRef } from '../../shared/aws/dynamodb/state-table.ts';
import { openStackTarget } from '../../shared/aws/cloudformation/stack-target.ts';
import { readRuntimeFile, runtimeFilePath } from '../runtime/runtime-file.ts';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import type { MaintenanceStore, Snooze } from '../../shared/maintenance/maintenance-store.ts';
import { CliError, writeLine } from './cli-io.ts';
import { readConfig, withConfigOption } from './config-option.ts';
import type { OptionsOf } from './declared-options.ts';
import { EXIT } from './exit-codes.ts';
import type { CliContext } from './program.ts';

const DURATION = /^([1-9][0-9]*)([mhd])$/;
const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;
/** A snooze is for an outage you know about, not a way to silence a flow for good (`dwq pause` is). */
export const MAX_SNOOZE_SECONDS = 7 * 86_400;

/** `2h` → 7200; throws CliError for anything else. */
export function snoozeSeconds(text: string): number {
  const match = DURATION.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS] : Number.NaN;
  if (!Number.isFinite(seconds) || seconds > MAX_SNOOZE_SECONDS) {
    throw new CliError(`snooze duration '${text}' is not a duration from 1m to 7d such as 30m, 2h or 1d`);
  }
  return seconds;
}

/** The core of the command: validated flow and duration in, the snooze written. */
export async function snoozeFlow(store: MaintenanceStore, flow: string, seconds: number, at: Date, by?: string): Promise<Snooze> {
  const snooze: Snooze = { flow, since: at.toISOString(), until: new Date(at.getTime() + seconds * 1000).toISOString(), ...(by ? { by } : {}) };
  await store.snooze(snooze);
  return snooze;
}

export function registerSnoozeCommand(program: Command, context: CliContext) {
  return withConfigOption(program.command('snooze'))
    .description("Keep a flow's failures quiet for a while (still recorded); one summary when it ends.")
    .argument('<flow>', 'the flow (its key in the config)')
    .argument('<duration>', 'how long: 30m, 2h, 1d (at most 7d)')
    .option('--by <name>', 'who snoozed it, for the summary')
    .option('--stack <name>', "snooze in a deployed stack (its state table, from the stack's outputs)")
    .option('--region <region>', "the stack's region (default: AWS_REGION, or the profile's)")
    .option('--profile <profile>', 'a profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE)')
    .action((flow, duration, options): Promise<void> => snooze(flow, duration, options, context));
}

type SnoozeOptions = OptionsOf<ReturnType<typeof registerSnoozeCommand>>;

async function snooze(flow: string, duration: string, options: SnoozeOptions, context: CliContext): Promise<void> {
  const { config } = readConfig(options.config, context.io.env);
  if (!Object.hasOwn(config.flows, flow)) throw new CliError(`unknown flow '${flow}' (known: ${Object.keys(config.flows).join(', ')})`);
  const seconds = snoozeSeconds(duration);
  const table = await snoozeTable(options, context);
  try {
    const written = await snoozeFlow(createMaintenanceStore(table.ref), flow, seconds, new Date(), options.by);
    writeLine(context.io.stdout, `${flow} snoozed until ${written.until} in ${table.where}: its failures are recorded but alert no one; one summary follows.`);
  } finally {
    table.close();
  }
}

/**
 * The state table to write the snooze to: a deployed stack's (`--stack`, from its outputs), the
 * one named by the environment, or the running `dwq start`'s (its runtime.json), in that order.
 */
async function snoozeTable(options: SnoozeOptions, context: CliContext): Promise<{ ref: StateTableRef; where: string; close(): void }> {
  const env = context.io.env;
  if (options.stack !== undefined) {
    const stack = await openStackTarget({ stackName: options.stack, region: options.region, profile: options.profile });
    const clientConfig = { ...(options.region && { region: options.region }), ...(options.profile && { profile: options.profile }) };
    return { ref: { client: lazyDynamoClient(clientConfig), tableName: stack.stateTableName }, where: stack.description, close: () => undefined };
  }
  const fromEnv = env[LAMBDA_ENV.dynamodbEndpoint] && env[LAMBDA_ENV.stateTable] ? { endpoint: env[LAMBDA_ENV.dynamodbEndpoint]!, tableName: env[LAMBDA_ENV.stateTable]! } : undefined;
  const running = fromEnv ?? readRuntimeFile(runtimeFilePath(env))?.stateTable;
  if (running === undefined) {
    throw new CliError(`no run state table to write to: start local mode (dwq start) in this folder, pass --stack NAME for a deployed stack, or set ${LAMBDA_ENV.dynamodbEndpoint} and ${LAMBDA_ENV.stateTable}`);
  }
  const client = await endpointDynamoClient(running.endpoint);
  return { ref: { client, tableName: running.tableName }, where: `the local state table at ${running.endpoint}`, close: () => client.destroy() };
}
