/**
 * Trigger claims (shared/run/trigger-claims.ts) in the run state table: a put of the claim's key
 * conditional on its absence, then a consistent read of who holds it when the put lost.
 */
import { systemClock, type Clock } from '../../clock.ts';
import { TriggerClaimError } from '../../errors.ts';
import { triggerClaimKey, type ClaimTrigger } from '../../run/trigger-claims.ts';
import { isConditionFailure } from './item-update.ts';
import { loadDynamoSdk, STATE_TABLE, type StateTableRef } from './state-table.ts';

/** Far longer than Scheduler keeps retrying a delivery (its maximum event age is 24 hours). */
export const CLAIM_TTL_SECONDS = 7 * 86_400;

export interface TriggerClaimsOptions {
  /** For `claimedAt` and the TTL. */
  readonly clock?: Clock;
  readonly ttlSeconds?: number;
}

/**
 * Submit's `claimTrigger` port on DynamoDB. True = this run may start the job: the trigger is not
 * a schedule, the claim was new, or this same run claimed it before (a retried Submit).
 * Throws TriggerClaimError when DynamoDB fails; Submit then ends the run SUBMIT_FAILED.
 */
export function createTriggerClaims(table: StateTableRef, options: TriggerClaimsOptions = {}): ClaimTrigger {
  const clock = options.clock ?? systemClock;
  const ttlSeconds = options.ttlSeconds ?? CLAIM_TTL_SECONDS;
  return async function claimTrigger(input) {
    if (input.trigger.kind !== 'schedule') return true;
    const pk = triggerClaimKey(input.flow.name, input.trigger);
    const now = clock.now();
    try {
      const { PutItemCommand } = await loadDynamoSdk();
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: {
            [STATE_TABLE.partitionKey]: { S: pk },
            runId: { S: input.runId },
            claimedAt: { S: now.toISOString() },
            [STATE_TABLE.ttlAttribute]: { N: String(Math.floor(now.getTime() / 1000) + ttlSeconds) },
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': STATE_TABLE.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw claimError('write', pk, error);
    }
    return (await claimantOf(table, pk)) === input.runId;
  };
}

/** Strongly consistent: the claim we just lost must be visible. */
async function claimantOf(table: StateTableRef, pk: string): Promise<string | undefined> {
  try {
    const { GetItemCommand } = await loadDynamoSdk();
    const answer = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { [STATE_TABLE.partitionKey]: { S: pk } },
        ConsistentRead: true,
        ProjectionExpression: 'runId',
      }),
    );
    return answer.Item?.runId?.S;
  } catch (error) {
    throw claimError('read', pk, error);
  }
}

function claimError(action: 'write' | 'read', pk: string, error: unknown): TriggerClaimError {
  const reason = error instanceof Error ? error.name : 'unknown error';
  return new TriggerClaimError(`could not ${action} the trigger claim ${pk} (${reason})`, { cause: error });
}
