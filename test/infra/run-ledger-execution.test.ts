/**
 * The run ledger written by the engine itself: the synthesized RunFlow definition, run with the
 * real handlers against the emulator and a real state table (dynalite). A run ends with a record
 * holding its job, checks, outcome and alert; a paused flow starts no job; a repeated schedule
 * delivery is no run.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { LocalRun } from '../../local/runtime/local-executor.ts';
import { createDynamoRunLedger } from '../../shared/aws/dynamodb/run-ledger.ts';
import type { RunLedger } from '../../shared/ledger/run-ledger.ts';
import type { RunInput } from '../../shared/model.ts';
import { catalogueFlow, type Harness, harnessForEachTest } from '../helpers/run-harness.ts';

const startHarness = harnessForEachTest();

async function started(): Promise<{ h: Harness; ledger: RunLedger }> {
  const harness = await startHarness({ stateTable: true });
  return { h: harness, ledger: createDynamoRunLedger(harness.stateTable!) };
}

async function execute(h: Harness, input: RunInput, name = crypto.randomUUID()): Promise<LocalRun> {
  await h.executor.start(name, input);
  const record = h.executor.get(name)!;
  await record.done;
  return record;
}

const SECRET_VALUE = 'pa55-do-not-store-7f3a';

describe('Run ledger › written by the RunFlow state machine', () => {
  it('ends a run with a record holding its job id, checks count, outcome, alert and masked parameters', async () => {
    // Prepare
    const { h, ledger } = await started();
    const flow = catalogueFlow('broken-export', {
      parameters: [
        { name: 'REGION', type: 'string', value: 'EMEA' },
        { name: 'dbPassword', type: 'string', value: SECRET_VALUE },
      ],
    });

    // Act
    const run = await h.run(flow);
    const record = await ledger.get(run.runId);
    const item = await h.stateTable!.client.send(new GetItemCommand({ TableName: h.stateTable!.tableName, Key: { pk: { S: `run#${run.runId}` } } }));

    // Assess
    expect(run.output?.run.outcome).toBe('ERROR');
    expect(record).toMatchObject({
      runId: run.runId,
      flow: 'broken-export',
      state: 'ENDED',
      outcome: 'ERROR',
      jobId: run.output?.run.jobId,
      checks: run.output?.run.poll.iteration,
      trigger: { kind: 'manual', id: 'test', by: 'test' },
      executionStatus: 'ERROR',
    });
    expect(record?.checks).toBeGreaterThan(0);
    expect(Date.parse(record?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(record!.submittedAt) - 60_000);
    expect(record?.alert).toMatchObject({ outcome: 'ERROR', kind: 'new', severity: 'critical', matchedSubscribers: [] });
    expect(record?.alert?.messageId).toBeTruthy();
    expect(record?.timeline.length).toBeGreaterThan(0);
    expect(record?.parameters).toEqual([
      { name: 'REGION', type: 'string', value: 'EMEA' },
      { name: 'dbPassword', type: 'string', value: '***', masked: true },
    ]);
    expect(JSON.stringify(item.Item)).not.toContain(SECRET_VALUE);
    expect(Number(item.Item?.['expiresAt']?.N)).toBeGreaterThan(Date.now() / 1000 + 80 * 86_400);
  });

  it('skips a paused flow: SKIPPED with the reason and how to resume, no DataWORQ call, and on record', async () => {
    const { h, ledger } = await started();
    await ledger.pause({ flow: 'sleep-split', by: 'alice', reason: 'warehouse migration' });

    const run = await h.run(catalogueFlow('sleep-split'));
    const record = await ledger.get(run.runId);

    expect(run.output?.run.outcome).toBe('SKIPPED');
    expect(run.output?.run.message).toMatch(/^paused: sleep-split is paused since .+ by alice: warehouse migration; resume with `dwq resume sleep-split`$/);
    expect(h.emulator.count('execute')).toBe(0);
    expect(h.emulator.count('status')).toBe(0);
    expect(record).toMatchObject({ state: 'ENDED', outcome: 'SKIPPED', message: run.output?.run.message });
    expect(record?.jobId).toBeUndefined();
  });

  it("pauses one schedule only: that schedule's runs skip, the flow's other triggers run", async () => {
    const { h, ledger } = await started();
    await ledger.pause({ flow: 'sleep-split', schedule: 'nightly', reason: 'holiday' });
    const scheduled = (schedule: string): RunInput => ({ flow: catalogueFlow('sleep-split'), trigger: { kind: 'schedule', id: `sleep-split/${schedule}`, time: '2026-03-01T02:00:00Z' } });

    const paused = await execute(h, scheduled('nightly'));
    const other = await execute(h, scheduled('hourly'));

    expect(paused.output?.run.outcome).toBe('SKIPPED');
    expect(paused.output?.run.message).toContain('resume with `dwq resume sleep-split --schedule nightly`');
    expect(other.output?.run.outcome).toBe('COMPLETED');
    expect((await ledger.get(paused.runId))?.trigger).toMatchObject({ schedule: 'nightly', scheduledTime: '2026-03-01T02:00:00Z' });
  });

  it('lists a scheduled time delivered twice as one run: the duplicate delivery is not a run', async () => {
    const { h, ledger } = await started();
    const input: RunInput = { flow: catalogueFlow('sleep-split'), trigger: { kind: 'schedule', id: 'sleep-split/quarter', time: '2026-03-01T02:15:00Z' } };

    const runs = await Promise.all([execute(h, input), execute(h, input)]);
    const page = await ledger.list({ flows: ['sleep-split'], limit: 10 });

    expect(runs.map((run) => run.output?.run.outcome).sort()).toEqual(['COMPLETED', 'SKIPPED']);
    const completed = runs.find((run) => run.output?.run.outcome === 'COMPLETED')!;
    expect(page.runs.map((run) => [run.runId, run.outcome])).toEqual([[completed.runId, 'COMPLETED']]);
  });
});
