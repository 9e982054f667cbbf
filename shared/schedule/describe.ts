import { parseScheduleExpression } from './expression.ts';
import type { CronFields, DayOfMonthRule, DayOfWeekRule, LocalDateTime, ScheduleExpression } from './types.ts';

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th'];

const pad = (value: number): string => String(value).padStart(2, '0');

/** 1,2,3,5 → "1-3,5"; `label` turns a number into its name. */
function listText(values: readonly number[], label: (value: number) => string = String): string {
  const parts: string[] = [];
  for (let start = 0; start < values.length;) {
    let end = start;
    while (end + 1 < values.length && values[end + 1] === (values[end] ?? 0) + 1) end += 1;
    const [first, last] = [values[start] ?? 0, values[end] ?? 0];
    parts.push(end - start >= 2 ? `${label(first)}-${label(last)}` : values.slice(start, end + 1).map(label).join(','));
    start = end + 1;
  }
  return parts.join(',');
}

const dayName = (day: number): string => DAY_NAMES[day - 1] ?? String(day);
const monthName = (month: number): string => MONTH_NAMES[month - 1] ?? String(month);

function timeText(fields: CronFields): string {
  const { minutes, hours } = fields;
  if (minutes.length === 60 && hours.length === 24) return 'every minute';
  if (minutes.length === 1 && hours.length === 1) return `at ${pad(hours[0] ?? 0)}:${pad(minutes[0] ?? 0)}`;
  const minuteText = minutes.length === 60 ? 'every minute' : `at minute ${listText(minutes)}`;
  return hours.length === 24 ? `${minuteText} of every hour` : `${minuteText} of hour ${listText(hours)}`;
}

function monthDayText(rule: DayOfMonthRule): string {
  switch (rule.kind) {
    case 'any':
      return 'every day';
    case 'days':
      return rule.days.length === 31 ? 'every day' : `on day ${listText(rule.days)} of the month`;
    case 'last-day':
      return 'on the last day of the month';
    case 'last-weekday':
      return 'on the last weekday of the month';
    case 'nearest-weekday':
      return `on the weekday nearest day ${rule.day}`;
  }
}

function weekDayText(rule: DayOfWeekRule): string {
  switch (rule.kind) {
    case 'any':
      return 'every day';
    case 'days':
      return rule.days.length === 7 ? 'every day' : `on ${listText(rule.days, dayName)}`;
    case 'last-in-month':
      return `on the last ${dayName(rule.day)} of the month`;
    case 'nth-in-month':
      return `on the ${ORDINALS[rule.nth - 1] ?? rule.nth} ${dayName(rule.day)} of the month`;
  }
}

function cronText(fields: CronFields): string {
  const days = fields.dayOfMonth.kind === 'any' ? weekDayText(fields.dayOfWeek) : monthDayText(fields.dayOfMonth);
  const parts = [timeText(fields), days];
  if (fields.months.length !== 12) parts.push(`in ${listText(fields.months, monthName)}`);
  if (fields.years.length !== 230) parts.push(`in ${listText(fields.years)}`);
  return parts.join(' ');
}

function localText(local: LocalDateTime): string {
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`;
}

/** Short English for an expression: "at 02:00 every day", "every 5 minutes", "once at 2026-06-01 09:00:00". */
export function describeScheduleExpression(expression: string | ScheduleExpression): string {
  const parsed = typeof expression === 'string' ? parseScheduleExpression(expression) : expression;
  switch (parsed.kind) {
    case 'cron':
      return cronText(parsed.fields);
    case 'rate':
      return parsed.value === 1 ? `every ${parsed.unit.slice(0, -1)}` : `every ${parsed.value} ${parsed.unit}`;
    case 'at':
      return `once at ${localText(parsed.local)}`;
  }
}
