import { describe, expect, it } from 'vitest';
import { alertFacts } from '../../../../shared/alerts/alert-facts.ts';
import { smsChannel } from '../../../../shared/alerts/channels/sms.ts';
import { isGsm7 } from '../../../../shared/alerts/gsm7.ts';
import { erroredInput } from '../notify-inputs.ts';

describe('Channel: sms', () => {
  it('defaults to failures, RECOVERED and the connector incident, the first failure only, and no alarms', () => {
    // Assess
    expect(smsChannel.defaults).toMatchObject({
      outcomes: ['ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'RECOVERED', 'MISSED', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'],
      failures: 'first',
      alarms: false,
    });
  });

  it('refuses a number that is not E.164', () => {
    // Act
    const bad = smsChannel.endpointProblem('555-0100');
    const unquoted = smsChannel.endpointProblem(15555550100);

    // Assess
    expect(smsChannel.endpointProblem('+15555550100')).toBeUndefined();
    expect(bad).toContain('must be an E.164 phone number');
    expect(unquoted).toContain('must be quoted');
  });

  it('renders one GSM-7 line of at most 160 characters, shown on one line locally', () => {
    // Prepare
    const input = erroredInput(`Échec: ${'x'.repeat(400)} €`);

    // Act
    const body = smsChannel.render({ input, facts: alertFacts(input, {}) });

    // Assess
    expect(body.length).toBeLessThanOrEqual(160);
    expect(isGsm7(body)).toBe(true);
    expect(body).not.toContain('\n');
    expect(smsChannel.local).toEqual({ label: 'SMS', layout: 'line' });
  });
});
