/**
 * The operator commands end to end, in local mode: a `dwq start` (in-process) writes its
 * runtime.json; `dwq runs`, `trigger`, `rerun`, `pause` and `resume` reach it from the CLI as a
 * second process would, through that file (the ledger on its dynalite, runs through its
 * operator endpoint).
 */
import { mkdtempSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalHandle } from '../../../local/runtime/start-local.ts';
import { readRuntimeFile } from '../../../local/runtime/runtime-file.ts';
import { createMaintenanceStore } from '../../../shared/aws/dynamodb/maintenance.ts';
import { endpointDynamoClient } from '../../../shared/aws/dynamodb/state-table.ts';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../../shared/config/load.ts';
import { runCli } from '../cli/support/cli-kit.ts';
import { definitionFor, signedPost, temporaryOutbox, webhookTestOptions } from '../runtime/support/local-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const config = loadConfig();
const runtimeFile = join(mkdtempSync(join(tmpdir(), 'dwq-runtime-')), 'runtime.json');
const env = { DWQ_RUNTIME_FILE: runtimeFile, DWQ_POLL_INTERVAL_MS: '50' };
let local: LocalHandle;

beforeAll(async () => {
  local = await startLocal({ ...webhookTestOptions(SECRET), configPath: DEFAULT_CONFIG_PATH, definition: await definitionFor(config), runtimeFile });
});

afterAll(async () => {
  await local.close();
});

interface ListedRun {
  readonly runId: string;
  readonly flow: string;
  readonly outcome?: string;
  readonly jobId?: string;
  readonly rerunOf?: string;
  readonly parameters: ReadonlyArray<{ name: string; value: unknown }>;
  readonly trigger: { kind: string };
}

async function listed(args: string[] = []): Promise<{ runs: ListedRun[]; summary: Array<Record<string, unknown>>; paused: Array<Record<string, unknown>> }> {
  const result = await runCli(['runs', '--json', ...args], { env });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('Local mode › operator commands end to end', () => {
  it('writes runtime.json readable by its owner only', () => {
    // Assess
    const info = readRuntimeFile(runtimeFile);
    expect(info).toMatchObject({ url: local.url, token: local.operatorToken, stateTable: { tableName: expect.any(String) } });
    expect(statSync(runtimeFile).mode & 0o777).toBe(0o600);
  });

  it('lists a webhook run, a dwq trigger run and an ERROR run with their outcomes and jobs; a re-run repeats the parameters', async () => {
    // Prepare: three runs, started three ways
    const webhook = await signedPost(local.url, 'demo-load', SECRET, '{"parameters":{"ROWS":250}}');
    const webhookRunId = String(webhook.body['runId']);
    const triggered = await runCli(['trigger', 'sleep-split', '--wait', '--json'], { env });
    const failed = await runCli(['trigger', 'broken-export', '--wait', '--json'], { env });
    await local.executor.idle();

    // Act
    const listing = await listed();
    const rerun = await runCli(['rerun', webhookRunId, '--wait', '--json'], { env });
    const after = await listed(['--flow', 'demo-load']);

    // Assess
    expect(triggered.code).toBe(0);
    expect(failed.code).toBe(2);
    const triggeredRunId = JSON.parse(triggered.stdout).runId as string;
    const failedRunId = JSON.parse(failed.stdout).runId as string;
    const byId = new Map(listing.runs.map((run) => [run.runId, run]));
    expect(byId.get(webhookRunId)).toMatchObject({ flow: 'demo-load', outcome: 'COMPLETED', trigger: { kind: 'webhook' } });
    expect(byId.get(triggeredRunId)).toMatchObject({ flow: 'sleep-split', outcome: 'COMPLETED', trigger: { kind: 'manual' } });
    expect(byId.get(failedRunId)).toMatchObject({ flow: 'broken-export', outcome: 'ERROR' });
    const jobIds = [webhookRunId, triggeredRunId, failedRunId].map((runId) => byId.get(runId)?.jobId);
    expect(jobIds.every((jobId) => typeof jobId === 'string' && jobId.length > 0)).toBe(true);
    expect(jobIds).toEqual(jobIds.map((jobId) => local.connection.emulator?.jobs().find((job) => job.id === jobId)?.id));
    expect(listing.summary).toEqual(expect.arrayContaining([expect.objectContaining({ flow: 'broken-export', runs: 1, failures: 1 })]));

    expect(rerun.code).toBe(0);
    const rerunAnswer = JSON.parse(rerun.stdout);
    expect(rerunAnswer).toMatchObject({ rerunOf: webhookRunId, outcome: 'COMPLETED' });
    const repeated = after.runs.find((run) => run.runId === rerunAnswer.runId);
    const original = after.runs.find((run) => run.runId === webhookRunId);
    expect(repeated).toMatchObject({ rerunOf: webhookRunId, trigger: { kind: 'rerun' } });
    expect(repeated?.jobId).toBeTruthy();
    expect(repeated?.jobId).not.toBe(original?.jobId);
    expect(repeated?.parameters).toEqual(original?.parameters);
    expect(original?.parameters).toEqual(expect.arrayContaining([{ name: 'ROWS', type: 'integer', value: 250 }]));
  });

  it("starts no job for a paused flow's trigger, shows the pause, and runs again once resumed", async () => {
    // Prepare
    const jobsBefore = local.connection.emulator?.jobs().length ?? 0;
    const paused = await runCli(['pause', 'sleep-split', '--reason', 'warehouse maintenance', '--until', '2h'], { env });

    // Act
    const triggered = await runCli(['trigger', 'sleep-split', '--wait', '--json'], { env });
    const text = await runCli(['runs', '--flow', 'sleep-split'], { env });
    const resumed = await runCli(['resume', 'sleep-split', '--json'], { env });

    // Assess
    expect(paused.code).toBe(0);
    expect(triggered.code).toBe(0);
    expect(JSON.parse(triggered.stdout)).toMatchObject({ outcome: 'SKIPPED', pausedBy: { flow: 'sleep-split', reason: 'warehouse maintenance' } });
    expect(JSON.parse(triggered.stdout).jobId).toBeUndefined();
    expect(local.connection.emulator?.jobs().length).toBe(jobsBefore);
    expect(text.stdout).toMatch(/PAUSED: sleep-split paused since .*why: warehouse maintenance, until /);
    expect(text.stdout).toContain('SKIPPED');
    expect(JSON.parse(resumed.stdout)).toEqual({ flow: 'sleep-split', resumed: true });
    expect((await listed()).paused).toEqual([]);
  });

  it("backfills each fire in the running dwq start, and a second identical backfill starts none", async () => {
    // Prepare
    const url = readRuntimeFile(runtimeFile)?.url;
    const args = ['backfill', 'demo-load', '--schedule', 'nightly', '--from', '2026-11-27', '--to', '2026-11-28', '--local', url ?? '', '--outbox', temporaryOutbox(), '--json'];

    // Act
    const first = await runCli(args, { env });
    const second = await runCli(args, { env });
    const backfilled = (await listed(['--flow', 'demo-load'])).runs.filter((run) => run.trigger.kind === 'schedule');

    // Assess: the nightly 02:00 London fires of 27 and 28 November, run by the dwq start, once each.
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ counts: { started: 2, completed: 2, alreadyStarted: 0 } });
    expect(JSON.parse(second.stdout)).toMatchObject({ counts: { started: 0, alreadyStarted: 2 } });
    expect(backfilled.map((run) => run.outcome)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  it('snoozes a flow in the running dwq start through its runtime.json', async () => {
    // Act
    const result = await runCli(['snooze', 'demo-load', '2h', '--by', 'alice'], { env });
    const table = readRuntimeFile(runtimeFile)!.stateTable;
    const client = await endpointDynamoClient(table.endpoint);
    const snooze = await createMaintenanceStore({ client, tableName: table.tableName }).snoozeOf('demo-load');
    client.destroy();

    // Assess
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('demo-load snoozed until');
    expect(snooze?.by).toBe('alice');
    expect(Date.parse(snooze!.until) - Date.parse(snooze!.since)).toBe(2 * 3600 * 1000);
  });

  it('removes runtime.json on stop, after which the commands say no dwq start is running', async () => {
    // Act
    await local.close();
    const result = await runCli(['runs'], { env });

    // Assess
    expect(existsSync(runtimeFile)).toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no dwq start is running here');
  });
});
