/**
 * The OperatorPolicy: exactly what the operator commands (dwq runs, show, trigger, rerun, pause,
 * resume with --stack) need, as a managed policy to attach to a user or role. Reads of the run
 * ledger; writes only of pause flags (`pause#...` keys); starting and describing executions.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PAUSE_PREFIX } from '../../shared/aws/dynamodb/pause-flags.ts';
import { keysStartingWith } from './run-state-table.ts';

export interface OperatorPolicyProps {
  /** The run state table: the ledger the commands read, and where pause flags are written. */
  readonly stateTable: dynamodb.ITableV2;
  /** The RunFlow state machine `dwq trigger` and `dwq rerun` start executions of. */
  readonly stateMachine: sfn.StateMachine;
}

export class OperatorPolicy extends Construct {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: OperatorPolicyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { tableArn } = props.stateTable;
    const executions = stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${props.stateMachine.stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `dwq operator commands against stack ${stack.stackName}: list and show runs, trigger, re-run, pause and resume`,
      statements: [
        new iam.PolicyStatement({ sid: 'FindTheStack', actions: ['cloudformation:DescribeStacks'], resources: [stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: `${stack.stackName}/*` })] }),
        new iam.PolicyStatement({ sid: 'ReadTheRunLedger', actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [tableArn, `${tableArn}/index/*`] }),
        new iam.PolicyStatement({
          sid: 'WritePauseFlagsOnly',
          actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
          resources: [tableArn],
          conditions: keysStartingWith(PAUSE_PREFIX),
        }),
        new iam.PolicyStatement({ sid: 'StartRuns', actions: ['states:StartExecution'], resources: [props.stateMachine.stateMachineArn] }),
        new iam.PolicyStatement({ sid: 'DescribeRuns', actions: ['states:DescribeExecution'], resources: [executions] }),
      ],
    });
  }
}
