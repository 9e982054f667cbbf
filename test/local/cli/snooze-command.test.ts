import { afterEach, describe, expect, it } from 'vitest';
import { snoozeSeconds } from '../../../local/cli/snooze-command.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../local/state/dynamodb-server.ts';
import { createMaintenanceStore } from '../../../shared/aws/dynamodb/maintenance.ts';
import { runCli } from './support/cli-kit.ts';

let dynamo: LocalDynamo | undefined;

afterEach(async () => {
  await dynamo?.close();
  dynamo = undefined;
});

describe('Command: dwq snooze', () => {
  it("writes the flow's snooze to the state table, until now plus the duration", async () => {
    // Prepare
    dynamo = await startLocalDynamo();
    const tableName = await dynamo.createStateTable();
    const before = Date.now();
    // Act
    const result = await runCli(['snooze', 'demo-load', '2h', '--by', 'alice'], { env: { DWQ_DYNAMODB_ENDPOINT: dynamo.endpoint, DWQ_STATE_TABLE: tableName } });
    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('demo-load snoozed until');
    const snooze = await createMaintenanceStore({ client: dynamo.client, tableName }).snoozeOf('demo-load');
    expect(snooze?.by).toBe('alice');
    const length = Date.parse(snooze!.until) - Date.parse(snooze!.since);
    expect(length).toBe(2 * 3600 * 1000);
    expect(Date.parse(snooze!.since)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('refuses an unknown flow, a bad duration and a missing state table, each saying what to do', async () => {
    expect((await runCli(['snooze', 'no-such-flow', '2h'])).stderr).toMatch(/unknown flow 'no-such-flow' \(known: /);
    expect((await runCli(['snooze', 'demo-load', 'soon'])).stderr).toContain('such as 30m, 2h or 1d');
    const nowhere = await runCli(['snooze', 'demo-load', '2h'], { env: { DWQ_RUNTIME_FILE: '/nonexistent/runtime.json' } });
    expect(nowhere.stderr).toContain('no run state table to write to: start local mode (dwq start) in this folder, pass --stack NAME');
    expect(() => snoozeSeconds('8d')).toThrow(/at most|1m to 7d/);
  });
});
