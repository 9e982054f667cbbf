/**
 * The watchdog's memory in the run state table: `watch#state` (when the last complete watch ran),
 * one `watch#<kind>#...` item per reported alert (a conditional put, so each is reported once,
 * removed by TTL after WATCH.memoryTtlSeconds), the `late`/`suspicious` marks on run records, and
 * the read of Submit's trigger claims.
 */
import { systemClock, type Clock } from '../../clock.ts';
import { TriggerClaimError } from '../../errors.ts';
import { triggerClaimKey } from '../../run/trigger-claims.ts';
import { WATCH, WATCH_KEY_PREFIX } from '../../watch/constants.ts';
import type { ClaimLookup, WatchMemory } from '../../watch/watch-ports.ts';
import { runKey } from './run-item.ts';
import { isConditionFailure, updateItem } from './item-update.ts';
import { loadDynamoSdk, STATE_TABLE, type StateTableRef } from './state-table.ts';

export const WATCH_STATE_KEY = `${WATCH_KEY_PREFIX}state`;

/** A remembered alert whose publish failed: the next watch may report it again. */
const FAILED = 'publish-failed';

const key = (pk: string) => ({ [STATE_TABLE.partitionKey]: { S: pk } });

export function createWatchMemory(table: StateTableRef, options: { readonly clock?: Clock } = {}): WatchMemory {
  const clock = options.clock ?? systemClock;
  const expiresAt = () => ({ N: String(Math.floor(clock.now().getTime() / 1000) + WATCH.memoryTtlSeconds) });
  return {
    async lastWatch() {
      const { GetItemCommand } = await loadDynamoSdk();
      const answer = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(WATCH_STATE_KEY), ConsistentRead: true }));
      const at = answer.Item?.['lastWatchAt']?.S;
      return at === undefined ? undefined : new Date(at);
    },
    async watched(at) {
      const { PutItemCommand } = await loadDynamoSdk();
      await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: { ...key(WATCH_STATE_KEY), lastWatchAt: { S: at.toISOString() } } }));
    },
    async remember(pk, at) {
      const { PutItemCommand } = await loadDynamoSdk();
      try {
        await table.client.send(
          new PutItemCommand({
            TableName: table.tableName,
            Item: { ...key(pk), reportedAt: { S: at.toISOString() }, [STATE_TABLE.ttlAttribute]: expiresAt() },
            // New, or forgotten by a watch whose publish failed.
            ConditionExpression: 'attribute_not_exists(#pk) OR #status = :failed',
            ExpressionAttributeNames: { '#pk': STATE_TABLE.partitionKey, '#status': 'status' },
            ExpressionAttributeValues: { ':failed': { S: FAILED } },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async forget(pk) {
      // Marked rather than deleted: no role deletes from the state table.
      await updateItem(table, { key: key(pk), update: 'SET #status = :failed', names: { '#status': 'status' }, values: { ':failed': { S: FAILED } } });
    },
    async markRun(runId, mark, at) {
      await updateItem(table, {
        key: runKey(runId),
        update: 'SET #mark = :mark',
        // Never creates a record: a run whose record TTL removed stays removed (the condition fails, quietly).
        condition: 'attribute_exists(#pk)',
        names: { '#mark': mark, '#pk': STATE_TABLE.partitionKey },
        values: { ':mark': { S: JSON.stringify({ at }) } },
      });
    },
  };
}

/**
 * Did a run claim this fire? Scheduler writes the time without milliseconds
 * (`2026-03-29T01:30:00Z`), local mode with them (`.000Z`): both spellings are read, consistently.
 */
export function createClaimLookup(table: StateTableRef): ClaimLookup {
  return async (flow, schedule, fire) => {
    const iso = fire.toISOString();
    const spellings = [...new Set([iso, iso.replace('.000Z', 'Z')])];
    const keys = spellings.map((time) => key(triggerClaimKey(flow, { kind: 'schedule', id: `${flow}/${schedule}`, time })));
    const { GetItemCommand } = await loadDynamoSdk();
    try {
      const answers = await Promise.all(keys.map((Key) => table.client.send(
        new GetItemCommand({ TableName: table.tableName, Key, ConsistentRead: true, ProjectionExpression: '#pk', ExpressionAttributeNames: { '#pk': STATE_TABLE.partitionKey } }),
      )));
      return answers.some((answer) => answer.Item !== undefined);
    } catch (error) {
      // A failed read is not an absence: fail this watch, and the next one asks again.
      throw new TriggerClaimError(`could not read the trigger claims of ${flow}/${schedule} at ${iso} (${error instanceof Error ? error.name : 'unknown error'}); the next watch reads them again`, { cause: error });
    }
  };
}
