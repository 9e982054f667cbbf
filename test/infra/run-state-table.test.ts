/** Template tests: the run state table (trigger claims, alert memory, run ledger) and who may touch it. */
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

  it('has the run ledger indexes byFlow and allRuns, newest first by their sort keys, projecting every attribute', () => {
    const { table } = theTable();
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      { IndexName: 'byFlow', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'allRuns', KeySchema: [{ AttributeName: 'gsi2pk', KeyType: 'HASH' }, { AttributeName: 'gsi2sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
    ]);
  });

  it('gives Submit, Check and Notify UpdateItem on the table for the run ledger, and the records runs.keepFor', () => {
    const { logicalId } = theTable();
    for (const description of ['Starts a DataWORQ flow', 'Checks a DataWORQ job', 'Publishes the run outcome']) {
      const fn = lambdaRole(description);
      const updates = statementsOfRole(fn.roleLogicalId).filter(touchesDynamo).filter((statement) => statement.Action === 'dynamodb:UpdateItem');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({ Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId, 'Arn'] } });
      expect(JSON.stringify(updates[0])).toContain('"dynamodb:LeadingKeys":["run#*","incident#connector*"');
      expect(fn.env.DWQ_RUNS_KEEP_FOR_SECONDS).toBe(String(90 * 86_400));
    }
  });

  it('lets the webhook read the ledger (GetItem on the table, Query on its two indexes only)', () => {
    const { logicalId } = theTable();
    const webhook = lambdaRole('Starts and reports DataWORQ runs');
    const arn = { 'Fn::GetAtt': [logicalId, 'Arn'] };
    const index = (name: string) => ({ 'Fn::Join': ['', [arn, `/index/${name}`]] });
    expect(webhook.env.DWQ_STATE_TABLE).toEqual({ Ref: logicalId });
    expect(statementsOfRole(webhook.roleLogicalId).filter(touchesDynamo)).toEqual([
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: arn, Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['run#*'] } } },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: [index('byFlow'), index('allRuns')] },
    ]);
  });

  it('gives Notify the table name and only GetItem and PutItem on its own keys, and UpdateItem on run records, on that one table', () => {
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
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['memory#*', 'incident#connector*', 'maintenance#*', 'snooze#*'] } },
      },
      { Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: { 'Fn::GetAtt': [logicalId, 'Arn'] }, Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['run#*', 'incident#connector*', 'maintenance#*'] } } },
    ]);
  });

  it('grants no role a wildcard, a scan or a delete on DynamoDB, and a query only on the ledger indexes', () => {
    // Act
    const actions = Object.values(resources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter(touchesDynamo)
      .flatMap(actionsOf);

    // Assess
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => /\*|Scan|Delete|Batch|Transact/.test(action))).toEqual([]);
    const queries = Object.values(resources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => actionsOf(statement).includes('dynamodb:Query'));
    expect(JSON.stringify(queries.map((statement) => statement.Resource))).not.toMatch(/"Arn"\]\}(?!,"\/index)/);
    // The webhook's (GET /runs) and the watchdog's (its flows' records and pause flags).
    expect(queries.length).toBe(2);
  });
});
