/**
 * A schedule's input names its flow (shared/run/scheduled-input.ts), executed: the synthesized
 * definition with the real handlers, which resolve the flow from the config they carry, through
 * the normal path and through a crashed Submit, its alert and a retry.
 */
import { describe, expect, it } from 'vitest';
import { createDynamoRunLedger } from '../../shared/aws/dynamodb/run-ledger.ts';
import { scheduleConfigOf } from '../../shared/config/config-subsets.ts';
import { parseConfig } from '../../shared/config/load.ts';
import { scheduleRunFlow } from '../../shared/config/resolve.ts';
import { scheduledInputFor } from '../../shared/run/scheduled-input.ts';
import type { LocalRun } from '../../local/runtime/local-executor.ts';
import { harnessForEachTest, type Harness } from '../helpers/run-harness.ts';

const startHarness = harnessForEachTest();

const carried = scheduleConfigOf(parseConfig(`
flows:
  demo-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    dataworqFlowName: Demo
    parameters: { ROWS: { type: integer, default: 1000 } }
    retry: { on: [SUBMIT_FAILED], attempts: 1, delay: 1s }
    schedules:
      - { name: nightly, expression: cron(0 2 * * ? *), timeZone: Europe/London, parameters: { ROWS: 5000 } }
`, 'scheduled input execution'));

/** Starts the nightly fire as Scheduler would (the input as the schedule holds it) and waits for its end. */
async function runNightly(harness: Harness, name: string): Promise<LocalRun> {
  const input = scheduledInputFor('demo-load', { name: 'nightly', timeZone: 'Europe/London' }, harness.clock.now().toISOString());
  // The executor types its input as a RunInput; a schedule's names its flow, as in AWS.
  await harness.executor.start(name, input as never);
  const record = harness.executor.get(name)!;
  await record.done;
  return record;
}

describe('RunFlow state machine: a schedule input that names its flow', () => {
  it('runs the flow Submit resolves, with the schedule parameters, and ends with its name', async () => {
    // Prepare
    const harness = await startHarness({ stateTable: true, scheduleConfig: () => carried });
    const name = 'demo-load--sc-named-1';

    // Act
    const record = await runNightly(harness, name);

    // Assess
    expect(record.state).toBe('SUCCEEDED');
    expect(record.output?.run.outcome).toBe('COMPLETED');
    expect(record.output?.flow).toBe('demo-load');
    const recorded = await createDynamoRunLedger(harness.stateTable!).get(name);
    expect(recorded?.parameters).toContainEqual(expect.objectContaining({ name: 'ROWS', value: 5000 }));
    expect(recorded?.trigger).toMatchObject({ kind: 'schedule', id: 'demo-load/nightly' });
    expect(harness.emulator.count('execute')).toBe(1);
  });

  it('after a crashed Submit still alerts, waits the retry delay Notify gives and resolves the flow again for the next attempt', async () => {
    // Prepare: the first read of the carried config fails, as a crash of Submit would.
    let reads = 0;
    const harness = await startHarness({
      scheduleConfig: () => {
        reads += 1;
        if (reads === 1) throw new Error('config unreadable');
        return carried;
      },
    });
    const name = 'demo-load--sc-named-2';

    // Act
    const record = await runNightly(harness, name);

    // Assess
    expect(record.state).toBe('SUCCEEDED');
    expect(record.output?.run.outcome).toBe('COMPLETED');
    expect(record.output?.flow).toBe('demo-load');
    expect(harness.emulator.count('execute')).toBe(1);
    const alerts = harness.publishes().map((publish) => publish.MessageAttributes?.alert?.StringValue);
    expect(alerts).toEqual(['retry', 'new']);
    expect(scheduleRunFlow(carried, 'demo-load', 'nightly').retry?.delaySeconds).toBe(1);
  });
});
