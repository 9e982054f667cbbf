/**
 * The state table as the Lambdas wire it from their environment, against a real DynamoDB-compatible
 * server (dynalite): the client behind it is created on first use, and it reaches the table named.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useStateTable } from '../../../helpers/state-table-kit.ts';
import type { SubmitInput } from '../../../../shared/run/submit.ts';
import { stateTableFromEnv } from '../../../../shared/aws/dynamodb/state-table.ts';
import { createTriggerClaims } from '../../../../shared/aws/dynamodb/trigger-claims.ts';
import { LAMBDA_ENV } from '../../../../shared/aws/lambda-env.ts';
import { triggerClaimKey } from '../../../../shared/run/trigger-claims.ts';
import { nightlyFlow } from '../../../helpers/run-flows.ts';

const state = useStateTable('state-table-test');

const scheduledRun = (runId: string): SubmitInput => ({
  runId,
  trigger: { kind: 'schedule', id: 'nightly-load/nightly', time: '2026-03-01T02:00:00Z' },
  flow: nightlyFlow(),
});

describe('Function: stateTableFromEnv', () => {
  it('wires nothing when no table is named', () => {
    // Act & Assess
    expect(stateTableFromEnv({ [LAMBDA_ENV.dynamodbEndpoint]: state.dynamo.endpoint })).toBeUndefined();
  });

  it('reaches the named table at the endpoint given, through a client made on the first call', async () => {
    // Prepare
    const table = stateTableFromEnv({ [LAMBDA_ENV.stateTable]: state.tableName, [LAMBDA_ENV.dynamodbEndpoint]: state.dynamo.endpoint, AWS_REGION: 'eu-west-1' });
    const claimTrigger = createTriggerClaims(table!);

    // Act
    const first = await claimTrigger(scheduledRun('run-first'));
    const second = await claimTrigger(scheduledRun('run-second'));

    // Assess
    expect([table?.tableName, first, second]).toEqual([state.tableName, true, false]);
    const key = { pk: { S: triggerClaimKey('nightly-load', scheduledRun('run-first').trigger) } };
    const item = await state.dynamo.client.send(new GetItemCommand({ TableName: state.tableName, Key: key }));
    expect(item.Item?.runId?.S).toBe('run-first');
  });
});
