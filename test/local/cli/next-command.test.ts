import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli-kit.ts';

describe('Command: dwq next', () => {
  it('skips a time the clocks jump over on a spring-forward day (Europe/London)', async () => {
    // Act
    const result = await runCli(['next', 'cron(30 1 * * ? *)', '--tz', 'Europe/London', '--from', '2026-03-28T00:00:00Z', '--count', '3']);

    // Assess
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'cron(30 1 * * ? *) in Europe/London: at 01:30 every day',
        '  2026-03-28T01:30:00+00:00  Sat 2026-03-28 01:30 Europe/London  (your time: Sat 2026-03-28 01:30 UTC)',
        '  2026-03-30T01:30:00+01:00  Mon 2026-03-30 01:30 Europe/London  (your time: Mon 2026-03-30 00:30 UTC)',
        '  2026-03-31T01:30:00+01:00  Tue 2026-03-31 01:30 Europe/London  (your time: Tue 2026-03-31 00:30 UTC)',
        '',
      ].join('\n'),
    });
  });

  it('fires a repeated time once on a fall-back day (America/New_York), in the user’s own zone too', async () => {
    // Act
    const result = await runCli(['next', 'cron(30 1 * * ? *)', '--tz', 'America/New_York', '--from', '2026-10-31T12:00:00', '--count', '2', '--json'], {
      timeZone: 'Europe/Berlin',
    });

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      expression: 'cron(30 1 * * ? *)',
      timeZone: 'America/New_York',
      description: 'at 01:30 every day',
      fires: [
        { time: '2026-11-01T01:30:00-04:00', utc: '2026-11-01T05:30:00.000Z', wallTime: 'Sun 2026-11-01 01:30', timeZone: 'America/New_York', yourTime: 'Sun 2026-11-01 06:30 Europe/Berlin' },
        { time: '2026-11-02T01:30:00-05:00', utc: '2026-11-02T06:30:00.000Z', wallTime: 'Mon 2026-11-02 01:30', timeZone: 'America/New_York', yourTime: 'Mon 2026-11-02 07:30 Europe/Berlin' },
      ],
    });
  });

  it('exits 1 with the field at fault for an invalid expression', async () => {
    // Act
    const result = await runCli(['next', 'cron(0 25 * * ? *)']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('dwq: cron(0 25 * * ? *): hours: 25 is out of range 0-23\n');
  });

  it('exits 1 for a time zone that does not exist', async () => {
    // Act
    const result = await runCli(['next', 'rate(5 minutes)', '--tz', 'Mars/Olympus']);

    // Assess
    expect(result).toMatchObject({ code: 1, stderr: 'dwq: --tz: Mars/Olympus is not an IANA time zone name (for example Europe/London)\n' });
  });

  it('exits 1 for a count out of range, naming the option', async () => {
    // Act
    const result = await runCli(['next', 'rate(5 minutes)', '--count', '0']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("option '--count <n>' argument '0' is invalid. must be a whole number 1-1000.");
  });
});
