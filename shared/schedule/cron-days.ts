import type { CronFields, DayOfMonthRule, DayOfWeekRule } from './types.ts';

const SATURDAY = 7;
const SUNDAY = 1;

/** Calendar arithmetic only: the day a date falls on does not depend on the time zone. */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** EventBridge numbering: 1 = Sunday … 7 = Saturday. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** Quartz's W: the nearest Monday-Friday to `day`, never leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysIn(year, month);
  const weekday = weekdayOf(year, month, day);
  if (weekday === SATURDAY) return day === 1 ? 3 : day - 1;
  if (weekday === SUNDAY) return day === last ? day - 2 : day + 1;
  return day;
}

function daysByMonthRule(rule: DayOfMonthRule, year: number, month: number): number[] {
  const last = daysIn(year, month);
  switch (rule.kind) {
    case 'any':
      return Array.from({ length: last }, (_, index) => index + 1);
    case 'days':
      return rule.days.filter((day) => day <= last);
    case 'last-day':
      return [last];
    case 'last-weekday':
      return [nearestWeekday(year, month, last)];
    case 'nearest-weekday':
      // 31W in a 30-day month names no day, so that month has no fire (documented choice).
      return rule.day <= last ? [nearestWeekday(year, month, rule.day)] : [];
  }
}

function daysByWeekRule(rule: DayOfWeekRule, year: number, month: number): number[] {
  const last = daysIn(year, month);
  const all = Array.from({ length: last }, (_, index) => index + 1);
  switch (rule.kind) {
    case 'any':
      return all;
    case 'days':
      return all.filter((day) => rule.days.includes(weekdayOf(year, month, day)));
    case 'last-in-month': {
      const lastWeekday = weekdayOf(year, month, last);
      return [last - ((lastWeekday - rule.day + 7) % 7)];
    }
    case 'nth-in-month': {
      const first = 1 + ((rule.day - weekdayOf(year, month, 1) + 7) % 7);
      const day = first + 7 * (rule.nth - 1);
      return day <= last ? [day] : [];
    }
  }
}

/** The days of `month` on which the expression fires, ascending. One of the two rules is always `any`. */
export function matchingDays(fields: CronFields, year: number, month: number): number[] {
  if (fields.dayOfMonth.kind === 'any') return daysByWeekRule(fields.dayOfWeek, year, month);
  return daysByMonthRule(fields.dayOfMonth, year, month);
}
