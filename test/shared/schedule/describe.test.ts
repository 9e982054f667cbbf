import { describe, expect, it } from 'vitest';
import { describeScheduleExpression } from '../../../shared/schedule/describe.ts';

describe('Function: describeScheduleExpression', () => {
  it.each([
    ['cron(0 2 * * ? *)', 'at 02:00 every day'],
    ['cron(0 8 ? * MON-FRI *)', 'at 08:00 on MON-FRI'],
    ['cron(15 10 ? * 6L 2022-2023)', 'at 10:15 on the last FRI of the month in 2022,2023'],
    ['cron(0 10 ? * 3#2 *)', 'at 10:00 on the 2nd TUE of the month'],
    ['cron(0 12 L JAN,JUL ? *)', 'at 12:00 on the last day of the month in JAN,JUL'],
    ['cron(0 9 15W * ? *)', 'at 09:00 on the weekday nearest day 15'],
    ['cron(0/15 * * * ? *)', 'at minute 0,15,30,45 of every hour every day'],
    ['rate(1 hour)', 'every hour'],
    ['rate(5 minutes)', 'every 5 minutes'],
    ['at(2026-06-01T09:00:00)', 'once at 2026-06-01 09:00:00'],
  ])('describes %s as "%s"', (text, expected) => {
    // Act
    const result = describeScheduleExpression(text);

    // Assess
    expect(result).toBe(expected);
  });
});
