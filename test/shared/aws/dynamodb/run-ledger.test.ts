/**
 * The run ledger against a real DynamoDB-compatible server (dynalite, with the table's GSIs):
 * records created, updated and ended; listed newest first by flow and across flows; paged by
 * cursor; kept for runs.keepFor; pause flags set, listed and removed.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStateTable } from '../../../helpers/state-table-kit.ts';
import { createDynamoRunLedger } from '../../../../shared/aws/dynamodb/run-ledger.ts';
import { ValidationError } from '../../../../shared/errors.ts';
import { RUN_LEDGER } from '../../../../shared/ledger/constants.ts';
import type { RunLedger } from '../../../../shared/ledger/run-ledger.ts';
import type { NewRunRecord } from '../../../../shared/ledger/run-record.ts';
import { createRunJournal } from '../../../../shared/aws/dynamodb/run-journal.ts';

const KEEP_FOR = 30 * 86_400;
const state = useStateTable('run-ledger-test');
let ledger: RunLedger;

beforeAll(() => {
  ledger = createDynamoRunLedger(state.table, { keepForSeconds: KEEP_FOR });
});

let counter = 0;
const freshFlow = () => `flow-${++counter}`;

function newRecord(flow: string, minute: number, overrides: Partial<NewRunRecord> = {}): NewRunRecord {
  const submittedAt = new Date(Date.UTC(2026, 2, 1, 2, minute)).toISOString();
  return {
    runId: `${flow}--wh-${String(minute).padStart(24, '0')}`,
    flow,
    trigger: { kind: 'webhook', id: `delivery-${minute}`, time: submittedAt, deliveryId: `delivery-${minute}` },
    parameters: [
      { name: 'region', type: 'string', value: 'EMEA' },
      { name: 'apiToken', type: 'string', value: '***', masked: true },
    ],
    runProfileName: 'default',
    submittedAt,
    jobId: `job-${minute}`,
    ...overrides,
  };
}

describe('Function: createDynamoRunLedger', () => {
  it('creates a record, updates it from checks, and ends it with the alert', async () => {
    // Prepare
    const flow = freshFlow();
    const record = newRecord(flow, 0);
    // Act
    await ledger.submitted(record);
    await ledger.checked(record.runId, { checkedAt: '2026-03-01T02:00:30.000Z', checks: 1, executionStatus: 'RUNNING', seenRunningAt: '2026-03-01T02:00:30.000Z', timelineEntry: { at: '2026-03-01T02:00:30.000Z', status: 'RUNNING' } });
    const running = await ledger.get(record.runId);
    await ledger.checked(record.runId, { checkedAt: '2026-03-01T02:01:30.000Z', checks: 2, executionStatus: 'RUNNING' });
    await ledger.finished(record.runId, {
      outcome: 'ERROR',
      endedAt: '2026-03-01T02:02:00.000Z',
      startedAt: '2026-03-01T02:00:05.000Z',
      message: 'ORA-12541',
      alert: { outcome: 'ERROR', kind: 'new', severity: 'critical', subject: 'ERROR', matchedSubscribers: ['ops'], sentAt: '2026-03-01T02:02:01.000Z' },
    }, newRecord(flow, 0, { runProfileName: 'fallback-must-not-win' }));
    const ended = await ledger.get(record.runId);
    // Assess
    expect(running).toMatchObject({ state: 'RUNNING', checks: 1, executionStatus: 'RUNNING', jobId: 'job-0', startedAt: '2026-03-01T02:00:30.000Z' });
    expect(ended).toMatchObject({ startedAt: '2026-03-01T02:00:05.000Z' });
    expect(ended).toMatchObject({ state: 'ENDED', outcome: 'ERROR', checks: 2, jobId: 'job-0', runProfileName: 'default', endedAt: '2026-03-01T02:02:00.000Z' });
    expect(ended?.alert?.matchedSubscribers).toEqual(['ops']);
    expect(ended?.timeline).toEqual([{ at: '2026-03-01T02:00:30.000Z', status: 'RUNNING' }]);
    expect(ended?.parameters).toContainEqual({ name: 'apiToken', type: 'string', value: '***', masked: true });
  });

  it('sets the TTL to submittedAt + keepFor, replacing the run journal’s shorter one, and keeps the journal’s fields', async () => {
    const flow = freshFlow();
    const record = newRecord(flow, 1);
    const journal = createRunJournal(state.table);
    await journal.attempt(record.runId, new Date(record.submittedAt));
    await journal.started(record.runId, 'job-1');
    await ledger.submitted(record);
    const item = (await state.dynamo.client.send(new GetItemCommand({ TableName: state.tableName, Key: { pk: { S: `run#${record.runId}` } } }))).Item;
    expect(Number(item?.['expiresAt']?.N)).toBe(Date.parse(record.submittedAt) / 1000 + KEEP_FOR);
    expect(await journal.read(record.runId)).toEqual({ attemptedAt: record.submittedAt, jobId: 'job-1' });
  });

  it('upserts from Notify when Submit wrote nothing (Submit crashed)', async () => {
    const flow = freshFlow();
    const fallback = newRecord(flow, 2, { jobId: undefined });
    await ledger.finished(fallback.runId, { outcome: 'SUBMIT_FAILED', endedAt: fallback.submittedAt, message: 'the Submit step failed' }, fallback);
    const page = await ledger.list({ flows: [flow], limit: 10 });
    expect(page.runs.map((run) => [run.runId, run.outcome, run.state])).toEqual([[fallback.runId, 'SUBMIT_FAILED', 'ENDED']]);
  });

  it('lists one flow newest first and pages with the cursor, never mixing flows', async () => {
    const flow = freshFlow();
    const other = freshFlow();
    for (const minute of [10, 12, 11, 13, 14]) await ledger.submitted(newRecord(flow, minute));
    await ledger.submitted(newRecord(other, 15));
    const first = await ledger.list({ flows: [flow], limit: 2 });
    const second = await ledger.list({ flows: [flow], limit: 2, cursor: first.next });
    const third = await ledger.list({ flows: [flow], limit: 2, cursor: second.next });
    const minutes = [...first.runs, ...second.runs, ...third.runs].map((run) => run.submittedAt.slice(14, 16));
    expect(minutes).toEqual(['14', '13', '12', '11', '10']);
    expect(third.runs.every((run) => run.flow === flow)).toBe(true);
  });

  it('lists across flows newest first, filtered by flows, outcome and since', async () => {
    const a = freshFlow();
    const b = freshFlow();
    const c = freshFlow();
    await ledger.submitted(newRecord(a, 40));
    await ledger.submitted(newRecord(b, 41, { outcome: 'SKIPPED', message: 'paused', endedAt: '2026-03-01T02:41:00.000Z' }));
    await ledger.submitted(newRecord(c, 42));
    await ledger.submitted(newRecord(a, 43));
    const both = await ledger.list({ flows: [a, b], limit: 10 });
    const skipped = await ledger.list({ flows: [a, b, c], outcome: 'SKIPPED', limit: 10 });
    const recent = await ledger.list({ flows: [a, b, c], since: new Date('2026-03-01T02:42:00.000Z'), limit: 10 });
    const everyone = await ledger.list({ limit: 3 });
    expect(both.runs.map((run) => `${run.flow}@${run.submittedAt.slice(14, 16)}`)).toEqual([`${a}@43`, `${b}@41`, `${a}@40`]);
    expect(skipped.runs.map((run) => run.flow)).toEqual([b]);
    expect(recent.runs.map((run) => run.submittedAt.slice(14, 16))).toEqual(['43', '42']);
    expect(everyone.runs).toHaveLength(3);
    expect(everyone.runs[0]!.submittedAt >= everyone.runs[2]!.submittedAt).toBe(true);
  });

  it('refuses a cursor that is not one of this listing', async () => {
    const flow = freshFlow();
    for (const minute of [20, 21]) await ledger.submitted(newRecord(flow, minute));
    const page = await ledger.list({ flows: [flow], limit: 1 });
    await expect(ledger.list({ flows: [freshFlow()], limit: 1, cursor: page.next })).rejects.toThrow(ValidationError);
    await expect(ledger.list({ limit: 1, cursor: 'not-a-cursor' })).rejects.toThrow(/next/);
  });

  it('keeps the first timeline entries and the latest one when the timeline is full', async () => {
    const flow = freshFlow();
    const record = newRecord(flow, 30);
    await ledger.submitted(record);
    for (let check = 1; check <= RUN_LEDGER.maxTimelineEntries + 3; check++) {
      await ledger.checked(record.runId, { checkedAt: new Date(Date.UTC(2026, 2, 1, 3, 0, check)).toISOString(), checks: check, currentStep: `step ${check}`, timelineEntry: { at: String(check), step: `step ${check}` } });
    }
    const timeline = (await ledger.get(record.runId))?.timeline ?? [];
    expect(timeline).toHaveLength(RUN_LEDGER.maxTimelineEntries);
    expect(timeline[0]?.step).toBe('step 1');
    expect(timeline.at(-1)?.step).toBe(`step ${RUN_LEDGER.maxTimelineEntries + 3}`);
  });

  it('answers undefined for an unknown run and for a journal-only item', async () => {
    await createRunJournal(state.table).attempt('journal-only--wh-000000000000000000000000', new Date());
    expect(await ledger.get('nope--wh-000000000000000000000000')).toBeUndefined();
    expect(await ledger.get('journal-only--wh-000000000000000000000000')).toBeUndefined();
  });

  it('pauses, lists and resumes a flow and a schedule; an expired pause no longer applies', async () => {
    const flow = freshFlow();
    const at = new Date('2026-03-01T02:00:00.000Z');
    await ledger.pause({ flow, by: 'alice', reason: 'warehouse migration', at });
    await ledger.pause({ flow, schedule: 'nightly', until: new Date('2026-03-01T03:00:00.000Z'), at });
    const listed = await ledger.listPauses(flow);
    const active = await ledger.activePause(flow, 'nightly', at);
    await ledger.resume(flow);
    const scheduleOnly = await ledger.activePause(flow, 'nightly', at);
    const expired = await ledger.activePause(flow, 'nightly', new Date('2026-03-01T03:00:00.000Z'));
    const resumedAgain = await ledger.resume(flow);
    expect(listed.map((flag) => flag.schedule ?? '(flow)').sort()).toEqual(['(flow)', 'nightly']);
    expect(active).toMatchObject({ flow, by: 'alice', reason: 'warehouse migration', since: at.toISOString() });
    expect(scheduleOnly).toMatchObject({ schedule: 'nightly', until: '2026-03-01T03:00:00.000Z' });
    expect(expired).toBeUndefined();
    expect(resumedAgain).toBe(false);
    expect(await ledger.listPauses(freshFlow())).toEqual([]);
  });
});
