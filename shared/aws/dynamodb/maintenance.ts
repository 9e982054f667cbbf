/**
 * Maintenance windows' records and snoozes (shared/maintenance/maintenance-store.ts) in the run
 * state table: `maintenance#<window>#<start>` holds one opening's suppressed runs and, once
 * claimed, `summarySentAt`; `snooze#<flow>` holds a flow's snooze, like the pause flags.
 */
import { MAX_SUPPRESSED_RUNS, openingKey, type MaintenanceStore, type Snooze, type SuppressedRun } from '../../maintenance/maintenance-store.ts';
import type { WindowOpening } from '../../maintenance/window.ts';
import { updateItem } from './item-update.ts';
import { loadDynamoSdk, STATE_TABLE, stateTableFromEnv, type StateTableRef } from './state-table.ts';
import type { Env } from '../lambda-env.ts';
import type { Item } from './run-item.ts';

export const MAINTENANCE_PREFIX = 'maintenance#';
export const SNOOZE_PREFIX = 'snooze#';
/** Records stay this long after their opening ended, then TTL removes them. */
const KEPT_SECONDS = 30 * 86_400;

const recordKey = (opening: WindowOpening): Item => ({ [STATE_TABLE.partitionKey]: { S: `${MAINTENANCE_PREFIX}${openingKey(opening)}` } });
const snoozeKey = (flow: string): Item => ({ [STATE_TABLE.partitionKey]: { S: `${SNOOZE_PREFIX}${flow}` } });
const ttl = (iso: string) => ({ N: String(Math.floor(Date.parse(iso) / 1000) + KEPT_SECONDS) });

export function createMaintenanceStore(table: StateTableRef): MaintenanceStore {
  return {
    async record(opening, run) {
      // Full (the condition fails): the summary lists the first MAX_SUPPRESSED_RUNS runs.
      await updateItem(table, {
        key: recordKey(opening),
        update: 'SET #runs = list_append(if_not_exists(#runs, :empty), :run), #end = :end, #ttl = :ttl',
        condition: 'attribute_not_exists(#runs) OR size(#runs) < :max',
        names: { '#runs': 'runs', '#end': 'end', '#ttl': STATE_TABLE.ttlAttribute },
        values: {
          ':empty': { L: [] },
          ':run': { L: [{ S: JSON.stringify(run) }] },
          ':end': { S: opening.end },
          ':ttl': ttl(opening.end),
          ':max': { N: String(MAX_SUPPRESSED_RUNS) },
        },
      });
    },
    async claimSummary(opening, at) {
      const claimed = await updateItem(table, {
        key: recordKey(opening),
        update: 'SET #sent = :at',
        condition: 'attribute_exists(#runs) AND attribute_not_exists(#sent)',
        names: { '#runs': 'runs', '#sent': 'summarySentAt' },
        values: { ':at': { S: at.toISOString() } },
        returnNew: true,
      });
      return claimed && (claimed['runs']?.L ?? []).flatMap((entry) => (entry.S === undefined ? [] : [JSON.parse(entry.S) as SuppressedRun]));
    },
    async snooze(snooze) {
      const { PutItemCommand } = await loadDynamoSdk();
      const attributes: Item = Object.fromEntries(Object.entries(snooze).filter(([, value]) => value !== undefined).map(([name, value]) => [name, { S: String(value) }]));
      await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: { ...snoozeKey(snooze.flow), ...attributes, [STATE_TABLE.ttlAttribute]: ttl(snooze.until) } }));
    },
    async snoozeOf(flow) {
      const { GetItemCommand } = await loadDynamoSdk();
      const answer = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: snoozeKey(flow), ConsistentRead: true }));
      const item = answer.Item;
      const since = item?.['since']?.S;
      const until = item?.['until']?.S;
      if (!item || since === undefined || until === undefined) return undefined;
      const snooze: Snooze = { flow, since, until, ...(item['by']?.S !== undefined && { by: item['by'].S }) };
      return snooze;
    },
  };
}

/** The store on the table named in the environment; undefined without one (no window keeps a failure quiet). */
export function maintenanceFromEnv(env: Env): MaintenanceStore | undefined {
  const table = stateTableFromEnv(env);
  return table ? createMaintenanceStore(table) : undefined;
}
