/**
 * The run state table: one DynamoDB table (on-demand, encrypted, point-in-time recovery) for
 * what must survive between executions: trigger claims (a schedule's delivery runs once), the run
 * journal (a retried Submit keeps its job) and the alert memory (per-flow streaks). One key, `pk`,
 * with a prefix per item kind; `expiresAt` (epoch seconds) lets DynamoDB's TTL remove old items.
 */
// Types only at the top: the SDK module comes through lazy-client.ts, on the first call.
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { AWS_CLIENT_TIMEOUTS, lazyClient } from '../lazy-client.ts';
import { LAMBDA_ENV_DEFAULTS, optionalEnv, type Env } from '../lambda-env.ts';

export const STATE_TABLE = {
  partitionKey: 'pk',
  ttlAttribute: 'expiresAt',
  /**
   * The run ledger's indexes (shared/aws/dynamodb/run-ledger.ts), both sparse and projecting
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

export type DynamoClient = DynamoDBClient;

/** What the state modules use of a client: a DynamoDBClient, or one created on first use. */
export type DynamoSend = Pick<DynamoDBClient, 'send'>;

export interface StateTableRef {
  readonly client: DynamoSend;
  readonly tableName: string;
}

/** The SDK module, for its command classes: loaded on first use, then from Node's module cache. */
export const loadDynamoSdk = () => import('@aws-sdk/client-dynamodb');

/** The table named in the environment, or undefined when the feature is not wired. */
export function stateTableFromEnv(env: Env): StateTableRef | undefined {
  const tableName = optionalEnv(env, 'stateTable');
  if (!tableName) return undefined;
  const endpoint = optionalEnv(env, 'dynamodbEndpoint');
  const config: DynamoDBClientConfig = endpoint ? endpointConfig(endpoint, optionalEnv(env, 'region')) : {};
  return { client: lazyDynamoClient(config), tableName };
}

/** A client whose SDK module is imported, and the client created (once), on the first send. */
export function lazyDynamoClient(config: DynamoDBClientConfig = {}): DynamoSend {
  const dynamo = lazyClient(loadDynamoSdk, (sdk) => new sdk.DynamoDBClient({ ...AWS_CLIENT_TIMEOUTS, ...config }));
  const send = async (...args: Parameters<DynamoDBClient['send']>) => (await dynamo.client()).send(...args);
  // Only the promise form is used; the callback overloads of send are never called.
  return { send: send as DynamoDBClient['send'] };
}

/** A client of a DynamoDB-compatible server at `endpoint` (dynalite in local mode and tests). */
export async function endpointDynamoClient(endpoint: string, region?: string): Promise<DynamoClient> {
  const { DynamoDBClient } = await loadDynamoSdk();
  return new DynamoDBClient(endpointConfig(endpoint, region));
}

/** Creates the state table, unless it exists; resolves with its name. */
export async function createStateTable(client: DynamoSend, tableName: string): Promise<string> {
  const { CreateTableCommand } = await loadDynamoSdk();
  try {
    await client.send(new CreateTableCommand(stateTableDefinition(tableName)));
  } catch (error) {
    if ((error as Error | undefined)?.name !== 'ResourceInUseException') throw error;
  }
  return tableName;
}

function endpointConfig(endpoint: string, region: string | undefined): DynamoDBClientConfig {
  // A local server checks no signature, but the SDK signs every request: any key will do.
  return { endpoint, region: region ?? LAMBDA_ENV_DEFAULTS.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}
