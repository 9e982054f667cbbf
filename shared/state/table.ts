/**
 * The run state table: one DynamoDB table (on-demand, encrypted, point-in-time recovery) for
 * what must survive between executions: trigger claims (a schedule's delivery runs once) and the
 * alert memory (per-flow streaks). One key, `pk`, with a prefix per item kind; `expiresAt`
 * (epoch seconds) lets DynamoDB's TTL remove old claims.
 */
// Types only at the top: the SDK module is imported on the first call, so that Submit and Notify
// do not load it at cold start (docs/bench.md, P3). esbuild hoists a value import of an external
// module to the bundle's top, even from a module that is itself imported dynamically.
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export const STATE_TABLE = {
  partitionKey: 'pk',
  ttlAttribute: 'expiresAt',
  env: 'DWQ_STATE_TABLE',
  /** Optional endpoint override (local mode and tests: a DynamoDB-compatible server). */
  endpointEnv: 'DWQ_DYNAMODB_ENDPOINT',
  /**
   * The run ledger's indexes (shared/aws/dynamodb-run-ledger.ts), both sparse and projecting
   * every attribute: `byFlow` (`flow#<name>`, or `pauses` for the pause flags) and `allRuns` (one
   * partition `runs`), each sorted by `<submittedAt>#<runId>` so a query reads newest first.
   */
  indexes: {
    byFlow: { name: 'byFlow', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    allRuns: { name: 'allRuns', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  },
} as const;

/** CreateTable input matching the CDK construct, for local mode and tests. */
export function stateTableDefinition(tableName: string) {
  const indexes = Object.values(STATE_TABLE.indexes);
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: STATE_TABLE.partitionKey, AttributeType: 'S' as const },
      ...indexes.flatMap((index) => [
        { AttributeName: index.partitionKey, AttributeType: 'S' as const },
        { AttributeName: index.sortKey, AttributeType: 'S' as const },
      ]),
    ],
    KeySchema: [{ AttributeName: STATE_TABLE.partitionKey, KeyType: 'HASH' as const }],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** What the state modules use of a client: a DynamoDBClient, or one created on first use. */
export type DynamoSend = Pick<DynamoDBClient, 'send'>;

export interface StateTableRef {
  readonly client: DynamoSend;
  readonly tableName: string;
}

/** The SDK module, for its command classes: loaded on first use, then from Node's module cache. */
export const loadDynamoSdk = () => import('@aws-sdk/client-dynamodb');

/** The table named in the environment, or undefined when the feature is not wired. */
export function stateTableFromEnv(env: Readonly<Record<string, string | undefined>>): StateTableRef | undefined {
  const tableName = env[STATE_TABLE.env];
  if (!tableName) return undefined;
  const endpoint = env[STATE_TABLE.endpointEnv];
  const config: DynamoDBClientConfig = endpoint
    ? { endpoint, region: env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {};
  return { client: lazyDynamoClient(config), tableName };
}

/** A client whose SDK module is imported, and the client created (once), on the first send. */
export function lazyDynamoClient(config: DynamoDBClientConfig = {}): DynamoSend {
  let client: DynamoDBClient | undefined;
  const send = async (...args: Parameters<DynamoDBClient['send']>) => {
    if (client === undefined) {
      const { DynamoDBClient } = await loadDynamoSdk();
      client ??= new DynamoDBClient(config);
    }
    return client.send(...args);
  };
  // Only the promise form is used; the callback overloads of send are never called.
  return { send: send as DynamoDBClient['send'] };
}
