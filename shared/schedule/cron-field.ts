import { ValidationError } from '../errors.ts';

/** What one cron field accepts. Messages name the field as EventBridge's documentation does. */
export interface CronFieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for min, min+1, …: JAN-DEC or SUN-SAT. */
  readonly names?: readonly string[];
  /** How the range reads in messages, when the plain "min-max" is not enough. */
  readonly rangeText?: string;
  readonly allowStep: boolean;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const MINUTES: CronFieldSpec = { name: 'minutes', min: 0, max: 59, allowStep: true };
export const HOURS: CronFieldSpec = { name: 'hours', min: 0, max: 23, allowStep: true };
export const DAY_OF_MONTH: CronFieldSpec = { name: 'day-of-month', min: 1, max: 31, allowStep: true };
export const MONTH: CronFieldSpec = {
  name: 'month', min: 1, max: 12, names: MONTH_NAMES, rangeText: '1-12 or JAN-DEC', allowStep: true,
};
export const DAY_OF_WEEK: CronFieldSpec = {
  name: 'day-of-week', min: 1, max: 7, names: DAY_NAMES, rangeText: '1-7 or SUN-SAT, 1 = SUN', allowStep: false,
};
export const YEAR: CronFieldSpec = { name: 'year', min: 1970, max: 2199, allowStep: true };

export function fieldError(spec: CronFieldSpec, detail: string): ValidationError {
  return new ValidationError(`${spec.name}: ${detail}`);
}

function rangeText(spec: CronFieldSpec): string {
  return spec.rangeText ?? `${spec.min}-${spec.max}`;
}

/** Explains a token that is neither a number nor a name, pointing at the wildcard rule it breaks. */
function unknownTokenDetail(spec: CronFieldSpec, token: string): string {
  const dayField = spec === DAY_OF_MONTH || spec === DAY_OF_WEEK;
  if (token.includes('?')) {
    return dayField ? `? must be the whole field` : `? is only allowed in day-of-month or day-of-week`;
  }
  if (token.includes('#')) {
    return spec === DAY_OF_WEEK ? `${token}: # cannot be combined with other values` : `# is only allowed in day-of-week`;
  }
  if (/^(\d*|L)W$/.test(token)) {
    return spec === DAY_OF_MONTH ? `${token}: W cannot be combined with other values` : `W is only allowed in day-of-month`;
  }
  if (/^(\d+|[A-Za-z]{3})?L$|^L-\d+$/.test(token)) {
    return dayField ? `${token}: L cannot be combined with other values` : `L is only allowed in day-of-month or day-of-week`;
  }
  return `${token} is not a valid value; expected ${rangeText(spec)}`;
}

/** One number or name, range-checked. */
export function parseFieldValue(spec: CronFieldSpec, token: string): number {
  let value: number;
  if (/^\d+$/.test(token)) {
    value = Number(token);
  } else {
    const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
    if (index < 0) throw fieldError(spec, unknownTokenDetail(spec, token));
    value = spec.min + index;
  }
  if (value < spec.min || value > spec.max) {
    throw fieldError(spec, `${token} is out of range ${rangeText(spec)}`);
  }
  return value;
}

function parseStep(spec: CronFieldSpec, step: string): number {
  if (!spec.allowStep) throw fieldError(spec, `/ is not allowed in ${spec.name}`);
  if (!/^\d+$/.test(step) || Number(step) === 0) {
    throw fieldError(spec, `step ${step || '(empty)'} must be a positive integer`);
  }
  const value = Number(step);
  if (value > spec.max - spec.min + 1) {
    throw fieldError(spec, `step ${step} is larger than the range ${spec.min}-${spec.max}`);
  }
  return value;
}

/** `*`, `a`, `a-b`, each optionally followed by `/step`; returns the values it covers. */
function parseListItem(spec: CronFieldSpec, item: string): number[] {
  const [base = '', step, extra] = item.split('/');
  if (extra !== undefined) throw fieldError(spec, `${item} has more than one /`);
  const increment = step === undefined ? 1 : parseStep(spec, step);
  let first: number;
  let last: number;
  if (base === '*') {
    [first, last] = [spec.min, spec.max];
  } else if (base.includes('-') && !/^L-/.test(base)) {
    const [from = '', to = '', more] = base.split('-');
    if (more !== undefined || from === '' || to === '') throw fieldError(spec, `${base} is not a valid range`);
    [first, last] = [parseFieldValue(spec, from), parseFieldValue(spec, to)];
    if (first > last) throw fieldError(spec, `range ${base} is reversed; write it from low to high`);
  } else {
    first = parseFieldValue(spec, base);
    last = step === undefined ? first : spec.max;
  }
  const values: number[] = [];
  for (let value = first; value <= last; value += increment) values.push(value);
  return values;
}

/** A comma-separated list of plain items; the special forms (`?`, `L`, `W`, `#`) are handled by the caller. */
export function parseFieldList(spec: CronFieldSpec, text: string): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw fieldError(spec, `empty value in list ${text}`);
    for (const value of parseListItem(spec, item)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}
