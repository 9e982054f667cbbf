/**
 * The run record as a state-table item (`run#<runId>`, shared with the run journal's
 * `attemptedAt` and `jobId`), and the listing cursor. Scalars the indexes and filters use are
 * top-level attributes; nested values (trigger, parameters, alert, timeline entries) are JSON
 * strings, so no marshalling library is needed and the timeline can grow with list_append.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ValidationError } from '../../errors.ts';
import type { Outcome } from '../../model.ts';
import type { RecordedAlert, RecordedParameter, RecordedTrigger, RunAttempt, RunRecord, RunRecordState, TimelineEntry, WatchMark } from '../../ledger/run-record.ts';
import { STATE_TABLE } from './state-table.ts';

export type Item = Record<string, AttributeValue>;

/** The run record's key prefix, and the run journal's: they share one item (run-journal.ts). */
export const RUN_PREFIX = 'run#';
export const FLOW_PARTITION_PREFIX = 'flow#';
export const ALL_RUNS_PARTITION = 'runs';

const { byFlow, allRuns } = STATE_TABLE.indexes;

export const runKey = (runId: string): Item => ({ [STATE_TABLE.partitionKey]: { S: `${RUN_PREFIX}${runId}` } });

/** `<submittedAt>#<runId>`: ISO times sort as strings, the run id breaks ties. */
export const listSortKey = (submittedAt: string, runId: string) => `${submittedAt}#${runId}`;

export const epochSeconds = (iso: string, plusSeconds: number) => ({ N: String(Math.floor(Date.parse(iso) / 1000) + plusSeconds) });

const text = (item: Item, name: string) => item[name]?.S;
const json = <T>(item: Item, name: string): T | undefined => {
  const value = item[name]?.S;
  return value === undefined ? undefined : (JSON.parse(value) as T);
};

/** The record, or undefined for an item the ledger did not write (a journal-only attempt). */
export function recordFromItem(item: Item | undefined): RunRecord | undefined {
  const runId = item && text(item, 'runId');
  const flow = item && text(item, 'flow');
  const submittedAt = item && text(item, 'submittedAt');
  const trigger = item && json<RecordedTrigger>(item, 'trigger');
  if (!item || runId === undefined || flow === undefined || submittedAt === undefined || trigger === undefined) return undefined;
  const optional = (name: string) => text(item, name);
  const expiresAt = item[STATE_TABLE.ttlAttribute]?.N;
  const record: RunRecord = {
    runId,
    flow,
    state: (optional('state') as RunRecordState | undefined) ?? 'RUNNING',
    trigger,
    parameters: json<RecordedParameter[]>(item, 'parameters') ?? [],
    runProfileName: optional('runProfileName') ?? '',
    submittedAt,
    checks: Number(item['checks']?.N ?? 0),
    timeline: (item['timeline']?.L ?? []).flatMap((entry) => (entry.S === undefined ? [] : [JSON.parse(entry.S) as TimelineEntry])),
    ...(expiresAt !== undefined && { expiresAt: new Date(Number(expiresAt) * 1000).toISOString() }),
    ...(item['adopted']?.BOOL && { adopted: true }),
    ...(item['notificationEnabled']?.BOOL !== undefined && { notificationEnabled: item['notificationEnabled'].BOOL }),
  };
  const alert = json<RecordedAlert>(item, 'alert');
  const strings = ['jobId', 'rerunOf', 'outcome', 'message', 'endedAt', 'executionStatus', 'currentStep', 'currentStepStatus', 'startedAt', 'lastCheckedAt', 'alertSuppressed'] as const;
  const extra: Record<string, string> = {};
  for (const name of strings) {
    const value = optional(name);
    if (value !== undefined) extra[name] = value;
  }
  // The watchdog's marks (dynamodb/watch-memory.ts): JSON like the alert.
  const late = json<WatchMark>(item, 'late');
  const suspicious = json<WatchMark>(item, 'suspicious');
  // A retried Notify appends its attempt again: the last entry of each attempt number counts.
  const byNumber = new Map((item['attempts']?.L ?? []).flatMap((entry) => (entry.S === undefined ? [] : [JSON.parse(entry.S) as RunAttempt])).map((attempt) => [attempt.n, attempt]));
  const attempts = [...byNumber.values()].sort((a, b) => a.n - b.n);
  return { ...record, ...(extra as { outcome?: Outcome }), ...(alert && { alert }), ...(late && { late }), ...(suspicious && { suspicious }), ...(attempts.length > 0 && { attempts }) };
}

/** Builds `SET a = :a, ...` expressions with generated names, so any attribute name is safe. */
export class UpdateBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  readonly #sets: string[] = [];
  #count = 0;

  name(attribute: string): string {
    const existing = Object.entries(this.names).find(([, value]) => value === attribute)?.[0];
    if (existing) return existing;
    const placeholder = `#n${Object.keys(this.names).length}`;
    this.names[placeholder] = attribute;
    return placeholder;
  }

  value(value: AttributeValue): string {
    const placeholder = `:v${this.#count++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  set(attribute: string, value: AttributeValue | undefined): this {
    if (value !== undefined) this.#sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    return this;
  }

  /** Sets the attribute only when the item has none: identity fields another writer may have set. */
  setIfAbsent(attribute: string, value: AttributeValue | undefined): this {
    if (value === undefined) return this;
    const name = this.name(attribute);
    this.#sets.push(`${name} = if_not_exists(${name}, ${this.value(value)})`);
    return this;
  }

  raw(clause: string): this {
    this.#sets.push(clause);
    return this;
  }

  expression(): string {
    return `SET ${this.#sets.join(', ')}`;
  }
}

export const s = (value: string | undefined): AttributeValue | undefined => (value === undefined ? undefined : { S: value });
export const j = (value: unknown): AttributeValue | undefined => (value === undefined ? undefined : { S: JSON.stringify(value) });

/** Which index a listing reads, and the partition it reads. */
export interface ListTarget {
  readonly index: typeof byFlow | typeof allRuns;
  readonly partition: string;
}

export function listTarget(flows: readonly string[] | undefined): ListTarget {
  return flows?.length === 1 ? { index: byFlow, partition: `${FLOW_PARTITION_PREFIX}${flows[0]}` } : { index: allRuns, partition: ALL_RUNS_PARTITION };
}

/** The cursor: the index position after the last record answered, base64url JSON. Opaque to callers. */
export function encodeCursor(target: ListTarget, key: Item): string {
  const position: Record<string, string> = {};
  for (const name of [STATE_TABLE.partitionKey, target.index.partitionKey, target.index.sortKey]) position[name] = key[name]?.S ?? '';
  return Buffer.from(JSON.stringify({ i: target.index.name, k: position })).toString('base64url');
}

export function decodeCursor(target: ListTarget, cursor: string): Item {
  const refuse = () => new ValidationError('next: not a cursor of this listing; pass the `next` value of the previous page with the same filters');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const { i, k } = (parsed ?? {}) as { i?: unknown; k?: Record<string, unknown> };
  const names = [STATE_TABLE.partitionKey, target.index.partitionKey, target.index.sortKey];
  if (i !== target.index.name || typeof k !== 'object' || k === null || Object.keys(k).length !== names.length) throw refuse();
  if (!names.every((name) => typeof k[name] === 'string') || k[target.index.partitionKey] !== target.partition) throw refuse();
  const pk = k[STATE_TABLE.partitionKey] as string;
  if (!pk.startsWith(RUN_PREFIX)) throw refuse();
  return Object.fromEntries(names.map((name) => [name, { S: k[name] as string }]));
}
