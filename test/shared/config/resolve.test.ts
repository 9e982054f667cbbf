import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/load.ts';
import { resolveRunFlow, scheduleRunFlow } from '../../../shared/config/resolve.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { demoFlow } from '../alerts/notify-inputs.ts';

const config = parseConfig(`
flows:
  demo-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    dataworqFlowName: Demo
    maxDuration: 2h
    parameters:
      SOURCEFILE: { type: string, default: 'C:\\Temp\\demand.csv' }
      TABLENAME: { type: string, default: DEMO_TABLE }
      ROWS: { type: integer, default: 1000 }
      THRESHOLD: { type: float }
    webhook: { allow: [TABLENAME, ROWS] }
    schedules:
      - { name: nightly, expression: "cron(0 2 * * ? *)", parameters: { ROWS: 5000, THRESHOLD: 0.5 } }
  sleep-split:
    flowId: f21bf040-c22b-454e-8561-2115e90aaa55
`);

describe('resolveRunFlow', () => {
  it('fills parameters from defaults in declaration order, leaving out those without a value', () => {
    // Act
    const flow = resolveRunFlow(config, 'demo-load');

    // Assess
    expect(flow).toEqual({
      ...demoFlow,
      parameters: [
        { name: 'SOURCEFILE', type: 'string', value: 'C:\\Temp\\demand.csv' },
        { name: 'TABLENAME', type: 'string', value: 'DEMO_TABLE' },
        { name: 'ROWS', type: 'integer', value: 1000 },
      ],
      maxDurationSeconds: 7200,
      lostAfterSeconds: 1800,
    });
  });

  it('lets request values override defaults and run options', () => {
    // Act
    const flow = resolveRunFlow(config, 'demo-load', {
      parameters: { THRESHOLD: 2, ROWS: 42 },
      runProfileName: 'weekend',
      notificationEnabled: true,
    });

    // Assess
    expect(flow.parameters.map((p) => [p.name, 'value' in p ? p.value : p.template])).toEqual([
      ['SOURCEFILE', 'C:\\Temp\\demand.csv'],
      ['TABLENAME', 'DEMO_TABLE'],
      ['ROWS', 42],
      ['THRESHOLD', 2],
    ]);
    expect(flow).toMatchObject({ runProfileName: 'weekend', notificationEnabled: true });
  });

  it.each([
    ['a string for an integer', { ROWS: '5000' }, "parameter 'ROWS' of flow 'demo-load' must be an integer (got a string)"],
    ['a fraction for an integer', { ROWS: 2.5 }, "parameter 'ROWS' of flow 'demo-load' must be an integer (got the number 2.5)"],
    ['a number for a string', { TABLENAME: 7 }, "parameter 'TABLENAME' of flow 'demo-load' must be a string (got the number 7)"],
    ['null for a float', { THRESHOLD: null }, "parameter 'THRESHOLD' of flow 'demo-load' must be a finite number (got null)"],
    ['an undeclared parameter', { LIMIT: 1 }, "unknown parameter 'LIMIT' for flow 'demo-load' (declared: SOURCEFILE, TABLENAME, ROWS, THRESHOLD)"],
  ])('refuses %s, naming the parameter', (_, parameters, message) => {
    // Act
    const act = () => resolveRunFlow(config, 'demo-load', { parameters });

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(message);
  });

  it('refuses a declared parameter outside the allowlist', () => {
    // Act
    const act = () => resolveRunFlow(config, 'demo-load', { parameters: { ROWS: 10, SOURCEFILE: '/etc/passwd' } }, { allowlist: ['TABLENAME', 'ROWS'] });

    // Assess
    expect(act).toThrow("parameter 'SOURCEFILE' of flow 'demo-load' may not be set by the caller (allowed: TABLENAME, ROWS)");
  });

  it('accepts allowlisted parameters', () => {
    // Act
    const flow = resolveRunFlow(config, 'demo-load', { parameters: { TABLENAME: 'STAGING' } }, { allowlist: ['TABLENAME', 'ROWS'] });

    // Assess
    const tableName = flow.parameters.find((p) => p.name === 'TABLENAME');
    expect(tableName && 'value' in tableName ? tableName.value : undefined).toBe('STAGING');
  });

  it('refuses a run profile override when the caller may not choose one', () => {
    // Act
    const act = () => resolveRunFlow(config, 'demo-load', { runProfileName: 'other' }, { allowRunProfileOverride: false });

    // Assess
    expect(act).toThrow("flow 'demo-load' does not allow overriding runProfileName");
  });

  it('names the known flows when the flow is unknown', () => {
    // Act
    const act = () => resolveRunFlow(config, 'nightly-load');

    // Assess
    expect(act).toThrow(new ValidationError("unknown flow 'nightly-load' (known: demo-load, sleep-split)"));
  });
});

describe('scheduleRunFlow', () => {
  it("uses the schedule's parameter values over the defaults", () => {
    // Act
    const flow = scheduleRunFlow(config, 'demo-load', 'nightly');

    // Assess
    expect(flow.parameters).toEqual([
      { name: 'SOURCEFILE', type: 'string', value: 'C:\\Temp\\demand.csv' },
      { name: 'TABLENAME', type: 'string', value: 'DEMO_TABLE' },
      { name: 'ROWS', type: 'integer', value: 5000 },
      { name: 'THRESHOLD', type: 'float', value: 0.5 },
    ]);
  });

  it('names the known schedules when the schedule is unknown', () => {
    // Act
    const act = () => scheduleRunFlow(config, 'demo-load', 'hourly');

    // Assess
    expect(act).toThrow("unknown schedule 'hourly' for flow 'demo-load' (known: nightly)");
  });
});
