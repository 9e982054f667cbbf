/**
 * The synthesized RunFlow definition, executed with the real handlers against the emulator: a
 * schedule delivery that arrives an hour late renders the scheduled period (the fire time), not
 * the current one, sends it typed to DataWORQ, and the alert shows the rendered values.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { RunInput } from '../../shared/model.ts';
import { scheduleTrigger } from '../../shared/periods/logical-time.ts';
import { catalogueFlow, harnessForEachTest } from '../helpers/run-harness.ts';

const startHarness = harnessForEachTest();

describe('RunFlow execution › logical time', () => {
  it('renders the scheduled hour for a delivery retried an hour late', async () => {
    // Prepare
    const harness = await startHarness({ speed: 200 });
    const fire = DateTime.fromJSDate(harness.clock.now(), { zone: 'America/New_York' }).minus({ hours: 1 }).startOf('minute');
    const flow = catalogueFlow('demo-load', {
      parameters: [
        { name: 'TABLENAME', type: 'string', template: "LOAD_{{ logicalTime | format: 'yyyyMMdd_HHmm' }}", path: 'flows.demo-load.parameters.TABLENAME.default' },
        { name: 'ROWS', type: 'integer', template: "{{ logicalTime | format: 'H' }}", path: 'flows.demo-load.parameters.ROWS.default' },
      ],
    });
    const input: RunInput = { flow, trigger: scheduleTrigger('demo-load', { name: 'hourly', timeZone: 'America/New_York' }, fire.toUTC().toISO() ?? '') };

    // Act
    await harness.executor.start('demo-load--late-delivery', input);
    const record = harness.executor.get('demo-load--late-delivery');
    await record?.done;

    // Assess
    const expected = [
      { name: 'TABLENAME', type: 'string', value: `LOAD_${fire.toFormat('yyyyMMdd_HHmm')}` },
      { name: 'ROWS', type: 'integer', value: fire.hour },
    ];
    expect(record?.output?.run.outcome).toBe('COMPLETED');
    expect(record?.output?.run.parameters).toEqual(expected);
    expect(record?.output?.run.logicalTime).toBe(fire.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"));
    const job = harness.emulator.jobs()[0];
    expect(job?.log).toContain(`"LOAD_${fire.toFormat('yyyyMMdd_HHmm')}"`);
    const email = JSON.parse(harness.publishes()[0]?.Message ?? '{}') as { email: string };
    expect(email.email).toContain(`TABLENAME=LOAD_${fire.toFormat('yyyyMMdd_HHmm')}`);
  });
});
