/**
 * The fiscal calendar behind `fiscalYear`, `fiscalQuarter` and `fiscalPeriod`: the month the
 * fiscal year starts in, and which calendar year names it. With an April start, FY2027 runs from
 * April 2026 to March 2027 when named by its end year (the common convention: US federal,
 * UK company accounts); `startYear` names it FY2026 instead (Japan, India's "2026-27" read by its
 * first year).
 */

export const FISCAL_YEAR_NAMINGS = ['endYear', 'startYear'] as const;
export type FiscalYearNaming = (typeof FISCAL_YEAR_NAMINGS)[number];

export interface FiscalCalendar {
  /** 1 = January (fiscal year = calendar year) ... 12 = December. */
  readonly fiscalYearStart: number;
  readonly fiscalYearNamedBy: FiscalYearNaming;
}

export const DEFAULT_CALENDAR: FiscalCalendar = { fiscalYearStart: 1, fiscalYearNamedBy: 'endYear' };

/** A calendar month and year (month 1..12) in the fiscal calendar. */
export interface FiscalPosition {
  readonly year: number;
  /** 1..4 */
  readonly quarter: number;
  /** 1..12: the month of the fiscal year. */
  readonly period: number;
}

export function fiscalPosition(calendarYear: number, month: number, calendar: FiscalCalendar): FiscalPosition {
  const start = calendar.fiscalYearStart;
  const monthsIn = (month - start + 12) % 12;
  const startYear = month >= start ? calendarYear : calendarYear - 1;
  // A January start: the year starts and ends in the same calendar year, whatever the naming.
  const endYear = start === 1 ? startYear : startYear + 1;
  return {
    year: calendar.fiscalYearNamedBy === 'endYear' ? endYear : startYear,
    quarter: Math.floor(monthsIn / 3) + 1,
    period: monthsIn + 1,
  };
}
