import { describe, expect, it } from 'vitest';
import { alertFacts } from '../../../../shared/alerts/alert-facts.ts';
import { emailChannel } from '../../../../shared/alerts/channels/email.ts';
import { erroredInput } from '../notify-inputs.ts';

describe('Channel: email', () => {
  it('defaults to every outcome but SKIPPED, reminders and the alarms', () => {
    // Assess
    expect(emailChannel.defaults).toMatchObject({
      outcomes: ['COMPLETED', 'ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'RECOVERED', 'MISSED', 'LATE', 'SUSPICIOUS', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'],
      failures: 'reminders',
      alarms: true,
    });
  });

  it('accepts an email address and refuses anything else, saying what it expects', () => {
    // Act
    const good = emailChannel.endpointProblem('ops@example.com');
    const bad = emailChannel.endpointProblem('ops at example');

    // Assess
    expect(good).toBeUndefined();
    expect(bad).toBe('must be an email address such as ops@example.com');
  });

  it('renders the full email body, shown as an indented block locally', () => {
    // Prepare
    const input = erroredInput();

    // Act
    const body = emailChannel.render({ input, facts: alertFacts(input, {}) });

    // Assess
    expect(body).toContain('DataWORQ error:\n  ORA-12541: TNS:no listener');
    expect(emailChannel.local).toEqual({ label: 'Email', layout: 'block' });
  });
});
