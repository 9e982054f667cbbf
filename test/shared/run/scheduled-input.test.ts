/** A schedule's input names its flow; Submit and Notify build the RunFlow from the config they carry. */
import { describe, expect, it } from 'vitest';
import { scheduleConfigOf } from '../../../shared/config/config-subsets.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { scheduleRunFlow } from '../../../shared/config/resolve.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { scheduledInputFor, withResolvedFlow } from '../../../shared/run/scheduled-input.ts';

const config = parseConfig(`
flows:
  nightly-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    parameters: { ROWS: { type: integer, default: 1000 } }
    webhook: {}
    schedules:
      - { name: nightly, expression: cron(0 2 * * ? *), parameters: { ROWS: 5000 } }
`, 'scheduled input test');
const carried = scheduleConfigOf(config);
const TIME = '2026-03-01T02:00:00Z';
const zoned = (name: string) => ({ name, timeZone: 'Europe/London' });

describe('Function: withResolvedFlow', () => {
  it('builds the same RunFlow the schedule would have carried, from the flows the function carries', () => {
    // Act
    const resolved = withResolvedFlow({ ...scheduledInputFor('nightly-load', zoned('nightly'), TIME), runId: 'r' }, () => carried);

    // Assess
    expect(resolved.flow).toEqual(scheduleRunFlow(config, 'nightly-load', 'nightly'));
    expect(resolved.trigger).toEqual({ kind: 'schedule', id: 'nightly-load/nightly', time: TIME, logicalTime: { time: TIME, timeZone: 'Europe/London' } });
    expect(resolved.runId).toBe('r');
    expect(carried.flows['nightly-load']?.webhook).toBeUndefined();
  });

  it('returns an input that carries its flow as it is, without reading any config', () => {
    // Prepare
    const input = { flow: scheduleRunFlow(config, 'nightly-load', 'nightly'), trigger: { kind: 'manual' as const, id: 'cli', time: TIME } };

    // Act
    const resolved = withResolvedFlow(input, () => {
      throw new Error('read');
    });

    // Assess
    expect(resolved).toBe(input);
  });

  it('refuses a flow named by a non-schedule trigger, an unknown schedule and a missing config, each saying why', () => {
    expect(() => withResolvedFlow({ flow: { name: 'nightly-load' }, trigger: { kind: 'webhook', id: 'x', time: TIME } }, () => carried)).toThrow(/must come from a schedule of it/);
    expect(() => withResolvedFlow(scheduledInputFor('nightly-load', zoned('weekly'), TIME), () => carried)).toThrow(/unknown schedule 'weekly' for flow 'nightly-load' \(known: nightly\)/);
    expect(() => withResolvedFlow(scheduledInputFor('nightly-load', zoned('nightly'), TIME), () => undefined)).toThrow(ValidationError);
  });
});
