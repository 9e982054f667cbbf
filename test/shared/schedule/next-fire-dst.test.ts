import { describe, expect, it } from 'vitest';
import { nextFireTimes } from '../../../shared/schedule/next-fire.ts';

// Expected instants are hand-checked against the tz database:
// Europe/London 2026-03-29 01:00 GMT -> 02:00 BST (01:00-01:59 local never happens),
//               2026-10-25 02:00 BST -> 01:00 GMT (01:00-01:59 local happens twice);
// America/New_York 2026-03-08 02:00 EST -> 03:00 EDT, 2026-11-01 02:00 EDT -> 01:00 EST.
function fires(expression: string, timeZone: string, from: string, count: number): string[] {
  return nextFireTimes(expression, { timeZone, from: new Date(from), count }).map((date) => date.toISOString());
}

describe('Function: nextFireTimes (daylight saving time)', () => {
  it.each<[string, string, string, string, number, string[]]>([
    // in London the gap is 01:00-01:59, so 02:00 BST on the 29th exists (= 01:00Z).
    ['fires at 02:00 local every day in London, moving from GMT to BST across the spring-forward', 'cron(0 2 * * ? *)', 'Europe/London', '2026-03-27T12:00:00Z', 3, ['2026-03-28T02:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T01:00:00.000Z']],
    // nothing on 2026-03-29; the next day resumes at 01:30 BST.
    ['skips the London run on the spring-forward day when its time does not exist', 'cron(30 1 * * ? *)', 'Europe/London', '2026-03-28T12:00:00Z', 2, ['2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']],
    // 01:30 BST (00:30Z) only, not 01:30 GMT (01:30Z) again.
    ['fires once, at the first 01:30, when London repeats 01:00-01:59 on the fall-back day', 'cron(30 1 * * ? *)', 'Europe/London', '2026-10-24T12:00:00Z', 2, ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']],
    // from 01:10 GMT, the second pass through 01:00-01:59.
    ['does not fire the repeated 01:30 when asked from inside the repeated hour', 'cron(30 1 * * ? *)', 'Europe/London', '2026-10-25T01:10:00Z', 1, ['2026-10-26T01:30:00.000Z']],
    ['fires at 02:00 GMT on the London fall-back day, after the repeated hour', 'cron(0 2 * * ? *)', 'Europe/London', '2026-10-24T12:00:00Z', 2, ['2026-10-25T02:00:00.000Z', '2026-10-26T02:00:00.000Z']],
    // 2026-03-08 02:00 does not exist; 2026-03-09 02:00 EDT = 06:00Z.
    ['skips 02:00 in New York on the spring-forward day and resumes the next day', 'cron(0 2 * * ? *)', 'America/New_York', '2026-03-07T12:00:00Z', 2, ['2026-03-09T06:00:00.000Z', '2026-03-10T06:00:00.000Z']],
    // 02:00 and 02:30 never happen.
    ['jumps from 01:30 EST straight to 03:00 EDT for a half-hourly cron in New York', 'cron(0/30 * * * ? *)', 'America/New_York', '2026-03-08T06:00:00Z', 3, ['2026-03-08T06:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T07:30:00.000Z']],
    // 01:30 EDT (05:30Z) on the 1st; the next day's 01:30 is EST (06:30Z).
    ['fires 01:30 once in New York on the fall-back day', 'cron(30 1 * * ? *)', 'America/New_York', '2026-10-31T12:00:00Z', 2, ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']],
    // 01:00 and 01:30 EDT, then 02:00 EST; 01:00 and 01:30 EST are not repeated.
    ['does not repeat the half-hourly runs of the repeated hour in New York', 'cron(0/30 * * * ? *)', 'America/New_York', '2026-11-01T04:45:00Z', 4, ['2026-11-01T05:00:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-01T07:30:00.000Z']],
    // 02:30 does not exist; 03:30 EDT = 07:30Z.
    ['moves an at() time inside the spring-forward gap forward by the gap, so it still fires', 'at(2026-03-08T02:30:00)', 'America/New_York', '2026-03-01T00:00:00Z', 1, ['2026-03-08T07:30:00.000Z']],
    // 01:30 EDT = 05:30Z, not 01:30 EST = 06:30Z.
    ['fires an at() time the clocks repeat at its first occurrence', 'at(2026-11-01T01:30:00)', 'America/New_York', '2026-10-01T00:00:00Z', 1, ['2026-11-01T05:30:00.000Z']],
    // IST is UTC+05:30 all year.
    ['keeps a fixed offset in a zone without daylight saving time', 'cron(30 9 * * ? *)', 'Asia/Kolkata', '2026-03-28T00:00:00Z', 2, ['2026-03-28T04:00:00.000Z', '2026-03-29T04:00:00.000Z']],
  ])('%s', (_name, expression, timeZone, from, count, expected) => {
    // Act
    const result = fires(expression, timeZone, from, count);

    // Assess
    expect(result).toEqual(expected);
  });

  it('keeps rate(1 day) at 24 hours on the clock when the local day is 23 hours long', () => {
    // Prepare
    const startDate = new Date('2026-03-28T12:00:00Z');

    // Act
    const result = nextFireTimes('rate(1 day)', {
      timeZone: 'Europe/London', from: new Date('2026-03-28T11:00:00Z'), count: 3, startDate,
    }).map((date) => date.toISOString());

    // Assess: 12:00 GMT, then 13:00 BST: same UTC time, an hour later on the wall clock.
    expect(result).toEqual(['2026-03-28T12:00:00.000Z', '2026-03-29T12:00:00.000Z', '2026-03-30T12:00:00.000Z']);
  });
});
