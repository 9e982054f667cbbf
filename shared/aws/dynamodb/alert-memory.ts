/**
 * The alert memory's store in the run state table: one item per flow (`memory#<flow>`), written
 * only by a put conditional on the version read. The port and the read-decide-write loop are the
 * core's (shared/alerts/alert-memory.ts).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { AlertMemoryError } from '../../errors.ts';
import {
  recordDecision,
  type AlertMemory,
  type MemoryRecord,
  type MemoryStore,
  type RecordedDecision,
  type StoredMemory,
} from '../../alerts/alert-memory.ts';
import type { AlertDecision, FlowMemory } from '../../alerts/alert-policy.ts';
import { systemClock, type Clock } from '../../clock.ts';
import type { Outcome } from '../../model.ts';
import type { Env } from '../lambda-env.ts';
import { isConditionFailure } from './item-update.ts';
import { loadDynamoSdk, STATE_TABLE, stateTableFromEnv, type StateTableRef } from './state-table.ts';
import { errorName } from '../../log.ts';

export interface DynamoAlertMemoryOptions {
  readonly table: StateTableRef;
  /** Reads before giving up on a flow whose item keeps changing under us. Default 8. */
  readonly maxAttempts?: number;
  /** For the item's TTL. */
  readonly clock?: Clock;
}

export const MEMORY_KEY_PREFIX = 'memory#';
/** A flow silent this long starts afresh: its next failure is a first failure again. */
const MEMORY_TTL_SECONDS = 400 * 86_400;

export function memoryKey(flow: string): string {
  return `${MEMORY_KEY_PREFIX}${flow}`;
}

export class DynamoAlertMemory implements AlertMemory {
  readonly #table: StateTableRef;
  readonly #maxAttempts: number;
  readonly #clock: Clock;

  constructor(options: DynamoAlertMemoryOptions) {
    this.#table = options.table;
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#clock = options.clock ?? systemClock;
  }

  async read(flow: string): Promise<StoredMemory | undefined> {
    const answer = await this.#send(`read the alert memory of flow ${flow}`, async () => {
      const { GetItemCommand } = await loadDynamoSdk();
      const key = { [STATE_TABLE.partitionKey]: { S: memoryKey(flow) } };
      return this.#table.client.send(new GetItemCommand({ TableName: this.#table.tableName, Key: key, ConsistentRead: true }));
    });
    return answer.Item ? fromItem(flow, answer.Item) : undefined;
  }

  record(flow: string, runId: string, decide: (previous: FlowMemory | undefined) => AlertDecision): Promise<MemoryRecord> {
    const store: MemoryStore = { read: (name) => this.read(name), write: (name, stored, expected, now) => this.#put(name, stored, expected, now) };
    return recordDecision(store, { flow, runId, decide }, { maxAttempts: this.#maxAttempts, clock: this.#clock });
  }

  /** False when another write got in since `expectedVersion` was read. */
  async #put(flow: string, stored: StoredMemory, expectedVersion: number | undefined, now: Date): Promise<boolean> {
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
          };
    const item = toItem(flow, stored, Math.floor(now.getTime() / 1000) + MEMORY_TTL_SECONDS);
    try {
      const { PutItemCommand } = await loadDynamoSdk();
      await this.#table.client.send(new PutItemCommand({ TableName: this.#table.tableName, Item: item, ...condition }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw new AlertMemoryError(`could not write the alert memory of flow ${flow} to ${this.#table.tableName}: ${errorName(error)}`, { cause: error });
    }
  }

  async #send<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new AlertMemoryError(`could not ${what} from ${this.#table.tableName}: ${errorName(error)}`, { cause: error });
    }
  }
}

/** The memory in the state table named by the environment; undefined when none is wired. */
export function alertMemoryFromEnv(env: Env, clock?: Clock): DynamoAlertMemory | undefined {
  const table = stateTableFromEnv(env);
  return table ? new DynamoAlertMemory({ table, ...(clock ? { clock } : {}) }) : undefined;
}

function toItem(flow: string, stored: StoredMemory, expiresAt: number): Record<string, AttributeValue> {
  const { memory } = stored;
  const streak = memory.streak;
  return {
    [STATE_TABLE.partitionKey]: { S: memoryKey(flow) },
    version: { N: String(memory.version) },
    lastOutcome: { S: memory.lastOutcome },
    lastEndedAt: { S: memory.lastEndedAt },
    ...(streak
      ? {
          streak: {
            M: {
              failures: { N: String(streak.failures) },
              since: { S: streak.since },
              lastAlertAt: { S: streak.lastAlertAt },
              lastAlertedCount: { N: String(streak.lastAlertedCount) },
            },
          },
        }
      : {}),
    // Read back whole, never queried: JSON keeps the nested, optional context simple.
    decisions: { S: JSON.stringify(stored.decisions) },
    [STATE_TABLE.ttlAttribute]: { N: String(expiresAt) },
  };
}

function fromItem(flow: string, item: Record<string, AttributeValue>): StoredMemory {
  const problem = (what: string) => new AlertMemoryError(`alert memory of flow ${flow} is unreadable: ${what}`);
  const text = (value: AttributeValue | undefined, name: string): string => {
    if (value?.S === undefined) throw problem(`${name} is not text`);
    return value.S;
  };
  const count = (value: AttributeValue | undefined, name: string): number => {
    const parsed = Number(value?.N);
    if (value?.N === undefined || !Number.isInteger(parsed)) throw problem(`${name} is not a whole number`);
    return parsed;
  };
  const streak = item.streak?.M;
  const memory: FlowMemory = {
    version: count(item.version, 'version'),
    lastOutcome: text(item.lastOutcome, 'lastOutcome') as Outcome,
    lastEndedAt: text(item.lastEndedAt, 'lastEndedAt'),
    streak: streak
      ? {
          failures: count(streak.failures, 'streak.failures'),
          since: text(streak.since, 'streak.since'),
          lastAlertAt: text(streak.lastAlertAt, 'streak.lastAlertAt'),
          lastAlertedCount: count(streak.lastAlertedCount, 'streak.lastAlertedCount'),
        }
      : undefined,
  };
  return { memory, decisions: parseDecisions(text(item.decisions, 'decisions'), problem) };
}

function parseDecisions(json: string, problem: (what: string) => AlertMemoryError): RecordedDecision[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw problem('decisions is not JSON');
  }
  const valid = Array.isArray(parsed) && parsed.every((entry) => typeof entry?.runId === 'string' && typeof entry?.send === 'string' && typeof entry?.context?.kind === 'string');
  if (!valid) throw problem('decisions is not a list of decisions');
  return parsed as RecordedDecision[];
}

