import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/load.ts';
import { FLOW_ID, configWith, issuesOf, expectIssueAt, type ConfigMistake } from './support/config-text.ts';

const mistakes: readonly ConfigMistake[] = [
  { mistake: 'an unknown transport', text: `connector:\n  transport: soap\n${configWith()}`, path: 'connector.transport', says: "must be one of cloud-connector, native (got 'soap')" },
  { mistake: 'native without a url', text: `connector:\n  transport: native\n${configWith()}`, path: 'connector.url', says: "is required when transport is 'native'" },
  { mistake: 'an http url to a remote host', text: `connector:\n  url: http://api.quebit.com\n${configWith()}`, path: 'connector.url', says: 'must use https' },
  { mistake: 'a flow name with uppercase', text: `flows:\n  Demo-Load:\n    flowId: ${FLOW_ID}\n`, path: 'flows.Demo-Load', says: "flow name 'Demo-Load' must be 1-40 lowercase letters" },
  { mistake: 'a flowId that is not a UUID', text: 'flows:\n  demo-load:\n    flowId: 1234\n', path: 'flows.demo-load.flowId', says: 'must be a UUID' },
  { mistake: "parameter type 'boolean'", text: configWith('    parameters:\n      ROWS: { type: boolean }\n'), path: 'flows.demo-load.parameters.ROWS.type', says: 'must be one of string, integer, float' },
  { mistake: 'an integer default of 1.5', text: configWith('    parameters:\n      ROWS: { type: integer, default: 1.5 }\n'), path: 'flows.demo-load.parameters.ROWS.default', says: 'must be an integer (got the number 1.5)' },
  { mistake: 'a number for a string default', text: configWith('    parameters:\n      CODE: { type: string, default: 007 }\n'), path: 'flows.demo-load.parameters.CODE.default', says: 'quote the value in YAML' },
  { mistake: 'webhook.allow naming an undeclared parameter', text: configWith('    parameters: { ROWS: { type: integer } }\n    webhook: { allow: [ROWS, TABLE] }\n'), path: 'flows.demo-load.webhook.allow[1]', says: "parameter 'TABLE' is not declared" },
  { mistake: 'a cron with both day fields set', text: configWith('    schedules:\n      - { name: nightly, expression: "cron(0 2 1 * MON *)" }\n'), path: 'flows.demo-load.schedules[0].expression', says: 'day-of-month and day-of-week cannot both be set' },
  { mistake: 'a misspelt time zone', text: configWith('    schedules:\n      - { name: nightly, expression: "rate(1 hour)", timeZone: Europe/Londn }\n'), path: 'flows.demo-load.schedules[0].timeZone', says: "unknown time zone 'Europe/Londn'" },
  { mistake: 'a bad default time zone', text: `defaults: { timeZone: Mars/Olympus }\n${configWith()}`, path: 'defaults.timeZone', says: "unknown time zone 'Mars/Olympus'" },
  { mistake: 'duplicate schedule names', text: configWith('    schedules:\n      - { name: hourly, expression: "rate(1 hour)" }\n      - { name: hourly, expression: "rate(2 hours)" }\n'), path: 'flows.demo-load.schedules[1].name', says: "duplicate schedule name 'hourly'" },
  { mistake: 'a schedule parameter of the wrong type', text: configWith('    parameters: { ROWS: { type: integer } }\n    schedules:\n      - { name: nightly, expression: "rate(1 hour)", parameters: { ROWS: many } }\n'), path: 'flows.demo-load.schedules[0].parameters.ROWS', says: 'must be an integer (got a string)' },
  { mistake: 'a schedule parameter not declared', text: configWith('    schedules:\n      - { name: nightly, expression: "rate(1 hour)", parameters: { ROWS: 5 } }\n'), path: 'flows.demo-load.schedules[0].parameters.ROWS', says: "parameter 'ROWS' is not declared" },
  { mistake: 'startDate after endDate', text: configWith('    schedules:\n      - { name: nightly, expression: "rate(1 hour)", startDate: 2027-01-01T00:00:00Z, endDate: 2026-01-01T00:00:00Z }\n'), path: 'flows.demo-load.schedules[0].endDate', says: 'must be after startDate' },
  { mistake: 'maxDuration above 7 days', text: configWith('    maxDuration: 8d\n'), path: 'flows.demo-load.maxDuration', says: 'must be between 1m and 7d (got 8d)' },
  { mistake: 'lostAfter that is not a duration', text: configWith('    lostAfter: soon\n'), path: 'flows.demo-load.lostAfter', says: 'must be a duration such as "45s"' },
  { mistake: 'a subscriber naming an unknown flow', text: configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com, flows: [demo-load, nightly-load] }\n'), path: 'subscribers[0].flows[1]', says: "unknown flow 'nightly-load' (known: demo-load)" },
  { mistake: 'an unknown key close to a known one', text: configWith('    schedule: []\n'), path: 'flows.demo-load', says: "unknown key 'schedule'; did you mean 'schedules'?" },
  { mistake: 'an unknown top-level key', text: `flow: {}\n${configWith()}`, path: '(top level)', says: "unknown key 'flow'; did you mean 'flows'?" },
  { mistake: 'no flows at all', text: 'flows: {}\n', path: 'flows', says: 'must define at least one flow' },
];

describe('configSchema', () => {
  it.each(mistakes)('rejects $mistake, naming the path', (mistake) => {
    // Act, Assess
    expectIssueAt(mistake);
  });

  it('reports every problem of a file at once', () => {
    // Prepare
    const text = `connector:\n  transport: soap\n${configWith('    maxDuration: 8d\n    schedule: []\n')}`;

    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues.map((issue) => issue.split(': ')[0])).toEqual(['connector.transport', 'flows.demo-load.maxDuration', 'flows.demo-load']);
  });

  it('applies every default when a flow gives only its flowId', () => {
    // Act
    const config = parseConfig(configWith('    schedules:\n      - { name: nightly, expression: "cron(0 2 * * ? *)" }\n'));

    // Assess
    expect(config.connector).toEqual({ transport: 'cloud-connector', url: 'https://api.quebit.com', timeoutSeconds: 10 });
    expect(config.webhook).toEqual({ throttle: { rateLimit: 10, burstLimit: 20 }, maxBodyBytes: 65_536, callers: [] });
    expect(config.flows['demo-load']).toMatchObject({
      name: 'demo-load',
      dataworqFlowName: 'demo-load',
      runProfileName: 'default',
      notificationEnabled: false,
      maxDurationSeconds: 12 * 3600,
      lostAfterSeconds: 30 * 60,
      overlap: 'skip',
      parameters: {},
      schedules: [{ name: 'nightly', timeZone: 'UTC', enabled: true, parameters: {} }],
    });
    expect(config.flows['demo-load']?.webhook).toBeUndefined();
  });

  it('gives schedules the default time zone and parses durations in every unit', () => {
    // Prepare
    const text = `defaults: { timeZone: America/New_York }\n${configWith(
      '    maxDuration: 5400\n    lostAfter: 90s\n    schedules:\n      - { name: a, expression: "rate(1 hour)" }\n      - { name: b, expression: "rate(1 hour)", timeZone: Asia/Tokyo }\n',
    )}`;

    // Act
    const flow = parseConfig(text).flows['demo-load'];

    // Assess
    expect(flow?.maxDurationSeconds).toBe(5400);
    expect(flow?.lostAfterSeconds).toBe(90);
    expect(flow?.schedules.map((schedule) => schedule.timeZone)).toEqual(['America/New_York', 'Asia/Tokyo']);
  });
});
