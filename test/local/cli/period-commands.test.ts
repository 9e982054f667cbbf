/** Previews of templated parameters: `dwq schedules --params`, `dwq next --flow --schedule`, `dwq validate`. */
import { describe, expect, it } from 'vitest';
import { configFile, runCli } from './support/cli-kit.ts';

const CONFIG = `
calendar: { fiscalYearStart: 4 }
flows:
  month-end:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    parameters:
      PERIOD:   { type: string, default: "{{ logicalTime | shift: '-P1M' | format: 'yyyy-MM' }}" }
      RUN_DATE: { type: string, default: "{{ logicalTime | shift: '-P1D' | format: 'yyyy-MM-dd' }}" }
      FY:       { type: integer, default: "{{ logicalTime | fiscalYear }}" }
    schedules:
      - name: first-of-month
        expression: cron(30 1 1 * ? *)
        timeZone: Europe/London
        parameters: { RUN_DATE: "D{{ logicalTime | fiscalPeriod | pad: 2 }}" }
`;

describe('Command: dwq next --flow --schedule', () => {
  it('shows each fire with its rendered parameters, over a leap February and the fiscal year end', async () => {
    // Act
    const result = await runCli(['next', '--config', configFile(CONFIG), '--flow', 'month-end', '--schedule', 'first-of-month', '--from', '2028-02-15T00:00:00Z', '--count', '3']);

    // Assess
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'month-end/first-of-month  cron(30 1 1 * ? *) in Europe/London: at 01:30 on day 1 of the month',
        '  2028-03-01T01:30:00+00:00  Wed 2028-03-01 01:30 Europe/London  (your time: Wed 2028-03-01 01:30 UTC)',
        '    PERIOD=2028-02  RUN_DATE=D12  FY=2028',
        '  2028-04-01T01:30:00+01:00  Sat 2028-04-01 01:30 Europe/London  (your time: Sat 2028-04-01 00:30 UTC)',
        '    PERIOD=2028-03  RUN_DATE=D01  FY=2029',
        '  2028-05-01T01:30:00+01:00  Mon 2028-05-01 01:30 Europe/London  (your time: Mon 2028-05-01 00:30 UTC)',
        '    PERIOD=2028-04  RUN_DATE=D02  FY=2029',
        '',
      ].join('\n'),
    });
  });

  it('refuses an unknown schedule, naming the known ones', async () => {
    // Act
    const result = await runCli(['next', '--config', configFile(CONFIG), '--flow', 'month-end', '--schedule', 'nightly']);

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("--schedule: flow 'month-end' has no schedule 'nightly' (known: first-of-month)");
  });
});

describe('Command: dwq schedules --params', () => {
  it('adds the rendered parameters of each fire to the JSON listing', async () => {
    // Act
    const result = await runCli(['schedules', '--config', configFile(CONFIG), '--params', '--from', '2026-03-15T00:00:00Z', '--count', '2', '--json']);

    // Assess
    expect(result.code).toBe(0);
    const [listing] = JSON.parse(result.stdout) as Array<{ next: Array<{ time: string; parameters: unknown }> }>;
    expect(listing?.next.map((fire) => [fire.time, fire.parameters])).toEqual([
      ['2026-04-01T01:30:00+01:00', { PERIOD: '2026-03', RUN_DATE: 'D01', FY: 2027 }],
      ['2026-05-01T01:30:00+01:00', { PERIOD: '2026-04', RUN_DATE: 'D02', FY: 2027 }],
    ]);
  });
});

describe('Command: dwq validate (templates)', () => {
  it('refuses a config whose template has an unknown filter, naming the path and the column', async () => {
    // Prepare
    const path = configFile(CONFIG.replace("shift: '-P1M'", "shfit: '-P1M'"));

    // Act
    const result = await runCli(['validate', path]);

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("  - flows.month-end.parameters.PERIOD.default: unknown filter 'shfit' at column 18; did you mean 'shift'?");
  });

  it('passes a config whose templates render for the next fires', async () => {
    // Act
    const result = await runCli(['validate', configFile(CONFIG), '--from', '2026-03-15T00:00:00Z']);

    // Assess
    expect(result).toEqual({ code: 0, stderr: '', stdout: expect.stringMatching(/^OK .*: 1 flow \(month-end\), 0 webhooks, 1 schedule, 0 subscribers\n$/) });
  });
});
