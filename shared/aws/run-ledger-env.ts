/**
 * The run ledger's environment: the state table (shared/state/table.ts), how long records are
 * kept, and the subscribers' filter policies (Notify records whose filters an alert matched).
 * The construct that sets these (infra/constructs/run-engine.ts) and the Lambdas read the names here.
 */
import type { SubscriberFilter } from '../ledger/engine-records.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import { stateTableFromEnv } from '../state/table.ts';
import { createDynamoRunLedger } from './dynamodb-run-ledger.ts';

export const RUN_LEDGER_ENV = {
  /** runs.keepFor in seconds; absent = RUN_LEDGER.defaultKeepForSeconds. */
  keepForSeconds: 'DWQ_RUNS_KEEP_FOR_SECONDS',
  /** JSON `[{ name, policy }]`: names and filter policies only, never an endpoint. */
  subscriberFilters: 'DWQ_ALERT_SUBSCRIBER_FILTERS',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** The ledger on the table named in the environment, or undefined when no table is wired. */
export function runLedgerFromEnv(env: Env): RunLedger | undefined {
  const table = stateTableFromEnv(env);
  if (!table) return undefined;
  const keepFor = Number(env[RUN_LEDGER_ENV.keepForSeconds]);
  return createDynamoRunLedger(table, Number.isSafeInteger(keepFor) && keepFor > 0 ? { keepForSeconds: keepFor } : {});
}

export function subscriberFiltersFromEnv(env: Env): SubscriberFilter[] {
  const text = env[RUN_LEDGER_ENV.subscriberFilters];
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? (parsed as SubscriberFilter[]) : [];
}
