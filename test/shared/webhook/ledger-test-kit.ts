/** A real run ledger (dynalite) for the webhook's ledger routes, and records to put in it. */
import { startLocalDynamo, type LocalDynamo } from '../../../local/state/dynamodb-server.ts';
import { createDynamoRunLedger } from '../../../shared/aws/dynamodb/run-ledger.ts';
import type { RunLedger } from '../../../shared/ledger/run-ledger.ts';
import type { NewRunRecord } from '../../../shared/ledger/run-record.ts';
import { runNameFor } from '../../../shared/run/run-name.ts';
import type { HttpRequest } from '../../../shared/webhook/http.ts';
import { DOMAIN } from './webhook-test-kit.ts';

export async function startLedger(name: string): Promise<{ dynamo: LocalDynamo; ledger: RunLedger }> {
  const dynamo = await startLocalDynamo();
  const ledger = createDynamoRunLedger({ client: dynamo.client, tableName: await dynamo.createStateTable(name) });
  return { dynamo, ledger };
}

let counter = 0;

/** A webhook run of `flow`, submitted `minute` minutes past 10:00 on 2026-03-01. */
export function webhookRecord(flow: string, minute: number, overrides: Partial<NewRunRecord> = {}): NewRunRecord {
  const key = `delivery-${++counter}`;
  const submittedAt = new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();
  return {
    runId: runNameFor(flow, 'webhook', key),
    flow,
    trigger: { kind: 'webhook', id: key, time: submittedAt, deliveryId: key },
    parameters: [],
    runProfileName: 'default',
    submittedAt,
    jobId: `job-${counter}`,
    ...overrides,
  };
}

export function getRuns(query: Record<string, string>, headers: Record<string, string>): HttpRequest {
  return { method: 'GET', path: '/runs', query, headers, rawBody: '', domainName: DOMAIN };
}

export function postRerun(runId: string, headers: Record<string, string>, options: { query?: Record<string, string>; rawBody?: string } = {}): HttpRequest {
  return {
    method: 'POST',
    path: `/runs/${runId}/rerun`,
    query: options.query ?? {},
    headers: { 'content-type': 'application/json', ...headers },
    rawBody: options.rawBody ?? '',
    domainName: DOMAIN,
  };
}
