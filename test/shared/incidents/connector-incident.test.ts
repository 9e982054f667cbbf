import { describe, expect, it } from 'vitest';
import { AmbiguousStartError, DataworqRejectedError, DataworqUnavailableError, SecretConfigurationError, ValidationError } from '../../../shared/errors.ts';
import { isConnectorFailure } from '../../../shared/incidents/connector-incident.ts';
import { incidentAlert } from '../../../shared/incidents/incident-alert.ts';

describe('Function: isConnectorFailure', () => {
  it.each([
    ['DataWORQ unavailable after retries', new DataworqUnavailableError('startFlow: DataWORQ unavailable (HTTP 503)', 503), true],
    ['our keys refused (401)', new DataworqRejectedError('refused', 401, ''), true],
    ['our keys refused (403)', new DataworqRejectedError('refused', 403, ''), true],
    ['the keys missing', new SecretConfigurationError('secret dataworq/connector has no apiKey'), true],
    ['an ambiguous start while DataWORQ was down', new AmbiguousStartError('may have started', { cause: new DataworqUnavailableError('down') }), true],
    ["a flow's bad request (400)", new DataworqRejectedError('Bad Request', 400, 'Bad Request'), false],
    ['our own validation', new ValidationError('bad parameter'), false],
  ])('%s → %s', (_, error, expected) => {
    expect(isConnectorFailure(error)).toBe(expected);
  });
});

describe('Function: incidentAlert', () => {
  const incident = {
    id: 'connector-2026-05-18T02:14:00.000Z',
    since: '2026-05-18T02:14:00.000Z',
    reason: 'could not start the flow: startFlow: DataWORQ unavailable (HTTP 503)',
    flow: 'demo-load',
    affected: [{ runId: 'run-1', flow: 'demo-load', outcome: 'SUBMIT_FAILED', at: '2026-05-18T02:14:00.000Z' }, { runId: 'run-2', flow: 'nightly', outcome: 'LOST', at: '2026-05-18T02:40:00.000Z' }],
    closedAt: '2026-05-18T04:20:00.000Z',
  };

  it('says how long DataWORQ was down and which runs it hit, within the SMS and subject limits', () => {
    const message = incidentAlert(incident, 'CONNECTOR_RECOVERED');
    expect(message.attributes).toEqual({ outcome: 'CONNECTOR_RECOVERED', flow: 'demo-load', severity: 'info', alert: 'new' });
    expect(message.subject).toBe('[DataWORQ] CONNECTOR_RECOVERED: DataWORQ answers again after 2h 6m');
    expect(message.bodies.email).toContain('2 runs failed because of it');
    expect(message.bodies.email).toContain('nightly run run-2: LOST');
    expect(message.bodies.sms).toBe('DataWORQ connector RECOVERED 04:20Z after 2h 6m down, 2 runs affected');
  });

  it('opens with a critical CONNECTOR_DOWN naming the first reason', () => {
    const message = incidentAlert({ ...incident, closedAt: undefined }, 'CONNECTOR_DOWN');
    expect(message.attributes.severity).toBe('critical');
    expect(message.bodies.sms.length).toBeLessThanOrEqual(160);
    expect(message.bodies.default).toContain('since 2026-05-18 02:14:00 UTC');
  });
});
