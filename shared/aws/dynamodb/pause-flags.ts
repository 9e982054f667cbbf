/**
 * Pause flags in the run state table: `pause#<flow>` pauses every trigger of a flow,
 * `pause#<flow>#<schedule>` one schedule (names never contain `#`: config names are
 * [a-z0-9-]). Listed through the `byFlow` index's `pauses` partition, so listing needs no scan;
 * Submit reads its two keys directly (consistent reads).
 */
import type { RunLedger } from '../../ledger/run-ledger.ts';
import { pauseApplies } from '../../ledger/run-ledger.ts';
import type { PauseFlag } from '../../ledger/run-record.ts';
import { loadDynamoSdk, STATE_TABLE, type StateTableRef } from './state-table.ts';
import type { Item } from './run-item.ts';

export const PAUSE_PREFIX = 'pause#';
export const PAUSES_PARTITION = 'pauses';
/** A pause with an `until` stays listed (as expired) this long after it, then TTL removes it. */
const EXPIRED_PAUSE_KEPT_SECONDS = 7 * 86_400;

const { byFlow } = STATE_TABLE.indexes;

const pauseKey = (flow: string, schedule?: string): Item => ({
  [STATE_TABLE.partitionKey]: { S: `${PAUSE_PREFIX}${flow}${schedule === undefined ? '' : `#${schedule}`}` },
});

function flagFromItem(item: Item | undefined): PauseFlag | undefined {
  const flow = item?.['flow']?.S;
  const since = item?.['since']?.S;
  if (!item || flow === undefined || since === undefined) return undefined;
  const optional = (name: string) => item[name]?.S;
  return {
    flow,
    since,
    ...(optional('schedule') !== undefined && { schedule: optional('schedule') }),
    ...(optional('by') !== undefined && { by: optional('by') }),
    ...(optional('reason') !== undefined && { reason: optional('reason') }),
    ...(optional('until') !== undefined && { until: optional('until') }),
  };
}

type PauseMethods = Pick<RunLedger, 'pause' | 'resume' | 'listPauses' | 'activePause'>;

export function createPauseFlags(table: StateTableRef): PauseMethods {
  const read = async (flow: string, schedule?: string) => {
    const { GetItemCommand } = await loadDynamoSdk();
    const answer = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: pauseKey(flow, schedule), ConsistentRead: true }));
    return flagFromItem(answer.Item);
  };
  return {
    async pause(request) {
      const { PutItemCommand } = await loadDynamoSdk();
      const flag: PauseFlag = {
        flow: request.flow,
        since: (request.at ?? new Date()).toISOString(),
        ...(request.schedule !== undefined && { schedule: request.schedule }),
        ...(request.by !== undefined && { by: request.by }),
        ...(request.reason !== undefined && { reason: request.reason }),
        ...(request.until !== undefined && { until: request.until.toISOString() }),
      };
      const attributes: Item = Object.fromEntries(Object.entries(flag).map(([name, value]) => [name, { S: value as string }]));
      const expires: Item = request.until === undefined ? {} : { [STATE_TABLE.ttlAttribute]: { N: String(Math.floor(request.until.getTime() / 1000) + EXPIRED_PAUSE_KEPT_SECONDS) } };
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: {
            ...pauseKey(request.flow, request.schedule),
            ...attributes,
            [byFlow.partitionKey]: { S: PAUSES_PARTITION },
            [byFlow.sortKey]: { S: `${request.flow}#${request.schedule ?? ''}` },
            ...expires,
          },
        }),
      );
      return flag;
    },
    async resume(flow, schedule) {
      const { DeleteItemCommand } = await loadDynamoSdk();
      const answer = await table.client.send(new DeleteItemCommand({ TableName: table.tableName, Key: pauseKey(flow, schedule), ReturnValues: 'ALL_OLD' }));
      return answer.Attributes !== undefined;
    },
    async listPauses(flow) {
      const { QueryCommand } = await loadDynamoSdk();
      const flags: PauseFlag[] = [];
      let start: Item | undefined;
      do {
        const answer = await table.client.send(
          new QueryCommand({
            TableName: table.tableName,
            IndexName: byFlow.name,
            KeyConditionExpression: flow === undefined ? '#p = :p' : '#p = :p AND begins_with(#s, :flow)',
            ExpressionAttributeNames: { '#p': byFlow.partitionKey, ...(flow === undefined ? {} : { '#s': byFlow.sortKey }) },
            ExpressionAttributeValues: { ':p': { S: PAUSES_PARTITION }, ...(flow === undefined ? {} : { ':flow': { S: `${flow}#` } }) },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        flags.push(...(answer.Items ?? []).flatMap((item) => flagFromItem(item) ?? []));
        start = answer.LastEvaluatedKey;
      } while (start !== undefined);
      return flags;
    },
    async activePause(flow, schedule, at) {
      const [own, ofSchedule] = await Promise.all([read(flow), schedule === undefined ? undefined : read(flow, schedule)]);
      return [own, ofSchedule].find((flag): flag is PauseFlag => flag !== undefined && pauseApplies(flag, at));
    },
  };
}
