/**
 * The run ledger in the run state table (DynamoDB in AWS, dynalite locally and in tests).
 *
 * One item per run, `run#<runId>`: the run journal's item, extended (the journal writes first,
 * the ledger only merges with UpdateItem, so neither clobbers the other). Its TTL becomes
 * `runs.keepFor` after submit. Two sparse GSIs list without a scan, newest first:
 * `byFlow` (`flow#<name>`) and `allRuns` (one partition: a run writes a few dozen times at most,
 * far below a partition's 1,000 writes a second, and a single partition keeps "newest first
 * across flows" one query). Pause flags are `pause#<flow>[#<schedule>]` (dynamodb/pause-flags.ts).
 */
import type { QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { RUN_LEDGER } from '../../ledger/constants.ts';
import type { RunLedger, RunPage, RunQuery } from '../../ledger/run-ledger.ts';
import type { NewRunRecord, RunEnd, RunProgress, RunRecord } from '../../ledger/run-record.ts';
import { updateItem } from './item-update.ts';
import { loadDynamoSdk, STATE_TABLE, type StateTableRef } from './state-table.ts';
import { createPauseFlags } from './pause-flags.ts';
import {
  ALL_RUNS_PARTITION,
  decodeCursor,
  encodeCursor,
  epochSeconds,
  FLOW_PARTITION_PREFIX,
  j,
  listSortKey,
  listTarget,
  recordFromItem,
  runKey,
  s,
  UpdateBuilder,
  type Item,
} from './run-item.ts';

export interface DynamoRunLedgerOptions {
  /** How long records are kept after submit (TTL). Default RUN_LEDGER.defaultKeepForSeconds. */
  readonly keepForSeconds?: number;
}

const { byFlow, allRuns } = STATE_TABLE.indexes;
/** DynamoDB's limit on an IN list. */
const MAX_IN_OPERANDS = 100;

export function createDynamoRunLedger(table: StateTableRef, options: DynamoRunLedgerOptions = {}): RunLedger {
  const keepFor = options.keepForSeconds ?? RUN_LEDGER.defaultKeepForSeconds;
  /** Resolves false when `condition` was not met (nothing written). */
  const update = async (runId: string, builder: UpdateBuilder, condition?: string): Promise<boolean> => {
    const applied = await updateItem(table, { key: runKey(runId), update: builder.expression(), condition, names: builder.names, values: builder.values });
    return applied !== undefined;
  };
  return {
    async submitted(record) {
      // A retry's Submit keeps the first attempt's identity: its submit time stays the record's sort key.
      const builder = identity(new UpdateBuilder(), record, keepFor, (record.attempt ?? 1) > 1 ? 'ifAbsent' : 'set');
      builder.set('state', { S: record.outcome ? 'ENDED' : 'RUNNING' });
      builder.set('jobId', s(record.jobId)).set('outcome', s(record.outcome)).set('message', s(record.message)).set('endedAt', s(record.endedAt));
      if (record.adopted) builder.set('adopted', { BOOL: true });
      await update(record.runId, builder);
    },
    async checked(runId, progress) {
      const base = () => progressUpdate(progress, keepFor);
      if (progress.timelineEntry === undefined) {
        await update(runId, base());
        return;
      }
      const appended = base();
      const timeline = appended.name('timeline');
      appended.raw(`${timeline} = list_append(if_not_exists(${timeline}, ${appended.value({ L: [] })}), ${appended.value({ L: [{ S: JSON.stringify(progress.timelineEntry) }] })})`);
      if (await update(runId, appended, `attribute_not_exists(${timeline}) OR size(${timeline}) < ${appended.value({ N: String(RUN_LEDGER.maxTimelineEntries) })}`)) return;
      // Full: the first entries stay, the last slot holds the latest change.
      const capped = base();
      capped.raw(`${capped.name('timeline')}[${RUN_LEDGER.maxTimelineEntries - 1}] = ${capped.value({ S: JSON.stringify(progress.timelineEntry) })}`);
      await update(runId, capped);
    },
    async finished(runId, end, fallback) {
      const builder = identity(new UpdateBuilder(), fallback, keepFor, 'ifAbsent');
      builder.set('state', { S: 'ENDED' }).set('outcome', { S: end.outcome }).set('endedAt', { S: end.endedAt });
      builder.set('message', s(end.message)).set('jobId', s(end.jobId)).set('executionStatus', s(end.executionStatus));
      builder.set('currentStep', s(end.currentStep)).set('startedAt', s(end.startedAt)).set('alert', j(end.alert));
      builder.set('alertSuppressed', s(end.alertSuppressed));
      if (end.attempt !== undefined) {
        const attempts = builder.name('attempts');
        builder.raw(`${attempts} = list_append(if_not_exists(${attempts}, ${builder.value({ L: [] })}), ${builder.value({ L: [{ S: JSON.stringify(end.attempt) }] })})`);
      }
      await update(runId, builder);
    },
    async get(runId) {
      const { GetItemCommand } = await loadDynamoSdk();
      const answer = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: runKey(runId), ConsistentRead: true }));
      return recordFromItem(answer.Item);
    },
    list: (query) => listRuns(table, query),
    ...createPauseFlags(table),
  };
}

/** The record's identity and its index keys: set by Submit, kept-if-present by Notify's upsert. */
function identity(builder: UpdateBuilder, record: NewRunRecord, keepFor: number, mode: 'set' | 'ifAbsent'): UpdateBuilder {
  const put = (name: string, value: Parameters<UpdateBuilder['set']>[1]) => (mode === 'set' ? builder.set(name, value) : builder.setIfAbsent(name, value));
  const sortKey = listSortKey(record.submittedAt, record.runId);
  put('runId', { S: record.runId });
  put('flow', { S: record.flow });
  put('trigger', j(record.trigger));
  put('parameters', j(record.parameters));
  put('runProfileName', { S: record.runProfileName });
  put('notificationEnabled', record.notificationEnabled === undefined ? undefined : { BOOL: record.notificationEnabled });
  put('submittedAt', { S: record.submittedAt });
  put('rerunOf', s(record.rerunOf));
  put(byFlow.partitionKey, { S: `${FLOW_PARTITION_PREFIX}${record.flow}` });
  put(byFlow.sortKey, { S: sortKey });
  put(allRuns.partitionKey, { S: ALL_RUNS_PARTITION });
  put(allRuns.sortKey, { S: sortKey });
  builder.setIfAbsent('checks', { N: '0' }).setIfAbsent('timeline', { L: [] });
  // Always set: the run journal's shorter TTL gives way to runs.keepFor.
  builder.set(STATE_TABLE.ttlAttribute, epochSeconds(record.submittedAt, keepFor));
  return builder;
}

function progressUpdate(progress: RunProgress, keepFor: number): UpdateBuilder {
  const builder = new UpdateBuilder();
  builder.set('lastCheckedAt', { S: progress.checkedAt }).set('checks', { N: String(progress.checks) });
  builder.set('executionStatus', s(progress.executionStatus)).set('currentStep', s(progress.currentStep)).set('currentStepStatus', s(progress.currentStepStatus));
  // DataWORQ's start time wins; until it is known, the first check that saw the job RUNNING.
  if (progress.startedAt !== undefined) builder.set('startedAt', { S: progress.startedAt });
  else builder.setIfAbsent('startedAt', s(progress.seenRunningAt));
  if (progress.outcome !== undefined) builder.set('state', { S: 'ENDED' }).set('outcome', { S: progress.outcome });
  builder.set('message', s(progress.message)).set('endedAt', s(progress.endedAt));
  // A record Submit could not write still expires.
  builder.setIfAbsent(STATE_TABLE.ttlAttribute, epochSeconds(progress.checkedAt, keepFor));
  return builder;
}

/** Newest first from one index; reads at most RUN_LEDGER.maxPagesPerList pages, then answers with a cursor. */
async function listRuns(table: StateTableRef, query: RunQuery): Promise<RunPage> {
  const target = listTarget(query.flows);
  let start: Item | undefined = query.cursor === undefined ? undefined : decodeCursor(target, query.cursor);
  if (query.flows?.length === 0) return { runs: [] };
  const { QueryCommand } = await loadDynamoSdk();
  const input = listQueryInput(table.tableName, target.index, target.partition, query);
  const runs: RunRecord[] = [];
  for (let page = 0; page < RUN_LEDGER.maxPagesPerList; page++) {
    const answer = await table.client.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of answer.Items ?? []) {
      const record = recordFromItem(item);
      // Checked here too: beyond DynamoDB's 100 IN operands the flows filter is ours alone.
      if (record === undefined || (query.flows !== undefined && !query.flows.includes(record.flow))) continue;
      runs.push(record);
      // Full: the next page starts after this record, whatever else this page read.
      if (runs.length === query.limit) return { runs, next: encodeCursor(target, item) };
    }
    start = answer.LastEvaluatedKey;
    if (start === undefined) return { runs };
  }
  return { runs, next: encodeCursor(target, start!) };
}

function listQueryInput(tableName: string, index: typeof byFlow | typeof allRuns, partition: string, query: RunQuery): QueryCommandInput {
  const names: Record<string, string> = { '#p': index.partitionKey };
  const values: QueryCommandInput['ExpressionAttributeValues'] = { ':p': { S: partition } };
  let keyCondition = '#p = :p';
  if (query.since !== undefined) {
    names['#s'] = index.sortKey;
    keyCondition += ' AND #s >= :since';
    values[':since'] = { S: query.since.toISOString() };
  }
  const filters: string[] = [];
  if (query.outcome !== undefined) {
    names['#outcome'] = 'outcome';
    values[':outcome'] = { S: query.outcome };
    filters.push('#outcome = :outcome');
  }
  if (query.flows !== undefined && query.flows.length > 1 && query.flows.length <= MAX_IN_OPERANDS) {
    names['#flow'] = 'flow';
    const placeholders = query.flows.map((flow, position) => {
      values[`:f${position}`] = { S: flow };
      return `:f${position}`;
    });
    filters.push(`#flow IN (${placeholders.join(', ')})`);
  }
  return {
    TableName: tableName,
    IndexName: index.name,
    KeyConditionExpression: keyCondition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ScanIndexForward: false,
    Limit: RUN_LEDGER.maxListLimit,
  };
}
