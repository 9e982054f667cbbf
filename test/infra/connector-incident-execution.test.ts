/**
 * One incident for one cause, executed: three flows fail while DataWORQ is down, then a run
 * succeeds. The real handlers, the emulator and the run state table (dynalite).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoRunLedger } from '../../shared/aws/dynamodb/run-ledger.ts';
import { catalogueFlow, type Harness, startHarness } from '../helpers/run-harness.ts';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const outcomesOf = (h: Harness) => h.publishes().map((publish) => publish.MessageAttributes?.outcome?.StringValue);

describe('RunFlow state machine: connector incident', () => {
  it('sends one CONNECTOR_DOWN and one CONNECTOR_RECOVERED for an outage across three flows, and no per-run failure alerts', async () => {
    // Prepare: DataWORQ answers every call 503.
    harness = await startHarness({ stateTable: true });
    harness.emulator.inject({ type: 'http-status', status: 503, on: 'any', times: 100_000 });
    // Act: three flows fail during the outage; then DataWORQ is back and a run succeeds.
    const failed = await Promise.all(['demo-load', 'sleep-split', 'broken-export'].map((name) => harness!.run(catalogueFlow(name))));
    const downAlerts = outcomesOf(harness);
    harness.emulator.clearFaults();
    const after = await harness.run(catalogueFlow('demo-load'));
    // Assess
    expect(failed.map((run) => run.output?.run.outcome)).toEqual(['SUBMIT_FAILED', 'SUBMIT_FAILED', 'SUBMIT_FAILED']);
    expect(downAlerts).toEqual(['CONNECTOR_DOWN']);
    expect(after.output?.run.outcome).toBe('COMPLETED');
    const outcomes = outcomesOf(harness);
    expect(outcomes.filter((outcome) => outcome === 'CONNECTOR_DOWN')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'CONNECTOR_RECOVERED')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'SUBMIT_FAILED')).toHaveLength(0);
    const recovered = harness.publishes().find((publish) => publish.MessageAttributes?.outcome?.StringValue === 'CONNECTOR_RECOVERED')!;
    const email = JSON.parse(recovered.Message!).email as string;
    expect(email).toContain('3 runs failed because of it');
    for (const run of failed) expect(email).toContain(run.output!.run.runId);
    expect(JSON.parse(recovered.Message!).sms.length).toBeLessThanOrEqual(160);
    // The failed runs are on record, with why they alerted no one.
    const ledger = createDynamoRunLedger(harness.stateTable!);
    const record = await ledger.get(failed[1]!.output!.run.runId);
    expect(record?.outcome).toBe('SUBMIT_FAILED');
    expect(record?.alertSuppressed).toMatch(/^connector incident connector-/);
  });

  it('alerts a flow-specific refusal as usual: a 400 opens no incident', async () => {
    harness = await startHarness({ stateTable: true });
    harness.emulator.inject({ type: 'reject', status: 400, body: 'Bad Request: unknown parameter', on: 'execute', times: 5 });
    await harness.run(catalogueFlow('demo-load'));
    expect(outcomesOf(harness)).toEqual(['SUBMIT_FAILED']);
  });
});
