/** Template tests: the run state table (trigger claims, alert memory) and who may touch it. */
import { describe, expect, it } from 'vitest';
import { synthStack } from '../helpers/synth.ts';

const { template } = synthStack();
type Resource = { Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const resources = (type: string) => template.findResources(type) as Record<string, Resource>;

function theTable(): { logicalId: string; table: Resource } {
  const tables = Object.entries(resources('AWS::DynamoDB::GlobalTable'));
  expect(tables).toHaveLength(1);
  const [logicalId, table] = tables[0]!;
  return { logicalId, table };
}

function lambdaRole(descriptionFragment: string): { roleLogicalId: string; env: Record<string, unknown> } {
  const found = Object.values(resources('AWS::Lambda::Function')).find((fn) => String(fn.Properties.Description).includes(descriptionFragment));
  if (!found) throw new Error(`no Lambda whose description contains ${descriptionFragment}`);
  return { roleLogicalId: found.Properties.Role['Fn::GetAtt'][0], env: found.Properties.Environment?.Variables ?? {} };
}

function statementsOfRole(roleLogicalId: string): Statement[] {
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const touchesDynamo = (statement: Statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:'));

describe('RunStateTable', () => {
  it('is an on-demand table keyed by pk, encrypted, with point-in-time recovery and TTL on expiresAt', () => {
    // Act
    const { table } = theTable();

    // Assess
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true });
    expect(table.Properties.Replicas).toEqual([expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })]);
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it("gives Notify the table name and only GetItem and PutItem on that one table, on its own keys", () => {
    // Prepare
    const { logicalId } = theTable();
    const notify = lambdaRole('Publishes the run outcome');

    // Act
    const dynamoStatements = statementsOfRole(notify.roleLogicalId).filter(touchesDynamo);

    // Assess
    expect(notify.env.DWQ_STATE_TABLE).toEqual({ Ref: logicalId });
    expect(dynamoStatements).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Resource: { 'Fn::GetAtt': [logicalId, 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['memory#*'] } },
      },
    ]);
  });

  it('grants no role a wildcard, a scan, a query or a delete on DynamoDB', () => {
    // Act
    const actions = Object.values(resources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter(touchesDynamo)
      .flatMap(actionsOf);

    // Assess
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => /\*|Scan|Query|Delete|Batch|Transact/.test(action))).toEqual([]);
  });
});
