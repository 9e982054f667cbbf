/**
 * The run journal (shared/run/run-journal.ts) in the run state table: one item `run#<runId>`.
 * Execution names are unique for 90 days, so a week-long TTL never joins two runs.
 */
import type { RunJournal } from '../../run/run-journal.ts';
import { STATE_TABLE, loadDynamoSdk, type StateTableRef } from './state-table.ts';

export const RUN_KEY_PREFIX = 'run#';
export const RUN_JOURNAL_TTL_SECONDS = 7 * 86_400;

export function createRunJournal(table: StateTableRef, ttlSeconds = RUN_JOURNAL_TTL_SECONDS): RunJournal {
  const key = (runId: string) => ({ [STATE_TABLE.partitionKey]: { S: `${RUN_KEY_PREFIX}${runId}` } });
  const expiresAt = (at: Date) => ({ N: String(Math.floor(at.getTime() / 1000) + ttlSeconds) });
  return {
    async read(runId) {
      const { GetItemCommand } = await loadDynamoSdk();
      const answer = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(runId), ConsistentRead: true }));
      const attemptedAt = answer.Item?.attemptedAt?.S;
      if (attemptedAt === undefined) return undefined;
      const jobId = answer.Item?.jobId?.S;
      return jobId === undefined ? { attemptedAt } : { attemptedAt, jobId };
    },
    async attempt(runId, at) {
      const { PutItemCommand } = await loadDynamoSdk();
      try {
        await table.client.send(
          new PutItemCommand({
            TableName: table.tableName,
            Item: { ...key(runId), attemptedAt: { S: at.toISOString() }, [STATE_TABLE.ttlAttribute]: expiresAt(at) },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': STATE_TABLE.partitionKey },
          }),
        );
      } catch (error) {
        if ((error as Error | undefined)?.name !== 'ConditionalCheckFailedException') throw error;
      }
    },
    async started(runId, jobId) {
      const { PutItemCommand } = await loadDynamoSdk();
      const current = await this.read(runId);
      const now = new Date();
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: { ...key(runId), attemptedAt: { S: current?.attemptedAt ?? now.toISOString() }, jobId: { S: jobId }, [STATE_TABLE.ttlAttribute]: expiresAt(now) },
        }),
      );
    },
  };
}
