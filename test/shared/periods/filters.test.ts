/**
 * Every filter against values worked out by hand: month ends, leap years (2024, 2028), the DST
 * days of Europe/London (2026-03-29 spring forward, 2026-10-25 fall back) and America/New_York
 * (2026-03-08, 2026-11-01), and fiscal year boundaries.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { FiscalCalendar } from '../../../shared/periods/calendar.ts';
import { renderTemplate } from '../../../shared/periods/render.ts';

const APRIL_END: FiscalCalendar = { fiscalYearStart: 4, fiscalYearNamedBy: 'endYear' };
const APRIL_START: FiscalCalendar = { fiscalYearStart: 4, fiscalYearNamedBy: 'startYear' };

/** The rendered text (or number) of `{{ logicalTime | <filters> }}` at `iso` in `zone`. */
function render(filters: string, iso: string, zone = 'UTC', calendar?: FiscalCalendar): string | number {
  const value = renderTemplate(`{{ logicalTime | ${filters} }}`, DateTime.fromISO(iso, { zone }), calendar);
  return value.kind === 'number' ? value.number : value.kind === 'text' ? value.text : '';
}

describe('Filter: shift', () => {
  it.each([
    ['-P1M from 31 March is 28 February in a common year', '2026-03-31T10:00', "shift: '-P1M' | format: 'yyyy-MM-dd'", '2026-02-28'],
    ['-P1M from 31 March is 29 February in a leap year (2028)', '2028-03-31T10:00', "shift: '-P1M' | format: 'yyyy-MM-dd'", '2028-02-29'],
    ['-P1M from 31 March is 29 February in a leap year (2024)', '2024-03-31T10:00', "shift: '-P1M' | format: 'yyyy-MM-dd'", '2024-02-29'],
    ['P1Y from 29 February 2024 is 28 February 2025', '2024-02-29T10:00', "shift: 'P1Y' | format: 'yyyy-MM-dd'", '2025-02-28'],
    ['-P1D from 1 March 2024 is the leap day', '2024-03-01T00:30', "shift: '-P1D' | format: 'yyyy-MM-dd'", '2024-02-29'],
    ['-P1D from 1 January is the last day of the previous year', '2026-01-01T02:00', "shift: '-P1D' | format: 'yyyy-MM-dd'", '2025-12-31'],
    ['P1M from 31 January is the end of February', '2026-01-31T02:00', "shift: 'P1M' | format: 'yyyy-MM-dd'", '2026-02-28'],
    ['-PT6H crosses midnight backwards', '2026-06-01T03:00', "shift: '-PT6H' | format: 'yyyy-MM-dd HH:mm'", '2026-05-31 21:00'],
  ])('%s', (_, at, filters, expected) => {
    expect(render(filters, at, 'Europe/London')).toBe(expected);
  });

  it('keeps the wall-clock hour over the spring-forward night in Europe/London (P1D is a calendar day)', () => {
    expect(render("shift: 'P1D' | format: 'yyyy-MM-dd HH:mm ZZ'", '2026-03-28T01:30', 'Europe/London')).toBe('2026-03-29 02:30 +01:00');
    expect(render("shift: 'P1D' | format: 'yyyy-MM-dd HH:mm ZZ'", '2026-03-28T09:00', 'Europe/London')).toBe('2026-03-29 09:00 +01:00');
  });

  it('keeps the wall-clock hour over the fall-back night in Europe/London, and PT24H does not', () => {
    expect(render("shift: 'P1D' | format: 'yyyy-MM-dd HH:mm ZZ'", '2026-10-24T09:00', 'Europe/London')).toBe('2026-10-25 09:00 +00:00');
    expect(render("shift: 'PT24H' | format: 'yyyy-MM-dd HH:mm ZZ'", '2026-10-24T09:00', 'Europe/London')).toBe('2026-10-25 08:00 +00:00');
  });

  it('computes yesterday in America/New_York on its DST days, not in UTC', () => {
    // 2026-03-09 00:30 in New York is 04:30 UTC: yesterday there is 8 March (spring forward day).
    expect(render("shift: '-P1D' | format: 'yyyy-MM-dd HH:mm ZZ'", '2026-03-09T00:30', 'America/New_York')).toBe('2026-03-08 00:30 -05:00');
    expect(render("shift: '-P1D' | format: 'yyyy-MM-dd'", '2026-11-02T00:30', 'America/New_York')).toBe('2026-11-01');
  });
});

describe('Filters: startOf and endOf', () => {
  it.each([
    ['startOf day', "startOf: 'day'", '2026-03-29T15:45', '2026-03-29T00:00:00+00:00'],
    ['endOf day on the spring-forward day', "endOf: 'day'", '2026-03-29T15:45', '2026-03-29T23:59:59+01:00'],
    ['startOf week (ISO: Monday)', "startOf: 'week'", '2026-03-29T15:45', '2026-03-23T00:00:00+00:00'],
    ['endOf week (Sunday)', "endOf: 'week'", '2026-03-25T15:45', '2026-03-29T23:59:59+01:00'],
    ['startOf month', "startOf: 'month'", '2026-10-25T15:45', '2026-10-01T00:00:00+01:00'],
    ['endOf month in a leap February', "endOf: 'month'", '2024-02-10T12:00', '2024-02-29T23:59:59+00:00'],
    ['endOf month in a common February', "endOf: 'month'", '2026-02-10T12:00', '2026-02-28T23:59:59+00:00'],
    ['startOf quarter', "startOf: 'quarter'", '2026-05-17T12:00', '2026-04-01T00:00:00+01:00'],
    ['endOf quarter', "endOf: 'quarter'", '2026-11-17T12:00', '2026-12-31T23:59:59+00:00'],
    ['startOf year', "startOf: 'year'", '2026-11-17T12:00', '2026-01-01T00:00:00+00:00'],
    ['endOf year', "endOf: 'year'", '2028-02-29T12:00', '2028-12-31T23:59:59+00:00'],
  ])('%s', (_, filters, at, expected) => {
    expect(render(filters, at, 'Europe/London')).toBe(expected);
  });

  it('gives the last day of the previous month with shift and endOf (the usual "load last month")', () => {
    expect(render("shift: '-P1M' | endOf: 'month' | format: 'yyyy-MM-dd'", '2024-03-01T02:00', 'Europe/London')).toBe('2024-02-29');
  });
});

describe('Filter: format', () => {
  it('formats with Luxon tokens, quoted literal text and an English locale', () => {
    expect(render(`format: "yyyy'Q'q MMM EEE"`, '2026-10-25T01:30', 'Europe/London')).toBe('2026Q4 Oct Sun');
  });

  it('shows the zone offset of the instant on both sides of the fall-back change', () => {
    // 01:30 happens twice on 2026-10-25 in London: first at +01:00 (00:30Z), then at +00:00 (01:30Z).
    expect(render("format: 'HH:mm ZZ'", '2026-10-25T00:30:00Z', 'Europe/London')).toBe('01:30 +01:00');
    expect(render("format: 'HH:mm ZZ'", '2026-10-25T01:30:00Z', 'Europe/London')).toBe('01:30 +00:00');
  });
});

describe('Filters: fiscalYear, fiscalQuarter, fiscalPeriod', () => {
  it.each([
    ['31 March 2026 (last day of FY2026, April start)', '2026-03-31T23:59', APRIL_END, 2026, 4, 12],
    ['1 April 2026 (first day of FY2027, April start)', '2026-04-01T00:00', APRIL_END, 2027, 1, 1],
    ['30 June 2026', '2026-06-30T12:00', APRIL_END, 2027, 1, 3],
    ['1 July 2026', '2026-07-01T12:00', APRIL_END, 2027, 2, 4],
    ['15 November 2026', '2026-11-15T12:00', APRIL_END, 2027, 3, 8],
    ['29 February 2028', '2028-02-29T12:00', APRIL_END, 2028, 4, 11],
    ['1 April 2026 named by its start year', '2026-04-01T00:00', APRIL_START, 2026, 1, 1],
    ['31 March 2026 named by its start year', '2026-03-31T12:00', APRIL_START, 2025, 4, 12],
    ['the calendar year (default calendar)', '2026-12-31T12:00', undefined, 2026, 4, 12],
  ])('%s', (_, at, calendar, year, quarter, period) => {
    expect([render('fiscalYear', at, 'UTC', calendar), render('fiscalQuarter', at, 'UTC', calendar), render('fiscalPeriod', at, 'UTC', calendar)]).toEqual([
      year,
      quarter,
      period,
    ]);
  });

  it('takes the month in the zone: 00:30 on 1 April in London is still 31 March in UTC', () => {
    const at = '2026-03-31T23:30:00Z';
    expect(render('fiscalYear', at, 'Europe/London', APRIL_END)).toBe(2027);
    expect(render('fiscalYear', at, 'UTC', APRIL_END)).toBe(2026);
  });

  it('works for an October start (US federal FY2027 begins 1 October 2026)', () => {
    const october: FiscalCalendar = { fiscalYearStart: 10, fiscalYearNamedBy: 'endYear' };
    expect([render('fiscalYear', '2026-10-01T12:00', 'UTC', october), render('fiscalPeriod', '2026-09-30T12:00', 'UTC', october)]).toEqual([2027, 12]);
  });
});

describe('Filter: pad, and text around expressions', () => {
  it('pads a fiscal period to two digits inside text', () => {
    const value = renderTemplate("FY{{ logicalTime | fiscalYear }}-P{{ logicalTime | fiscalPeriod | pad: 2 }}-X", DateTime.fromISO('2026-11-15T12:00', { zone: 'UTC' }), APRIL_END);
    expect(value).toEqual({ kind: 'text', text: 'FY2027-P08-X' });
  });

  it('writes braces with a quoted text expression', () => {
    expect(renderTemplate("{{ '{{' }}x}}", DateTime.fromISO('2026-01-01T00:00', { zone: 'UTC' }))).toEqual({ kind: 'text', text: '{{x}}' });
  });
});
