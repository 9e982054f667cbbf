import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamo, type LocalDynamo } from '../../../../local/state/dynamodb-server.ts';
import { createIncidentStore } from '../../../../shared/aws/dynamodb/incidents.ts';
import type { StateTableRef } from '../../../../shared/aws/dynamodb/state-table.ts';

let dynamo: LocalDynamo;
let table: StateTableRef;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  table = { client: dynamo.client, tableName: await dynamo.createStateTable() };
});

afterAll(async () => {
  await dynamo.close();
});

const run = (runId: string, flow: string) => ({ runId, flow, outcome: 'SUBMIT_FAILED', at: '2026-05-18T02:14:00.000Z' });

describe('Store: createIncidentStore', () => {
  it('opens one incident for concurrent failures, and closes it for exactly one caller', async () => {
    // Prepare
    const store = createIncidentStore(table);
    // Act
    const joined = await Promise.all(['a', 'b', 'c', 'd'].map((flow, index) => store.openOrJoin(run(`run-${index}`, flow), 'DataWORQ unavailable (HTTP 503)')));
    const closes = await Promise.all([1, 2, 3].map(() => store.close(new Date('2026-05-18T03:00:00Z'))));
    // Assess
    expect(joined.filter((result) => result.opened)).toHaveLength(1);
    expect(new Set(joined.map((result) => result.incident.id)).size).toBe(1);
    const closed = closes.filter((incident) => incident !== undefined);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.affected.map((affected) => affected.runId).sort()).toEqual(['run-0', 'run-1', 'run-2', 'run-3']);
    expect(closed[0]!.closedAt).toBe('2026-05-18T03:00:00.000Z');
    expect(await store.close(new Date())).toBeUndefined();
  });

  it('opens a new incident after the last one closed', async () => {
    const store = createIncidentStore(table);
    const next = await store.openOrJoin({ ...run('run-9', 'a'), at: '2026-05-19T00:00:00.000Z' }, 'HTTP 403');
    expect(next.opened).toBe(true);
    expect(next.incident.id).toBe('connector-2026-05-19T00:00:00.000Z');
    expect(next.incident.affected).toHaveLength(1);
  });
});
