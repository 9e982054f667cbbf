import { ValidationError } from '../errors.ts';
import { parseAtBody } from './at.ts';
import { parseCronFields } from './cron.ts';
import { parseRateBody } from './rate.ts';
import type { ScheduleExpression } from './types.ts';

export { isValidTimeZone } from './time-zone.ts';
export type {
  AtExpression, CronExpression, CronFields, RateExpression, ScheduleExpression,
} from './types.ts';

const EXPRESSION = /^(cron|rate|at)\((.*)\)$/s;

function parseBody(kind: string, body: string, text: string): ScheduleExpression {
  if (body !== body.trim()) throw new ValidationError('remove the spaces just inside the parentheses');
  switch (kind) {
    case 'cron':
      return { kind: 'cron', text, fields: parseCronFields(body) };
    case 'rate':
      return { kind: 'rate', text, ...parseRateBody(body) };
    default:
      return { kind: 'at', text, local: parseAtBody(body) };
  }
}

/**
 * Parses an EventBridge Scheduler expression: `cron(...)`, `rate(...)` or `at(...)`.
 * Throws ValidationError whose message starts with the expression, then the field and the fix:
 * "cron(0 25 * * ? *): hours: 25 is out of range 0-23".
 */
export function parseScheduleExpression(text: string): ScheduleExpression {
  if (typeof text !== 'string') {
    throw new ValidationError('a schedule expression must be a string: cron(...), rate(...) or at(...)');
  }
  const match = EXPRESSION.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new ValidationError(`${text}: expected cron(...), rate(...) or at(...)${crontabHint(text)}`);
  }
  try {
    return parseBody(match[1], match[2], text);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(`${text}: ${error.message}`, { cause: error });
  }
}

/**
 * A crontab line (`0 2 * * *`, five fields) or a bare six-field cron is a common first try:
 * name the EventBridge form it most likely means, when that form is itself valid.
 */
function crontabHint(text: string): string {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return '';
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year = '*'] = fields as [string, string, string, string, string, string?];
  // EventBridge wants exactly one of the day fields to be ?; crontab's * in both means "every day".
  const days = dayOfWeek === '*' || dayOfWeek === '?' ? [dayOfMonth, '?'] : [dayOfMonth === '*' ? '?' : dayOfMonth, dayOfWeek];
  const suggestion = `cron(${[minutes, hours, days[0], month, days[1], year].join(' ')})`;
  try {
    parseScheduleExpression(suggestion);
  } catch {
    return '';
  }
  return `; a crontab line is written ${suggestion} here (six fields, the year last, ? in one day field)`;
}

/** The message parseScheduleExpression would throw, or undefined when the expression is valid. */
export function validateScheduleExpression(text: string): string | undefined {
  try {
    parseScheduleExpression(text);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
}
