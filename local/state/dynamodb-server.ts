/**
 * A DynamoDB-compatible server (dynalite) for local mode and tests: the same DynamoDB code as in
 * AWS, against a real server. In memory by default, or kept on disk under a folder.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { stateTableDefinition } from '../../shared/state/table.ts';

export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** Creates the state table (idempotent) and returns its name. */
  createStateTable(tableName?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalDynamo(options: { path?: string; port?: number } = {}): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path ? { path: options.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    endpoint,
    client,
    async createStateTable(tableName = 'dwq-state') {
      try {
        await client.send(new CreateTableCommand(stateTableDefinition(tableName)));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      return tableName;
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
