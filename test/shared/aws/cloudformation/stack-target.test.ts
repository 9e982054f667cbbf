/**
 * The operator commands' AWS path: DescribeStacks (stubbed) gives the table and state machine;
 * the ledger runs on dynalite, Step Functions on a stub. Refusals name the action or output missing.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { useStateTable } from '../../../helpers/state-table-kit.ts';
import { openStackTarget } from '../../../../shared/aws/cloudformation/stack-target.ts';
import { loadConfig } from '../../../../shared/config/load.ts';
import { OperatorAccessError } from '../../../../shared/errors.ts';
import { listRuns, pauseTrigger, triggerRun } from '../../../../shared/operator/operations.ts';
import { STATE_MACHINE_ARN, stubStepFunctions } from '../../webhook/step-functions-stub.ts';

const config = loadConfig();
const clock = { now: () => new Date() };
const state = useStateTable('stack-state');
const cloudFormation = mockClient(CloudFormationClient);

afterEach(() => {
  cloudFormation.reset();
});

function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
}

function stackWith(outputs: Record<string, string>) {
  cloudFormation.on(DescribeStacksCommand, { StackName: 'dwq-prod' }).resolves({
    Stacks: [{ StackName: 'dwq-prod', CreationTime: new Date(), StackStatus: 'UPDATE_COMPLETE', Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }],
  });
}

const open = (sfn = new SFNClient({ region: 'eu-west-1' }), dynamodb: { send: (command: never) => Promise<unknown> } = state.dynamo.client) =>
  openStackTarget({ stackName: 'dwq-prod', region: 'eu-west-1', clients: { cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }), dynamodb: dynamodb as never, sfn } });

describe('Function: openStackTarget', () => {
  it('triggers a run with StartExecution on the output state machine and pauses in the output table', async () => {
    // Prepare
    stackWith({ StateTableName: state.tableName, StateMachineArn: STATE_MACHINE_ARN });
    const sfn = stubStepFunctions();
    const target = await open();
    const deps = { ledger: target.ledger, launcher: target.launcher, config, clock };

    // Act
    const started = await triggerRun(deps, { flow: 'demo-load', parameters: { ROWS: 42 }, by: 'cli:alice' });
    await pauseTrigger(deps, { flow: 'sleep-split', reason: 'maintenance', by: 'cli:alice' });
    const listing = await listRuns(deps, { limit: 10 });

    // Assess
    const [call] = sfn.client.commandCalls(StartExecutionCommand);
    expect(call?.args[0].input).toMatchObject({ stateMachineArn: STATE_MACHINE_ARN, name: started.runId });
    expect(JSON.parse(String(call?.args[0].input.input))).toMatchObject({ flow: { name: 'demo-load', parameters: expect.arrayContaining([{ name: 'ROWS', type: 'integer', value: 42 }]) }, trigger: { kind: 'manual', id: 'cli:alice' } });
    expect(listing.paused).toEqual([expect.objectContaining({ flow: 'sleep-split', reason: 'maintenance', active: true })]);
    expect(target.description).toBe('stack dwq-prod in eu-west-1');
    sfn.client.restore();
  });

  it('says the stack does not exist, naming --stack and --region, when CloudFormation answers so', async () => {
    // Prepare
    cloudFormation.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id dwq-prod does not exist'));

    // Act
    const opening = open();

    // Assess
    await expect(opening).rejects.toBeInstanceOf(OperatorAccessError);
    await expect(opening).rejects.toThrow(/stack dwq-prod does not exist .*check --stack and --region/);
  });

  it.each([
    ['AccessDenied', /cloudformation:DescribeStacks was refused .*OperatorPolicy/],
    ['ExpiredToken', /did not accept the credentials .*--profile/],
  ])('names what is missing when DescribeStacks fails with %s', async (name, message) => {
    // Prepare
    cloudFormation.on(DescribeStacksCommand).rejects(awsError(name));

    // Act / Assess
    await expect(open()).rejects.toThrow(message);
  });

  it('names the missing output of a stack deployed by an older version', async () => {
    // Prepare
    stackWith({ StateMachineArn: STATE_MACHINE_ARN });

    // Act / Assess
    await expect(open()).rejects.toThrow(/stack dwq-prod has no output StateTableName: .*redeploy/);
  });

  it('names dynamodb:Query when the ledger read is refused', async () => {
    // Prepare
    stackWith({ StateTableName: state.tableName, StateMachineArn: STATE_MACHINE_ARN });
    const refusing = { send: async () => Promise.reject(awsError('AccessDeniedException', 'User is not authorized to perform: dynamodb:Query')) };
    const target = await open(undefined, refusing);

    // Act
    const listing = target.ledger.list({ limit: 5 });

    // Assess
    await expect(listing).rejects.toBeInstanceOf(OperatorAccessError);
    await expect(listing).rejects.toThrow(/dynamodb:Query was refused on table stack-state \(output StateTableName\)/);
  });

  it('names states:StartExecution when starting the run is refused', async () => {
    // Prepare
    stackWith({ StateTableName: state.tableName, StateMachineArn: STATE_MACHINE_ARN });
    const sfn = stubStepFunctions();
    sfn.client.on(StartExecutionCommand).rejects(awsError('AccessDeniedException'));
    const target = await open();

    // Act
    const starting = triggerRun({ ledger: target.ledger, launcher: target.launcher, config, clock }, { flow: 'demo-load', by: 'cli:alice' });

    // Assess
    await expect(starting).rejects.toThrow(/states:StartExecution was refused on state machine .*dwq-run-flow/);
    sfn.client.restore();
  });
});
