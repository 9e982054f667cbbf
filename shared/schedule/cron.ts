import { ValidationError } from '../errors.ts';
import {
  DAY_OF_MONTH, DAY_OF_WEEK, HOURS, MINUTES, MONTH, YEAR, fieldError, parseFieldList, parseFieldValue,
} from './cron-field.ts';
import type { CronFields, DayOfMonthRule, DayOfWeekRule } from './types.ts';

const FIELD_NAMES = 'minutes hours day-of-month month day-of-week year';

/** `?`, `L`, `LW`, `15W`, or a list of days. Quartz semantics, which EventBridge's cron follows. */
function parseDayOfMonth(text: string): DayOfMonthRule {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'last-day' };
  if (text === 'LW') return { kind: 'last-weekday' };
  const nearest = /^(\d+)W$/.exec(text);
  if (nearest?.[1] !== undefined) {
    return { kind: 'nearest-weekday', day: parseFieldValue(DAY_OF_MONTH, nearest[1]) };
  }
  if (/^L-\d+$/.test(text)) {
    throw fieldError(DAY_OF_MONTH, `${text}: an offset from the last day is not supported; use L or LW`);
  }
  if (text.endsWith('W')) {
    throw fieldError(DAY_OF_MONTH, `${text}: W takes a single day (15W) or L (LW), not a list or range`);
  }
  return { kind: 'days', days: parseFieldList(DAY_OF_MONTH, text) };
}

/** `?`, `L` (Saturday), `5L` (last Thursday), `3#2` (second Tuesday), or a list of days. */
function parseDayOfWeek(text: string): DayOfWeekRule {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'days', days: [7] };
  const last = /^([^,\-#]+)L$/.exec(text);
  if (last?.[1] !== undefined) return { kind: 'last-in-month', day: parseFieldValue(DAY_OF_WEEK, last[1]) };
  const nth = /^([^,\-#]+)#([^,#]*)$/.exec(text);
  if (nth?.[1] !== undefined && nth[2] !== undefined) {
    const day = parseFieldValue(DAY_OF_WEEK, nth[1]);
    if (!/^[1-5]$/.test(nth[2])) {
      throw fieldError(DAY_OF_WEEK, `${text}: the occurrence after # must be 1-5`);
    }
    return { kind: 'nth-in-month', day, nth: Number(nth[2]) };
  }
  if (text.includes('#') && text.includes(',')) {
    throw fieldError(DAY_OF_WEEK, `${text}: with # the field holds a single expression, not a list`);
  }
  return { kind: 'days', days: parseFieldList(DAY_OF_WEEK, text) };
}

function checkDayFieldsAgree(dayOfMonth: DayOfMonthRule, dayOfWeek: DayOfWeekRule): void {
  const monthAny = dayOfMonth.kind === 'any';
  const weekAny = dayOfWeek.kind === 'any';
  if (!monthAny && !weekAny) {
    throw new ValidationError('day-of-month and day-of-week cannot both be set; use ? in one of them');
  }
  if (monthAny && weekAny) {
    throw new ValidationError('day-of-month and day-of-week cannot both be ?; set one of them (for example * in day-of-month)');
  }
}

/**
 * Parses the inside of `cron(...)`: exactly six whitespace-separated fields. Throws ValidationError
 * whose message names the field and the value, without the expression (the caller adds it).
 */
export function parseCronFields(body: string): CronFields {
  const parts = body.trim() === '' ? [] : body.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new ValidationError(`expected 6 fields (${FIELD_NAMES}), got ${parts.length}`);
  }
  const [minutes = '', hours = '', dayOfMonth = '', month = '', dayOfWeek = '', year = ''] = parts;
  const fields: CronFields = {
    minutes: parseFieldList(MINUTES, minutes),
    hours: parseFieldList(HOURS, hours),
    dayOfMonth: parseDayOfMonth(dayOfMonth),
    months: parseFieldList(MONTH, month),
    dayOfWeek: parseDayOfWeek(dayOfWeek),
    years: parseFieldList(YEAR, year),
  };
  checkDayFieldsAgree(fields.dayOfMonth, fields.dayOfWeek);
  return fields;
}
