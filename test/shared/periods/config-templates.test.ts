/** Templates in the config: checked at load, carried unrendered with their path, and rendered ahead by validate. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/load.ts';
import { resolveRunFlow, scheduleRunFlow } from '../../../shared/config/resolve.ts';
import type { DwqConfig } from '../../../shared/config/schema.ts';
import { ConfigError } from '../../../shared/errors.ts';
import { templateProblemsAhead } from '../../../shared/periods/preview.ts';
import { requestLogicalTime } from '../../../shared/periods/logical-time.ts';

const YAML = `
defaults: { timeZone: Europe/London }
flows:
  demo-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    parameters:
      PERIOD: { type: string, default: "{{ logicalTime | shift: '-P1M' | format: 'yyyy-MM' }}" }
      FY: { type: integer, default: "{{ logicalTime | fiscalYear }}" }
    schedules:
      - { name: nightly, expression: "cron(0 2 * * ? *)", parameters: { PERIOD: "P{{ logicalTime | format: 'MM' }}" } }
`;

function problems(yaml: string): readonly string[] {
  try {
    parseConfig(yaml, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('Config: templated parameters', () => {
  it('defaults the calendar to January, named by end year, and the flow zone to defaults.timeZone', () => {
    const config = parseConfig(YAML, 'test.yaml');
    expect(config.calendar).toEqual({ fiscalYearStart: 1, fiscalYearNamedBy: 'endYear' });
    expect(config.flows['demo-load']).toMatchObject({ timeZone: 'Europe/London', allowLogicalTime: false });
  });

  it('refuses an integer template that renders text, with the rendered sample', () => {
    expect(problems(YAML.replace("fiscalYear }}", "format: 'MMM' }}"))).toEqual([
      "flows.demo-load.parameters.FY.default: renders 'Feb' (for a logical time of 2024-02-29), which is not an integer: end the expression with a filter that gives a number (fiscalYear, fiscalQuarter, fiscalPeriod) or format digits only, such as format: 'yyyyMM'",
    ]);
  });

  it('refuses a bad schedule value template at its own path', () => {
    expect(problems(YAML.replace("format: 'MM' }}", "format: 'MM' | pad: 2 }}"))).toEqual([
      "flows.demo-load.schedules[0].parameters.PERIOD: filter 'pad' at column 34 needs a number, but gets text",
    ]);
  });

  it('refuses a fiscalYearStart outside 1..12', () => {
    expect(problems(`calendar: { fiscalYearStart: 13 }\n${YAML}`)).toEqual(['calendar.fiscalYearStart: must be at most 12']);
  });

  it('carries config templates unrendered with their path, and sends a caller value as given', () => {
    const config = parseConfig(`calendar: { fiscalYearStart: 4 }\n${YAML}`, 'test.yaml');
    expect(scheduleRunFlow(config, 'demo-load', 'nightly')).toMatchObject({
      parameters: [
        { name: 'PERIOD', type: 'string', template: "P{{ logicalTime | format: 'MM' }}", path: 'flows.demo-load.schedules[0].parameters.PERIOD' },
        { name: 'FY', type: 'integer', template: '{{ logicalTime | fiscalYear }}', path: 'flows.demo-load.parameters.FY.default' },
      ],
      calendar: { fiscalYearStart: 4, fiscalYearNamedBy: 'endYear' },
    });
    expect(resolveRunFlow(config, 'demo-load', { parameters: { PERIOD: '{{ not rendered }}' } }).parameters[0]).toEqual({
      name: 'PERIOD',
      type: 'string',
      value: '{{ not rendered }}',
    });
  });

  it('reports a template that fails at an upcoming fire by path and fire time', () => {
    // Prepare: a value that got past the load check (built in code), for an integer parameter.
    const config = parseConfig(YAML, 'test.yaml');
    const flow = config.flows['demo-load']!;
    const broken: DwqConfig = {
      ...config,
      flows: { 'demo-load': { ...flow, schedules: [{ ...flow.schedules[0]!, parameters: { FY: "FY{{ logicalTime | fiscalYear }}" } }] } },
    };

    // Act
    const found = templateProblemsAhead(broken, new Date('2026-03-28T12:00:00Z'), 2);

    // Assess
    expect(found).toEqual([
      "flows.demo-load.schedules[0] at 2026-03-29T01:00:00.000Z: parameter FY (flows.demo-load.schedules[0].parameters.FY) is an integer, but the template rendered 'FY2026', which is not an integer",
      "flows.demo-load.schedules[0] at 2026-03-30T01:00:00.000Z: parameter FY (flows.demo-load.schedules[0].parameters.FY) is an integer, but the template rendered 'FY2026', which is not an integer",
    ]);
  });
});

describe('Function: requestLogicalTime', () => {
  const flow = { name: 'demo-load', timeZone: 'Europe/London', allowLogicalTime: false };

  it("uses the request time in the flow's zone", () => {
    expect(requestLogicalTime(flow, '2026-03-29T00:30:00.000Z')).toEqual({ time: '2026-03-29T00:30:00.000Z', timeZone: 'Europe/London' });
  });

  it('refuses a caller-chosen time unless the flow allows it, and an impossible date when it does', () => {
    expect(() => requestLogicalTime(flow, '2026-03-29T00:30:00.000Z', '2026-02-28')).toThrow(
      "flow 'demo-load' does not accept a logicalTime from its caller; set allowLogicalTime: true on the flow to allow it",
    );
    expect(() => requestLogicalTime({ ...flow, allowLogicalTime: true }, '2026-03-29T00:30:00.000Z', '2026-02-30')).toThrow(
      'logicalTime is not a real calendar date and time',
    );
    expect(requestLogicalTime({ ...flow, allowLogicalTime: true }, '2026-03-29T00:30:00.000Z', '2026-02-28')).toEqual({ time: '2026-02-28', timeZone: 'Europe/London' });
  });
});
