/**
 * The run state table: one DynamoDB table (on-demand, encrypted, point-in-time recovery) for
 * what must survive between executions: trigger claims (a schedule's delivery runs once) and the
 * alert memory (per-flow streaks). One key, `pk`, with a prefix per item kind; `expiresAt`
 * (epoch seconds) lets DynamoDB's TTL remove old claims.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const STATE_TABLE = {
  partitionKey: 'pk',
  ttlAttribute: 'expiresAt',
  env: 'DWQ_STATE_TABLE',
  /** Optional endpoint override (local mode and tests: a DynamoDB-compatible server). */
  endpointEnv: 'DWQ_DYNAMODB_ENDPOINT',
} as const;

/** CreateTable input matching the CDK construct, for local mode and tests. */
export function stateTableDefinition(tableName: string) {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: STATE_TABLE.partitionKey, AttributeType: 'S' as const }],
    KeySchema: [{ AttributeName: STATE_TABLE.partitionKey, KeyType: 'HASH' as const }],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

export interface StateTableRef {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/** The table named in the environment, or undefined when the feature is not wired. */
export function stateTableFromEnv(env: Readonly<Record<string, string | undefined>>): StateTableRef | undefined {
  const tableName = env[STATE_TABLE.env];
  if (!tableName) return undefined;
  const endpoint = env[STATE_TABLE.endpointEnv];
  const client = new DynamoDBClient(endpoint ? { endpoint, region: env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {});
  return { client, tableName };
}
