import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors.ts';
import { parseScheduleExpression } from '../../../shared/schedule/expression.ts';
import { nextFireTimes } from '../../../shared/schedule/next-fire.ts';

// Calendar facts used below (2026): Jan 1 Thu, Feb 1 Sun, Mar 1 Sun, May 31 Sun, Aug 1 Sat,
// Aug 15 Sat, Sep 15 Tue, Oct 31 Sat, Nov 30 Mon, Dec 31 Thu; 2028 is a leap year.
function utcFires(expression: string, from: string, count: number): string[] {
  return nextFireTimes(expression, { timeZone: 'UTC', from: new Date(from), count })
    .map((date) => date.toISOString().slice(0, 16));
}

/** The fires as full ISO strings, the window's times given as text; the zone defaults to UTC. */
function isoFires(
  expression: string,
  window: { readonly timeZone?: string; readonly from: string; readonly count: number; readonly startDate?: string; readonly endDate?: string },
): string[] {
  return nextFireTimes(expression, {
    timeZone: window.timeZone ?? 'UTC',
    from: new Date(window.from),
    count: window.count,
    ...(window.startDate === undefined ? {} : { startDate: new Date(window.startDate) }),
    ...(window.endDate === undefined ? {} : { endDate: new Date(window.endDate) }),
  }).map((date) => date.toISOString());
}

describe('Function: nextFireTimes (cron fields)', () => {
  it.each([
    ['L: the last day of the month, leap February included', 'cron(0 12 L * ? *)', '2028-01-15T00:00:00Z', 3,
      ['2028-01-31T12:00', '2028-02-29T12:00', '2028-03-31T12:00']],
    ['15W: the weekday nearest the 15th', 'cron(0 9 15W * ? *)', '2026-07-20T00:00:00Z', 2,
      ['2026-08-14T09:00', '2026-09-15T09:00']],
    ['1W: Monday the 3rd when the 1st is a Saturday, never the previous month', 'cron(0 9 1W * ? *)',
      '2026-07-15T00:00:00Z', 1, ['2026-08-03T09:00']],
    ['31W: Friday the 29th when the 31st is a Sunday; no fire in a 30-day month', 'cron(0 9 31W * ? *)',
      '2026-05-01T00:00:00Z', 2, ['2026-05-29T09:00', '2026-07-31T09:00']],
    ['LW: the last weekday of the month', 'cron(0 18 LW * ? *)', '2026-01-01T00:00:00Z', 3,
      ['2026-01-30T18:00', '2026-02-27T18:00', '2026-03-31T18:00']],
    ['3#2: the second Tuesday', 'cron(0 10 ? * 3#2 *)', '2026-01-01T00:00:00Z', 3,
      ['2026-01-13T10:00', '2026-02-10T10:00', '2026-03-10T10:00']],
    ['1#5: the fifth Sunday, only in months that have one', 'cron(0 10 ? * 1#5 *)', '2026-01-01T00:00:00Z', 2,
      ['2026-03-29T10:00', '2026-05-31T10:00']],
    ['5L: the last Thursday, including a month that ends on one', 'cron(0 10 ? * 5L *)', '2026-10-01T00:00:00Z', 3,
      ['2026-10-29T10:00', '2026-11-26T10:00', '2026-12-31T10:00']],
    ['1: Sunday, as EventBridge numbers days', 'cron(0 8 ? * 1 *)', '2026-01-01T00:00:00Z', 2,
      ['2026-01-04T08:00', '2026-01-11T08:00']],
    ['L alone in day-of-week: every Saturday', 'cron(0 8 ? * L *)', '2026-01-01T00:00:00Z', 2,
      ['2026-01-03T08:00', '2026-01-10T08:00']],
    ['MON-FRI: weekdays, skipping the weekend', 'cron(0 8 ? * MON-FRI *)', '2026-01-02T12:00:00Z', 3,
      ['2026-01-05T08:00', '2026-01-06T08:00', '2026-01-07T08:00']],
    ['month names in a list', 'cron(0 0 1 JAN,JUL ? *)', '2026-02-01T00:00:00Z', 2,
      ['2026-07-01T00:00', '2027-01-01T00:00']],
    ['a year range: nothing after its last year', 'cron(0 12 1 1 ? 2027-2028)', '2026-01-01T00:00:00Z', 5,
      ['2027-01-01T12:00', '2028-01-01T12:00']],
    ['a year step', 'cron(0 12 1 1 ? 2026/2)', '2025-06-01T00:00:00Z', 2,
      ['2026-01-01T12:00', '2028-01-01T12:00']],
    ['ranges with steps in minutes and hours', 'cron(10-40/15 9-17/4 * * ? *)', '2026-01-05T00:00:00Z', 4,
      ['2026-01-05T09:10', '2026-01-05T09:25', '2026-01-05T09:40', '2026-01-05T13:10']],
    ['1/25 and */12 steps', 'cron(1/25 */12 * * ? *)', '2026-01-05T00:00:00Z', 4,
      ['2026-01-05T00:01', '2026-01-05T00:26', '2026-01-05T00:51', '2026-01-05T12:01']],
  ])('honours %s', (_rule, expression, from, count, expected) => {
    // Act
    const result = utcFires(expression, from, count);

    // Assess
    expect(result).toEqual(expected);
  });

  it('returns nothing when the expression can never fire', () => {
    // Act: 30 February, every year up to 2199.
    const result = utcFires('cron(0 0 30 2 ? *)', '2026-01-01T00:00:00Z', 3);

    // Assess
    expect(result).toEqual([]);
  });

  it('returns only times strictly after from', () => {
    // Act: from is exactly a fire time.
    const result = utcFires('cron(0 2 * * ? *)', '2026-01-05T02:00:00Z', 1);

    // Assess
    expect(result).toEqual(['2026-01-06T02:00']);
  });

  it.each([
    // The fire at endDate itself is excluded ("before which the schedule can invoke").
    { name: 'stops before endDate', expression: 'cron(0 2 * * ? *)', from: '2026-01-01T00:00:00Z', count: 10, endDate: '2026-01-03T02:00:00Z',
      expected: ['2026-01-01T02:00:00.000Z', '2026-01-02T02:00:00.000Z'] },
    { name: 'starts at startDate when it is later than from', expression: 'cron(0 2 * * ? *)', from: '2026-01-01T00:00:00Z', count: 2, startDate: '2026-06-10T02:00:00Z',
      expected: ['2026-06-10T02:00:00.000Z', '2026-06-11T02:00:00.000Z'] },
  ])('$name', ({ expression, expected, ...window }) => {
    // Act
    const result = isoFires(expression, window);

    // Assess
    expect(result).toEqual(expected);
  });

  it('accepts an already parsed expression', () => {
    // Prepare
    const parsed = parseScheduleExpression('cron(0 2 * * ? *)');

    // Act
    const result = nextFireTimes(parsed, { timeZone: 'UTC', from: new Date('2026-01-01T00:00:00Z'), count: 1 });

    // Assess
    expect(result.map((date) => date.toISOString())).toEqual(['2026-01-01T02:00:00.000Z']);
  });
});

describe('Function: nextFireTimes (rate and at)', () => {
  it.each([
    { name: 'fires every 5 minutes counted from startDate', expression: 'rate(5 minutes)', from: '2026-01-01T00:07:00Z', count: 3, startDate: '2026-01-01T00:01:00Z',
      expected: ['2026-01-01T00:11:00.000Z', '2026-01-01T00:16:00.000Z', '2026-01-01T00:21:00.000Z'] },
    { name: 'first fires at startDate when startDate is in the future', expression: 'rate(2 hours)', from: '2026-01-01T00:00:00Z', count: 2, startDate: '2026-01-02T09:30:00Z',
      expected: ['2026-01-02T09:30:00.000Z', '2026-01-02T11:30:00.000Z'] },
    { name: 'counts from `from` when the schedule has no startDate, and stops before endDate', expression: 'rate(1 hour)', from: '2026-01-01T10:15:00Z', count: 5, endDate: '2026-01-01T13:15:00Z',
      expected: ['2026-01-01T11:15:00.000Z', '2026-01-01T12:15:00.000Z'] },
    // 09:00 EDT.
    { name: 'fires an at() schedule once at its local time in the schedule zone', expression: 'at(2026-06-01T09:00:00)', timeZone: 'America/New_York', from: '2026-01-01T00:00:00Z', count: 3,
      expected: ['2026-06-01T13:00:00.000Z'] },
    // 09:00 BST.
    { name: 'ignores startDate and endDate for at(), as EventBridge Scheduler does', expression: 'at(2026-06-01T09:00:00)', timeZone: 'Europe/London', from: '2026-01-01T00:00:00Z', count: 1,
      startDate: '2026-07-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z', expected: ['2026-06-01T08:00:00.000Z'] },
    { name: 'returns nothing for an at() time already past', expression: 'at(2026-06-01T09:00:00)', from: '2026-06-01T09:00:00Z', count: 1,
      expected: [] },
  ])('$name', ({ expression, expected, ...window }) => {
    // Act
    const result = isoFires(expression, window);

    // Assess
    expect(result).toEqual(expected);
  });

  it('rejects a time zone that is not an IANA name', () => {
    // Act
    const act = () => nextFireTimes('rate(5 minutes)', { timeZone: 'Europe/Londn', from: new Date(), count: 1 });

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow('timeZone: Europe/Londn is not an IANA time zone name (for example Europe/London)');
  });
});
