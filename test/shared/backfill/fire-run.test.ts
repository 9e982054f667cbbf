/** A missed or backfilled fire started as that fire's own scheduled run (the watchdog's catch-up calls this directly). */
import { describe, expect, it } from 'vitest';
import { fireRunName, startFireRun } from '../../../shared/backfill/fire-run.ts';
import type { RunFlow, RunInput, RunLauncher } from '../../../shared/model.ts';
import { triggerClaimKey } from '../../../shared/run/trigger-claims.ts';

describe('Function: startFireRun', () => {
  it("starts a fire (a catch-up's, a backfill's) as its scheduled run: the backfill's name, a schedule trigger and the fire as logical time", async () => {
    // Prepare
    const started: Array<{ name: string; input: RunInput }> = [];
    const launcher: RunLauncher = {
      start: async (name, input) => (started.push({ name, input }), { runId: name, alreadyStarted: false }),
      describe: async () => undefined,
    };
    const flow = { name: 'nightly-load' } as RunFlow;
    const fire = new Date('2026-03-30T00:30:00Z');

    // Act
    const answer = await startFireRun(launcher, flow, { name: 'nightly', timeZone: 'Europe/London' }, fire);

    // Assess
    expect(answer.runId).toBe(fireRunName('nightly-load', 'nightly', fire));
    expect(started[0]?.input.trigger).toEqual({
      kind: 'schedule',
      id: 'nightly-load/nightly',
      time: '2026-03-30T00:30:00.000Z',
      logicalTime: { time: '2026-03-30T00:30:00.000Z', timeZone: 'Europe/London' },
    });
    // The claim of the fire Scheduler itself delivers (no milliseconds in its time).
    expect(triggerClaimKey('nightly-load', started[0]!.input.trigger)).toBe('claim#nightly-load#nightly-load/nightly#2026-03-30T00:30:00Z');
  });
});
