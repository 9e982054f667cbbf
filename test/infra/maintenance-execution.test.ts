/**
 * Maintenance windows and snoozes, executed: a failure inside one alerts no one, and the first
 * Notify after it sends the one summary. The real handlers, the emulator and dynalite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMaintenanceStore } from '../../shared/aws/dynamodb/maintenance.ts';
import { createDynamoRunLedger } from '../../shared/aws/dynamodb/run-ledger.ts';
import type { MaintenanceWindow } from '../../shared/model.ts';
import { catalogueFlow, type Harness, startHarness } from '../helpers/run-harness.ts';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const WINDOW_SECONDS = 300;

/** A window that opened at the start of the current minute and lasts WINDOW_SECONDS. */
function windowOpenNow(h: Harness): MaintenanceWindow {
  const now = h.clock.now();
  return { name: 'db-upgrade', cron: `cron(${now.getUTCMinutes()} ${now.getUTCHours()} * * ? *)`, durationSeconds: WINDOW_SECONDS, timeZone: 'UTC' };
}

const summariesOf = (h: Harness) => h.publishes().filter((publish) => publish.Subject?.includes('during maintenance'));

describe('RunFlow state machine: maintenance windows', () => {
  it('records a failure inside a window without alerting, and sends one summary after the window', async () => {
    // Prepare
    harness = await startHarness({ stateTable: true, speed: 200 });
    const maintenance = [windowOpenNow(harness)];
    // Act
    const failed = await harness.run(catalogueFlow('broken-export', { maintenance }));
    const duringWindow = harness.publishes().length;
    await harness.clock.sleep(WINDOW_SECONDS * 1000);
    await harness.run(catalogueFlow('demo-load', { maintenance }));
    await harness.run(catalogueFlow('demo-load', { maintenance }));
    // Assess
    expect(failed.output?.run.outcome).toBe('ERROR');
    expect(duringWindow).toBe(0);
    const summaries = summariesOf(harness);
    expect(summaries).toHaveLength(1);
    const bodies = JSON.parse(summaries[0]!.Message!) as { email: string; sms: string };
    expect(bodies.email).toContain(failed.output!.run.runId);
    expect(summaries[0]!.MessageAttributes?.outcome?.StringValue).toBe('ERROR');
    const record = await createDynamoRunLedger(harness.stateTable!).get(failed.output!.run.runId);
    expect(record?.outcome).toBe('ERROR');
    expect(record?.alertSuppressed).toMatch(/^maintenance window db-upgrade/);
  });

  it('keeps a snoozed flow quiet until the snooze ends, then sums it up once', async () => {
    harness = await startHarness({ stateTable: true, speed: 200 });
    const store = createMaintenanceStore(harness.stateTable!);
    const now = harness.clock.now();
    await store.snooze({ flow: 'broken-export', since: now.toISOString(), until: new Date(now.getTime() + WINDOW_SECONDS * 1000).toISOString(), by: 'cli:test' });
    const failed = await harness.run(catalogueFlow('broken-export'));
    expect(harness.publishes()).toHaveLength(0);
    await harness.clock.sleep(WINDOW_SECONDS * 1000);
    await harness.run(catalogueFlow('broken-export'));
    // Act / Assess: the summary, then the new failure's own alert.
    const summaries = summariesOf(harness);
    expect(summaries).toHaveLength(1);
    expect(JSON.parse(summaries[0]!.Message!).email).toContain(failed.output!.run.runId);
    expect(harness.publishes().map((publish) => publish.MessageAttributes?.outcome?.StringValue)).toEqual(['ERROR', 'ERROR']);
  });
});
