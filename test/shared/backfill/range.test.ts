import { describe, expect, it } from 'vitest';
import { backfillRange, firesInRange } from '../../../shared/backfill/range.ts';
import type { ScheduleConfig } from '../../../shared/config/schema.ts';
import { ValidationError } from '../../../shared/errors.ts';

const nightly: ScheduleConfig = { name: 'nightly', expression: 'cron(30 1 * * ? *)', timeZone: 'Europe/London', enabled: true, parameters: {} };
const LATER = new Date('2027-01-01T00:00:00Z');
const iso = (fires: readonly Date[]) => fires.map((fire) => fire.toISOString());

describe('Function: backfillRange', () => {
  it("reads dates as whole days in the schedule's zone, --to included", () => {
    // Act
    const range = backfillRange('2026-03-27', '2026-03-30', 'Europe/London');

    // Assess: the 30th is a BST day, so it ends at 23:00 UTC.
    expect(iso([range.from, range.until])).toEqual(['2026-03-27T00:00:00.000Z', '2026-03-30T23:00:00.000Z']);
  });

  it('reads a time as that instant, included', () => {
    // Act
    const range = backfillRange('2026-03-27T06:00', '2026-03-28T01:30:00Z', 'Europe/London');

    // Assess
    expect(iso([range.from, range.until])).toEqual(['2026-03-27T06:00:00.000Z', '2026-03-28T01:30:00.001Z']);
  });

  it('refuses an unreadable date and a range that ends before it starts, naming the option', () => {
    // Act & Assess
    expect(() => backfillRange('27/03/2026', '2026-03-30', 'UTC')).toThrow(ValidationError);
    expect(() => backfillRange('27/03/2026', '2026-03-30', 'UTC')).toThrow('--from 27/03/2026 is not a date or time');
    expect(() => backfillRange('2026-03-30', '2026-03-27', 'UTC')).toThrow('--to 2026-03-27 is before --from 2026-03-30: give the earlier date first');
  });
});

describe('Function: firesInRange', () => {
  it('skips the time the clocks skip on the spring-forward day, as EventBridge does', () => {
    // Act
    const fires = firesInRange(nightly, backfillRange('2026-03-27', '2026-03-30', 'Europe/London'), LATER);

    // Assess
    expect(iso(fires)).toEqual(['2026-03-27T01:30:00.000Z', '2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('runs a time the clocks repeat on the fall-back day once', () => {
    // Prepare
    const repeated = { ...nightly, expression: 'cron(30 1 * * ? *)' };

    // Act
    const fires = firesInRange(repeated, backfillRange('2026-10-25', '2026-10-25', 'Europe/London'), LATER);

    // Assess
    expect(iso(fires)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it("leaves out fires still to come and fires outside the schedule's own window", () => {
    // Prepare
    const windowed = { ...nightly, startDate: '2026-03-28T00:00:00.000Z' };
    const now = new Date('2026-03-30T00:30:00Z');

    // Act
    const fires = firesInRange(windowed, backfillRange('2026-03-27', '2026-04-05', 'Europe/London'), now);

    // Assess: the fire exactly at `now` counts; later ones are the schedule's.
    expect(iso(fires)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('counts a rate schedule without a startDate from the start of the range', () => {
    // Prepare
    const hourly: ScheduleConfig = { ...nightly, expression: 'rate(6 hours)', timeZone: 'UTC' };

    // Act
    const fires = firesInRange(hourly, backfillRange('2026-03-27', '2026-03-27', 'UTC'), LATER);

    // Assess
    expect(iso(fires)).toEqual(['2026-03-27T00:00:00.000Z', '2026-03-27T06:00:00.000Z', '2026-03-27T12:00:00.000Z', '2026-03-27T18:00:00.000Z']);
  });

  it('refuses a range of more than 1000 fires', () => {
    // Prepare
    const everyMinute: ScheduleConfig = { ...nightly, expression: 'rate(1 minute)' };

    // Act & Assess
    expect(() => firesInRange(everyMinute, backfillRange('2026-03-27', '2026-03-27', 'UTC'), LATER)).toThrow(
      'the range holds more than 1000 fires of schedule nightly: backfill a shorter range at a time',
    );
  });
});
