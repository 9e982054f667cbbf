/** Template tests: the OperatorPolicy grants exactly what the operator commands need, and the stack outputs what they read. */
import { describe, expect, it } from 'vitest';
import { OPERATOR_OUTPUTS } from '../../shared/aws/cloudformation/stack-output-names.ts';
import { synthStack } from '../helpers/synth.ts';

const { template, stack } = synthStack();
const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')) as Array<{ Properties: Record<string, any> }>;
const operator = policies.find((policy) => String(policy.Properties.Description).startsWith('dwq operator commands'));
const statements = (operator?.Properties.PolicyDocument.Statement ?? []) as Array<{ Sid: string; Action: string | string[]; Resource: unknown; Condition?: unknown }>;
const bySid = (sid: string) => statements.find((statement) => statement.Sid === sid);
const actionsOf = (sid: string) => [bySid(sid)?.Action ?? []].flat().sort();
const tableId = stack.getLogicalId(stack.stateTable.table.node.defaultChild as never);
const machineId = stack.getLogicalId(stack.runEngine.stateMachine.node.defaultChild as never);

describe('Construct: OperatorPolicy', () => {
  it('grants only DescribeStacks on this stack, ledger reads, pause-flag writes, and starting and describing runs', () => {
    // Assess
    expect(operator).toBeDefined();
    expect(statements.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(
      ['cloudformation:DescribeStacks', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'states:DescribeExecution', 'states:StartExecution'],
    );
    expect(JSON.stringify(bySid('FindTheStack')?.Resource)).toContain(':stack/DataworqRunner/*');
    expect(bySid('ReadTheRunLedger')?.Resource).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] }]);
    expect(bySid('StartRuns')?.Resource).toEqual({ Ref: machineId });
    expect(JSON.stringify(bySid('DescribeRuns')?.Resource)).toContain(':execution:');
  });

  it('lets PutItem and DeleteItem touch pause flags only, and nothing write run records', () => {
    // Assess
    expect(actionsOf('WritePauseFlagsOnly')).toEqual(['dynamodb:DeleteItem', 'dynamodb:PutItem']);
    expect(bySid('WritePauseFlagsOnly')?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['pause#*'] } });
    expect(statements.some((statement) => [statement.Action].flat().includes('dynamodb:UpdateItem'))).toBe(false);
  });

  it('outputs the state table, the state machine and the policy, under the names the CLI reads', () => {
    // Act
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;

    // Assess
    expect(outputs[OPERATOR_OUTPUTS.stateTableName]?.Value).toEqual({ Ref: tableId });
    expect(outputs[OPERATOR_OUTPUTS.stateMachineArn]?.Value).toEqual({ Ref: machineId });
    expect(outputs[OPERATOR_OUTPUTS.operatorPolicyArn]?.Value).toMatchObject({ Ref: expect.stringContaining('OperatorPolicy') });
  });
});
