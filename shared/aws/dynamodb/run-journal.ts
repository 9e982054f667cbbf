/**
 * The run journal (shared/run/run-journal.ts) in the run state table: one item `run#<runId>`.
 * Execution names are unique for 90 days, so a week-long TTL never joins two runs; with the run
 * ledger, the record's own TTL (`runs.keepFor`) replaces it.
 */
import type { RunJournal } from '../../run/run-journal.ts';
import { updateItem } from './item-update.ts';
import { RUN_PREFIX } from './run-item.ts';
import { STATE_TABLE, loadDynamoSdk, type StateTableRef } from './state-table.ts';

export const RUN_JOURNAL_TTL_SECONDS = 7 * 86_400;

export function createRunJournal(table: StateTableRef, ttlSeconds = RUN_JOURNAL_TTL_SECONDS): RunJournal {
  const key = (runId: string) => ({ [STATE_TABLE.partitionKey]: { S: `${RUN_PREFIX}${runId}` } });
  const expiresAt = (at: Date) => ({ N: String(Math.floor(at.getTime() / 1000) + ttlSeconds) });
  /** Sets each attribute that the item does not have yet; creates the item when there is none. */
  const setIfAbsent = async (runId: string, values: Record<string, { S: string } | { N: string }>) => {
    const names = Object.keys(values);
    await updateItem(table, {
      key: key(runId),
      update: `SET ${names.map((_, i) => `#n${i} = if_not_exists(#n${i}, :v${i})`).join(', ')}`,
      names: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
      values: Object.fromEntries(names.map((name, i) => [`:v${i}`, values[name]!])),
    });
  };
  return {
    async read(runId) {
      const { GetItemCommand } = await loadDynamoSdk();
      const answer = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(runId), ConsistentRead: true }));
      const attemptedAt = answer.Item?.attemptedAt?.S;
      if (attemptedAt === undefined) return undefined;
      const jobId = answer.Item?.jobId?.S;
      return jobId === undefined ? { attemptedAt } : { attemptedAt, jobId };
    },
    // UpdateItem, never PutItem: the run ledger keeps the run's record in this same item
    // (shared/aws/dynamodb/run-ledger.ts), and a put would replace it whole.
    async attempt(runId, at) {
      await setIfAbsent(runId, { attemptedAt: { S: at.toISOString() }, [STATE_TABLE.ttlAttribute]: expiresAt(at) });
    },
    async started(runId, jobId) {
      const now = new Date();
      await updateItem(table, {
        key: key(runId),
        update: 'SET #job = :job, #at = if_not_exists(#at, :at), #ttl = if_not_exists(#ttl, :ttl)',
        names: { '#job': 'jobId', '#at': 'attemptedAt', '#ttl': STATE_TABLE.ttlAttribute },
        values: { ':job': { S: jobId }, ':at': { S: now.toISOString() }, ':ttl': expiresAt(now) },
      });
    },
  };
}
