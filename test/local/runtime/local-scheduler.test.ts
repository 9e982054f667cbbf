import { describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import type { LocalHandle } from '../../../local/runtime/start-local.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { runNameFor } from '../../../shared/run/run-name.ts';
import { capturedOutput, localStarter, manualTimer, steerableClock, temporaryOutbox } from './support/local-kit.ts';

const config = parseConfig(
  `
flows:
  minutely-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    dataworqFlowName: Demo
    overlap: allow
    parameters:
      ROWS: { type: integer, default: 1000 }
    schedules:
      - name: every-minute
        expression: cron(* * * * ? *)
        timeZone: UTC
        parameters: { ROWS: 7 }
      - name: paused
        expression: cron(0 3 * * ? *)
        timeZone: UTC
        enabled: false
subscribers:
  - name: ops
    email: ops@example.com
`,
  'schedule test config',
);

const startLocal = localStarter(config);

async function startWithManualTime() {
  const clock = steerableClock(100);
  const timer = manualTimer();
  const out = capturedOutput();
  const handle = await startLocal({ port: 0, tty: false, out, outboxPath: temporaryOutbox(), clock, timer, env: {} });
  return { local: handle, clock, timer, out };
}

function entryOf(local: LocalHandle, schedule: string) {
  return local.scheduler.entries().find((entry) => entry.schedule.name === schedule);
}

describe('Class: LocalScheduler (in local mode)', () => {
  it('starts a run with the schedule input when its fire time comes, and alerts its outcome', async () => {
    // Prepare
    const { local, clock, timer } = await startWithManualTime();
    const fireTime = entryOf(local, 'every-minute')?.next;
    if (fireTime === undefined) throw new Error('the every-minute schedule is not armed');

    // Act
    clock.jumpTo(fireTime);
    for (const pending of timer.pending()) pending.fire();
    const runId = runNameFor('minutely-load', 'schedule', `every-minute@${fireTime.toISOString()}`);
    await local.executor.get(runId)?.done;

    // Assess
    const run = local.executor.get(runId);
    expect(run?.input.trigger).toEqual({
      kind: 'schedule',
      id: 'minutely-load/every-minute',
      time: fireTime.toISOString(),
      logicalTime: { time: fireTime.toISOString(), timeZone: entryOf(local, 'every-minute')?.schedule.timeZone },
    });
    expect(run?.input.flow.parameters).toContainEqual({ name: 'ROWS', type: 'integer', value: 7 });
    expect(run?.latest?.outcome).toBe('COMPLETED');
    expect(readOutbox(local.outboxPath).map((alert) => alert.attributes.outcome)).toEqual(['COMPLETED']);
  });

  it('arms the next fire a minute later once a fire has started its run', async () => {
    // Prepare
    const { local, clock, timer } = await startWithManualTime();
    const first = entryOf(local, 'every-minute')?.next ?? new Date(Number.NaN);

    // Act
    clock.jumpTo(first);
    for (const pending of timer.pending()) pending.fire();

    // Assess
    expect(entryOf(local, 'every-minute')?.next?.toISOString()).toBe(new Date(first.getTime() + 60_000).toISOString());
    expect(timer.pending()).toHaveLength(1);
  });

  it('does not fire early when the timer wakes before the fire time', async () => {
    // Prepare
    const { local, timer } = await startWithManualTime();

    // Act
    for (const pending of timer.pending()) pending.fire();

    // Assess
    expect(local.executor.list()).toHaveLength(0);
    expect(timer.pending()).toHaveLength(1);
  });

  it('never arms a disabled schedule, and says so at start', async () => {
    // Act
    const { local, timer, out } = await startWithManualTime();

    // Assess
    expect(entryOf(local, 'paused')?.next).toBeUndefined();
    expect(timer.pending()).toHaveLength(1);
    expect(out.text()).toContain('minutely-load/paused  cron(0 3 * * ? *) UTC  disabled');
  });
});
