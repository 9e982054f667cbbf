/**
 * A DynamoDB-compatible server (dynalite) for local mode and tests: the same DynamoDB code as in
 * AWS, against a real server. In memory by default, or kept on disk under a folder.
 */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createStateTable, endpointDynamoClient, type DynamoClient } from '../../shared/aws/dynamodb/state-table.ts';

export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoClient;
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
  const client = await endpointDynamoClient(endpoint);
  return {
    endpoint,
    client,
    createStateTable: (tableName = 'dwq-state') => createStateTable(client, tableName),
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
