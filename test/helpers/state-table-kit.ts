/**
 * For a test file against a real DynamoDB-compatible server (dynalite): one server and one state
 * table for the whole file, started before its tests and closed after them. The fields are set
 * once the file's beforeAll hooks ran, so tests (and later beforeAll hooks) read them.
 */
import { afterAll, beforeAll } from 'vitest';
import { startLocalDynamo, type LocalDynamo } from '../../local/state/dynamodb-server.ts';
import type { StateTableRef } from '../../shared/aws/dynamodb/state-table.ts';

export interface StateTableFixture {
  readonly dynamo: LocalDynamo;
  readonly tableName: string;
  /** The client and the table name, as the stores take them. */
  readonly table: StateTableRef;
}

export function useStateTable(name: string): StateTableFixture {
  const fixture: { dynamo?: LocalDynamo; tableName?: string } = {};
  beforeAll(async () => {
    fixture.dynamo = await startLocalDynamo();
    fixture.tableName = await fixture.dynamo.createStateTable(name);
  });
  afterAll(async () => {
    await fixture.dynamo?.close();
  });
  const set = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useStateTable: the ${what} is ready once beforeAll ran`);
    return value;
  };
  return {
    get dynamo() {
      return set(fixture.dynamo, 'server');
    },
    get tableName() {
      return set(fixture.tableName, 'table');
    },
    get table() {
      return { client: set(fixture.dynamo, 'server').client, tableName: set(fixture.tableName, 'table') };
    },
  };
}
