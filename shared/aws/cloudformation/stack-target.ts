/**
 * A deployed stack as the operator commands use it: DescribeStacks gives the state table and the
 * state machine (stack-output-names.ts); then the same DynamoDB ledger adapter the engine writes
 * with, and the Step Functions launcher the webhook starts runs with. Credentials come from the
 * SDK's default chain; `profile` picks a profile of the shared config files.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { OperatorAccessError } from '../../errors.ts';
import type { RunLedger } from '../../ledger/run-ledger.ts';
import type { RunLauncher } from '../../model.ts';
import { createDynamoRunLedger } from '../dynamodb/run-ledger.ts';
import { lazyDynamoClient, type DynamoSend } from '../dynamodb/state-table.ts';
import { SfnRunLauncher } from '../sfn/run-launcher.ts';
import { accessErrorIn, explainingSend } from './access-errors.ts';
import { OPERATOR_OUTPUTS } from './stack-output-names.ts';
import { describeStackOutputs } from './stack-outputs.ts';

export interface StackTargetOptions {
  readonly stackName: string;
  readonly region?: string;
  readonly profile?: string;
  /** Injected in tests; default clients for the region and profile. */
  readonly clients?: {
    readonly cloudFormation?: CloudFormationClient;
    readonly dynamodb?: DynamoSend;
    readonly sfn?: SFNClient;
  };
}

export interface StackTarget {
  readonly ledger: RunLedger;
  readonly launcher: RunLauncher;
  readonly stateTableName: string;
  readonly stateMachineArn: string;
  /** e.g. `stack DataworqRunner in eu-west-1`. */
  readonly description: string;
}

export async function openStackTarget(options: StackTargetOptions): Promise<StackTarget> {
  const clientConfig = { ...(options.region && { region: options.region }), ...(options.profile && { profile: options.profile }) };
  const description = `stack ${options.stackName}${options.region ? ` in ${options.region}` : ''}${options.profile ? ` (profile ${options.profile})` : ''}`;
  const cloudFormation = options.clients?.cloudFormation ?? new (await import('@aws-sdk/client-cloudformation')).CloudFormationClient(clientConfig);
  const outputs = await describeStackOutputs(cloudFormation, options.stackName, description);
  const stateTableName = requiredOutput(outputs, OPERATOR_OUTPUTS.stateTableName, options.stackName);
  const stateMachineArn = requiredOutput(outputs, OPERATOR_OUTPUTS.stateMachineArn, options.stackName);

  const dynamodb = options.clients?.dynamodb ?? lazyDynamoClient(clientConfig);
  const tableContext = { target: description, resource: `table ${stateTableName} (output ${OPERATOR_OUTPUTS.stateTableName})` };
  const ledger = createDynamoRunLedger({ client: { send: explainingSend(dynamodb, tableContext) }, tableName: stateTableName });

  const sfn = options.clients?.sfn ?? new (await import('@aws-sdk/client-sfn')).SFNClient(clientConfig);
  const machineContext = { target: description, resource: `state machine ${stateMachineArn} (output ${OPERATOR_OUTPUTS.stateMachineArn})` };
  const explained = new Proxy(sfn, { get: (target, key, receiver) => (key === 'send' ? explainingSend(target, machineContext) : Reflect.get(target, key, receiver)) });
  const launcher = surfacingAccessErrors(new SfnRunLauncher({ stateMachineArn, client: explained }));
  return { ledger, launcher, stateTableName, stateMachineArn, description };
}

function requiredOutput(outputs: Readonly<Record<string, string>>, key: string, stackName: string): string {
  const value = outputs[key];
  if (value) return value;
  throw new OperatorAccessError(`stack ${stackName} has no output ${key}: it was deployed by an older version; redeploy it (npm run deploy) to add the outputs the operator commands read`);
}

/** The launcher wraps SDK errors in its own; the explanation of a refusal is what the operator needs. */
function surfacingAccessErrors(launcher: RunLauncher): RunLauncher {
  const surface = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw accessErrorIn(error) ?? error;
    }
  };
  return {
    start: (name, input) => surface(() => launcher.start(name, input)),
    describe: (runId) => surface(() => launcher.describe(runId)),
  };
}
