/**
 * One UpdateItem on the state table, and one reading of DynamoDB's "condition not met": every
 * store in this folder updates items the same way and tells a lost race from a failure the same way.
 */
import type { Item } from './run-item.ts';
import { loadDynamoSdk, type StateTableRef } from './state-table.ts';

/** An update in DynamoDB's own expression language; `condition` absent = always applied. */
export interface ItemUpdate {
  readonly key: Item;
  /** The UpdateExpression, e.g. `SET #state = :closed`. */
  readonly update: string;
  readonly condition?: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values?: Item;
  /** Answer with the item as the update left it (`ReturnValues: ALL_NEW`). */
  readonly returnNew?: boolean;
}

/** A conditional write that lost: the item was not in the state the condition asked for. */
export const isConditionFailure = (error: unknown): boolean => (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/**
 * Applies the update. Resolves with the item after it (empty unless `returnNew`), or undefined
 * when the condition was not met; any other failure is thrown.
 */
export async function updateItem(table: StateTableRef, update: ItemUpdate): Promise<Item | undefined> {
  const { UpdateItemCommand } = await loadDynamoSdk();
  try {
    const answer = await table.client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: update.key,
        UpdateExpression: update.update,
        ...(update.condition !== undefined && { ConditionExpression: update.condition }),
        ExpressionAttributeNames: { ...update.names },
        ...(update.values !== undefined && { ExpressionAttributeValues: update.values }),
        ...(update.returnNew && { ReturnValues: 'ALL_NEW' as const }),
      }),
    );
    return answer.Attributes ?? {};
  } catch (error) {
    if (update.condition !== undefined && isConditionFailure(error)) return undefined;
    throw error;
  }
}
