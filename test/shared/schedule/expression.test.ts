import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors.ts';
import {
  isValidTimeZone, parseScheduleExpression, validateScheduleExpression,
} from '../../../shared/schedule/expression.ts';

describe('Function: parseScheduleExpression', () => {
  it('parses a cron expression into its fields when every field is valid', () => {
    // Act
    const result = parseScheduleExpression('cron(0/15 9-17 ? JAN-MAR MON-FRI 2026)');

    // Assess
    expect(result).toEqual({
      kind: 'cron',
      text: 'cron(0/15 9-17 ? JAN-MAR MON-FRI 2026)',
      fields: {
        minutes: [0, 15, 30, 45],
        hours: [9, 10, 11, 12, 13, 14, 15, 16, 17],
        dayOfMonth: { kind: 'any' },
        months: [1, 2, 3],
        dayOfWeek: { kind: 'days', days: [2, 3, 4, 5, 6] },
        years: [2026],
      },
    });
  });

  it('parses the special day forms L, LW, 15W, 5L and 3#2', () => {
    // Act
    const forms = ['cron(0 0 L * ? *)', 'cron(0 0 LW * ? *)', 'cron(0 0 15W * ? *)', 'cron(0 0 ? * 5L *)',
      'cron(0 0 ? * TUE#2 *)'].map((text) => {
      const parsed = parseScheduleExpression(text);
      return parsed.kind === 'cron' ? [parsed.fields.dayOfMonth, parsed.fields.dayOfWeek] : undefined;
    });

    // Assess
    expect(forms).toEqual([
      [{ kind: 'last-day' }, { kind: 'any' }],
      [{ kind: 'last-weekday' }, { kind: 'any' }],
      [{ kind: 'nearest-weekday', day: 15 }, { kind: 'any' }],
      [{ kind: 'any' }, { kind: 'last-in-month', day: 5 }],
      [{ kind: 'any' }, { kind: 'nth-in-month', day: 3, nth: 2 }],
    ]);
  });

  it('parses rate and at expressions', () => {
    // Act
    const rate = parseScheduleExpression('rate(1 day)');
    const at = parseScheduleExpression('at(2026-06-01T09:00:30)');

    // Assess
    expect(rate).toEqual({ kind: 'rate', text: 'rate(1 day)', value: 1, unit: 'days', intervalMs: 86_400_000 });
    expect(at).toEqual({
      kind: 'at', text: 'at(2026-06-01T09:00:30)',
      local: { year: 2026, month: 6, day: 1, hour: 9, minute: 0, second: 30 },
    });
  });

  it('throws a ValidationError that names the field and the value', () => {
    // Act
    const act = () => parseScheduleExpression('cron(0 25 * * ? *)');

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow('cron(0 25 * * ? *): hours: 25 is out of range 0-23');
  });
});

describe('Function: validateScheduleExpression', () => {
  it.each([
    'cron(0 2 * * ? *)', 'cron(0 10 ? * 6L 2022-2023)', 'cron(*/5 * * * ? *)', 'cron(0 8 ? * MON#1 *)',
    'cron(0 0 1,15 jan,jul ? *)', 'cron(0 18 ? * L *)', 'rate(1 minute)', 'rate(15 minutes)', 'rate(2 hours)',
    'rate(7 days)', 'at(2026-12-31T23:59:59)',
  ])('accepts %s', (text) => {
    // Act
    const result = validateScheduleExpression(text);

    // Assess
    expect(result).toBeUndefined();
  });

  it.each([
    ['every day', 'every day: expected cron(...), rate(...) or at(...)'],
    ['cron(0 2 * * ?)', 'cron(0 2 * * ?): expected 6 fields (minutes hours day-of-month month day-of-week year), got 5'],
    ['cron(60 2 * * ? *)', 'cron(60 2 * * ? *): minutes: 60 is out of range 0-59'],
    ['cron(0 25 * * ? *)', 'cron(0 25 * * ? *): hours: 25 is out of range 0-23'],
    ['cron(0 0 0 * ? *)', 'cron(0 0 0 * ? *): day-of-month: 0 is out of range 1-31'],
    ['cron(0 0 * 13 ? *)', 'cron(0 0 * 13 ? *): month: 13 is out of range 1-12 or JAN-DEC'],
    ['cron(0 0 * FOO ? *)', 'cron(0 0 * FOO ? *): month: FOO is not a valid value; expected 1-12 or JAN-DEC'],
    ['cron(0 0 ? * 0 *)', 'cron(0 0 ? * 0 *): day-of-week: 0 is out of range 1-7 or SUN-SAT, 1 = SUN'],
    ['cron(0 0 * * ? 2200)', 'cron(0 0 * * ? 2200): year: 2200 is out of range 1970-2199'],
    ['cron(0 0 1 * MON *)',
      'cron(0 0 1 * MON *): day-of-month and day-of-week cannot both be set; use ? in one of them'],
    ['cron(0 0 * * * *)', 'cron(0 0 * * * *): day-of-month and day-of-week cannot both be set; use ? in one of them'],
    ['cron(0 0 ? * ? *)',
      'cron(0 0 ? * ? *): day-of-month and day-of-week cannot both be ?; set one of them (for example * in day-of-month)'],
    ['cron(? 0 * * ? *)', 'cron(? 0 * * ? *): minutes: ? is only allowed in day-of-month or day-of-week'],
    ['cron(0 L * * ? *)', 'cron(0 L * * ? *): hours: L is only allowed in day-of-month or day-of-week'],
    ['cron(0 0 ? * 5W *)', 'cron(0 0 ? * 5W *): day-of-week: W is only allowed in day-of-month'],
    ['cron(0 0 3#2 * ? *)', 'cron(0 0 3#2 * ? *): day-of-month: # is only allowed in day-of-week'],
    ['cron(0 0 ? * 3#6 *)', 'cron(0 0 ? * 3#6 *): day-of-week: 3#6: the occurrence after # must be 1-5'],
    ['cron(0 0 ? * 3#1,6#3 *)',
      'cron(0 0 ? * 3#1,6#3 *): day-of-week: 3#1,6#3: with # the field holds a single expression, not a list'],
    ['cron(0 0 1-5W * ? *)',
      'cron(0 0 1-5W * ? *): day-of-month: 1-5W: W takes a single day (15W) or L (LW), not a list or range'],
    ['cron(0 0 L-3 * ? *)',
      'cron(0 0 L-3 * ? *): day-of-month: L-3: an offset from the last day is not supported; use L or LW'],
    ['cron(0 0 1,L * ? *)', 'cron(0 0 1,L * ? *): day-of-month: L: L cannot be combined with other values'],
    ['cron(0/0 0 * * ? *)', 'cron(0/0 0 * * ? *): minutes: step 0 must be a positive integer'],
    ['cron(0/75 0 * * ? *)', 'cron(0/75 0 * * ? *): minutes: step 75 is larger than the range 0-59'],
    ['cron(0 0 ? * 2/2 *)', 'cron(0 0 ? * 2/2 *): day-of-week: / is not allowed in day-of-week'],
    ['cron(0 5-2 * * ? *)', 'cron(0 5-2 * * ? *): hours: range 5-2 is reversed; write it from low to high'],
    ['cron(0 0 1,,2 * ? *)', 'cron(0 0 1,,2 * ? *): day-of-month: empty value in list 1,,2'],
    ['rate(1 minutes)', 'rate(1 minutes): with 1 the unit is singular: rate(1 minute)'],
    ['rate(5 minute)', 'rate(5 minute): with 5 the unit is plural: rate(5 minutes)'],
    ['rate(0 minutes)', 'rate(0 minutes): value 0 must be a positive integer'],
    ['rate(1.5 hours)', 'rate(1.5 hours): value 1.5 must be a positive integer'],
    ['rate(2 weeks)', 'rate(2 weeks): unit weeks must be minute(s), hour(s) or day(s)'],
    ['rate(5minutes)', 'rate(5minutes): expected rate(value unit), for example rate(5 minutes)'],
    ['rate( 5 minutes)', 'rate( 5 minutes): remove the spaces just inside the parentheses'],
    ['at(2026-06-01 09:00)', 'at(2026-06-01 09:00): expected at(yyyy-mm-ddThh:mm:ss), for example at(2026-06-01T09:00:00)'],
    ['at(2026-02-30T10:00:00)', 'at(2026-02-30T10:00:00): 2026-02-30T10:00:00 is not a real date and time'],
    ['at(2026-06-01T24:00:00)', 'at(2026-06-01T24:00:00): 2026-06-01T24:00:00 is not a real date and time'],
  ])('rejects %s with a message that says what to fix', (text, message) => {
    // Act
    const result = validateScheduleExpression(text);

    // Assess
    expect(result).toBe(message);
  });
});

describe('Function: isValidTimeZone', () => {
  it.each(['Europe/London', 'America/New_York', 'UTC', 'Etc/GMT+5', 'America/Port-au-Prince', 'Asia/Kolkata'])(
    'accepts the IANA name %s',
    (zone) => {
      // Act
      const result = isValidTimeZone(zone);

      // Assess
      expect(result).toBe(true);
    },
  );

  it.each(['Europe/Londn', 'europe/london', 'utc', '+05:00', 'GMT+1:00', '', 'Mars/Olympus_Mons'])(
    'rejects %j, which is not an IANA name',
    (zone) => {
      // Act
      const result = isValidTimeZone(zone);

      // Assess
      expect(result).toBe(false);
    },
  );
});
