/**
 * The state table as the Lambdas wire it from their environment, against a real DynamoDB-compatible
 * server (dynalite): the client behind it is created on first use, and it reaches the table named.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamo, type LocalDynamo } from '../../../../local/state/dynamodb-server.ts';
import type { SubmitInput } from '../../../../shared/run/submit.ts';
import { stateTableFromEnv } from '../../../../shared/aws/dynamodb/state-table.ts';
import { createTriggerClaims } from '../../../../shared/aws/dynamodb/trigger-claims.ts';
import { LAMBDA_ENV } from '../../../../shared/aws/lambda-env.ts';
import { triggerClaimKey } from '../../../../shared/run/trigger-claims.ts';

let dynamo: LocalDynamo;
let tableName: string;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  tableName = await dynamo.createStateTable('state-table-test');
});

afterAll(async () => {
  await dynamo.close();
});

const scheduledRun = (runId: string): SubmitInput => ({
  runId,
  trigger: { kind: 'schedule', id: 'nightly-load/nightly', time: '2026-03-01T02:00:00Z' },
  flow: {
    name: 'nightly-load',
    flowId: 'f21bf040-c22b-454e-8561-2115e90aaa55',
    dataworqFlowName: 'Sleep6Split',
    runProfileName: 'default',
    notificationEnabled: false,
    parameters: [],
    maxDurationSeconds: 900,
    lostAfterSeconds: 1800,
    overlap: 'skip',
  },
});

describe('Function: stateTableFromEnv', () => {
  it('wires nothing when no table is named', () => {
    // Act & Assess
    expect(stateTableFromEnv({ [LAMBDA_ENV.dynamodbEndpoint]: dynamo.endpoint })).toBeUndefined();
  });

  it('reaches the named table at the endpoint given, through a client made on the first call', async () => {
    // Prepare
    const table = stateTableFromEnv({ [LAMBDA_ENV.stateTable]: tableName, [LAMBDA_ENV.dynamodbEndpoint]: dynamo.endpoint, AWS_REGION: 'eu-west-1' });
    const claimTrigger = createTriggerClaims(table!);

    // Act
    const first = await claimTrigger(scheduledRun('run-first'));
    const second = await claimTrigger(scheduledRun('run-second'));

    // Assess
    expect([table?.tableName, first, second]).toEqual([tableName, true, false]);
    const key = { pk: { S: triggerClaimKey('nightly-load', scheduledRun('run-first').trigger) } };
    const item = await dynamo.client.send(new GetItemCommand({ TableName: tableName, Key: key }));
    expect(item.Item?.runId?.S).toBe('run-first');
  });
});
