/**
 * The run ledger from a Lambda's environment: the state table, how long records are kept, and the
 * subscribers' filter policies (Notify records whose filters an alert matched). The variable names
 * and defaults are in the one registry, lambda-env.ts.
 */
import type { SubscriberFilter } from '../ledger/engine-records.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import { stateTableFromEnv } from './dynamodb/state-table.ts';
import { createDynamoRunLedger } from './dynamodb/run-ledger.ts';
import { numberEnv, optionalEnv, type Env } from './lambda-env.ts';

/** The ledger on the table named in the environment, or undefined when no table is wired. */
export function runLedgerFromEnv(env: Env): RunLedger | undefined {
  const table = stateTableFromEnv(env);
  if (!table) return undefined;
  const keepFor = numberEnv(env, 'runsKeepForSeconds');
  return createDynamoRunLedger(table, Number.isSafeInteger(keepFor) && keepFor > 0 ? { keepForSeconds: keepFor } : {});
}

export function subscriberFiltersFromEnv(env: Env): SubscriberFilter[] {
  const text = optionalEnv(env, 'subscriberFilters');
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? (parsed as SubscriberFilter[]) : [];
}
