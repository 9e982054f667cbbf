/**
 * EventBridge Scheduler delivers at least once and cannot name the execution it starts. The
 * synthesized RunFlow definition, run with the real handlers against the emulator and a real
 * state table (dynalite), is given the target input exactly as the template holds it, with the
 * scheduled time substituted as Scheduler would: a repeated delivery must not start a second job.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalRun } from '../../local/runtime/local-executor.ts';
import type { RunInput } from '../../shared/model.ts';
import { type Harness, harnessForEachTest } from '../helpers/run-harness.ts';
import { synthStack } from '../helpers/synth.ts';

const SCHEDULE_NAME = 'sleep-split--every-quarter-hour';
let targetInput: string;
const startHarness = harnessForEachTest();

beforeAll(() => {
  const schedules = Object.values(synthStack().template.findResources('AWS::Scheduler::Schedule')) as Array<{ Properties: Record<string, any> }>;
  const schedule = schedules.find((candidate) => candidate.Properties.Name === SCHEDULE_NAME);
  if (!schedule) throw new Error(`no schedule ${SCHEDULE_NAME} in the template`);
  targetInput = schedule.Properties.Target.Input as string;
});


/** What Scheduler sends for one firing: the template's input, the context attribute substituted. */
function delivery(scheduledTime: string): RunInput {
  return JSON.parse(targetInput.replaceAll('<aws.scheduler.scheduled-time>', scheduledTime)) as RunInput;
}

/** Scheduler cannot set the execution name, so Step Functions gives each delivery a fresh one. */
async function execute(h: Harness, input: RunInput): Promise<LocalRun> {
  const name = crypto.randomUUID();
  await h.executor.start(name, input);
  const record = h.executor.get(name)!;
  await record.done;
  return record;
}

describe('Scheduled runs', () => {
  it('start one job when the same scheduled time is delivered twice at once; the other run ends SKIPPED as a duplicate', async () => {
    // Prepare
    const harness = await startHarness({ stateTable: true });
    const h = harness;
    const time = '2026-03-01T02:15:00Z';

    // Act
    const runs = await Promise.all([execute(h, delivery(time)), execute(h, delivery(time))]);

    // Assess
    expect(h.emulator.count('execute')).toBe(1);
    const outcomes = runs.map((run) => run.output?.run.outcome).sort();
    expect(outcomes).toEqual(['COMPLETED', 'SKIPPED']);
    const skipped = runs.find((run) => run.output?.run.outcome === 'SKIPPED')!;
    expect(skipped.state).toBe('SUCCEEDED');
    expect(skipped.output?.run.message).toBe(`duplicate delivery of schedule sleep-split/every-quarter-hour at ${time}; the first delivery runs the job`);
    expect(skipped.output?.run.jobId).toBeUndefined();
  });

  it('start no second job when a delivery is repeated after the first run has ended', async () => {
    // Prepare
    const harness = await startHarness({ stateTable: true });
    const time = '2026-03-01T02:30:00Z';
    const first = await execute(harness, delivery(time));

    // Act
    const repeat = await execute(harness, delivery(time));

    // Assess
    expect(first.output?.run.outcome).toBe('COMPLETED');
    expect(repeat.output?.run.outcome).toBe('SKIPPED');
    expect(repeat.output?.run.message).toMatch(/^duplicate delivery of schedule/);
    expect(harness.emulator.count('execute')).toBe(1);
  });

  it('start a job for each scheduled time', async () => {
    // Prepare
    const harness = await startHarness({ stateTable: true });

    // Act
    const first = await execute(harness, delivery('2026-03-01T02:45:00Z'));
    const next = await execute(harness, delivery('2026-03-01T03:00:00Z'));

    // Assess
    expect([first.output?.run.outcome, next.output?.run.outcome]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(harness.emulator.count('execute')).toBe(2);
  });

  it('end SUBMIT_FAILED without starting a job when the claim cannot be written', async () => {
    // Prepare
    const harness = await startHarness({ stateTable: true });
    const table = harness.stateTable!;
    await table.client.send(new DeleteTableCommand({ TableName: table.tableName }));

    // Act
    const run = await execute(harness, delivery('2026-03-01T03:15:00Z'));

    // Assess
    expect(run.output?.run.outcome).toBe('SUBMIT_FAILED');
    expect(run.output?.run.message).toMatch(/could not write the trigger claim claim#sleep-split#sleep-split\/every-quarter-hour#2026-03-01T03:15:00Z/);
    expect(harness.emulator.count('execute')).toBe(0);
  });
});
