import { DateTime } from 'luxon';
import { ValidationError } from '../errors.ts';
import { matchingDays } from './cron-days.ts';
import { parseScheduleExpression } from './expression.ts';
import { isValidTimeZone } from './time-zone.ts';
import type { CronFields, LocalDateTime, ScheduleExpression } from './types.ts';

export interface NextFireOptions {
  /** IANA zone the expression is evaluated in (EventBridge's ScheduleExpressionTimezone). */
  readonly timeZone: string;
  /** Results are strictly after this instant. */
  readonly from: Date;
  /** At most this many results. */
  readonly count: number;
  /** Nothing fires before it (inclusive); a rate schedule's first fire is at it. Ignored by at(). */
  readonly startDate?: Date;
  /** Nothing fires at or after it (EventBridge: "before which the schedule can invoke"). Ignored by at(). */
  readonly endDate?: Date;
}

type LocalMinute = Omit<LocalDateTime, 'second'>;

/**
 * The instant a wall-clock time names in `zone`, or undefined when the clocks skip it
 * (spring-forward). A time the clocks repeat (fall-back) maps to its first occurrence only:
 * EventBridge Scheduler "runs only once and does not repeat its invocation".
 */
function firstInstantOf(local: LocalDateTime, zone: string): number | undefined {
  const candidate = DateTime.fromObject(local, { zone });
  const exists = candidate.year === local.year && candidate.month === local.month && candidate.day === local.day
    && candidate.hour === local.hour && candidate.minute === local.minute;
  if (!exists) return undefined;
  return Math.min(...candidate.getPossibleOffsets().map((possible) => possible.toMillis()));
}

function localMinuteOf(instant: number, zone: string): LocalMinute {
  const local = DateTime.fromMillis(instant, { zone });
  return { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute };
}

/**
 * Wall-clock minutes the cron matches, ascending, from `start` on. Skips whole years, months and
 * days by field, so an expression that never fires (cron(0 0 30 2 ? *)) ends after 2199 in
 * at most 230 × 12 month checks.
 */
function* cronMinutesFrom(fields: CronFields, start: LocalMinute): Generator<LocalMinute> {
  for (const year of fields.years) {
    if (year < start.year) continue;
    for (const month of fields.months) {
      const sameMonth = year === start.year && month === start.month;
      if (year === start.year && month < start.month) continue;
      for (const day of matchingDays(fields, year, month)) {
        if (sameMonth && day < start.day) continue;
        const sameDay = sameMonth && day === start.day;
        for (const hour of fields.hours) {
          if (sameDay && hour < start.hour) continue;
          const sameHour = sameDay && hour === start.hour;
          for (const minute of fields.minutes) {
            if (sameHour && minute < start.minute) continue;
            yield { year, month, day, hour, minute };
          }
        }
      }
    }
  }
}

function cronFireTimes(fields: CronFields, options: NextFireOptions): Date[] {
  const after = options.from.getTime();
  const notBefore = Math.max(after, options.startDate?.getTime() ?? after);
  const before = options.endDate?.getTime() ?? Number.POSITIVE_INFINITY;
  const fires: Date[] = [];
  // First occurrences keep wall-clock order, so the first candidate past endDate ends the search.
  for (const local of cronMinutesFrom(fields, localMinuteOf(notBefore, options.timeZone))) {
    const instant = firstInstantOf({ ...local, second: 0 }, options.timeZone);
    if (instant === undefined || instant <= after || instant < notBefore) continue;
    if (instant >= before) break;
    fires.push(new Date(instant));
    if (fires.length === options.count) break;
  }
  return fires;
}

/** Every `intervalMs` from startDate (or from `from` when the schedule has none). */
function rateFireTimes(intervalMs: number, options: NextFireOptions): Date[] {
  const after = options.from.getTime();
  const anchor = options.startDate?.getTime() ?? after;
  const before = options.endDate?.getTime() ?? Number.POSITIVE_INFINITY;
  let next = after < anchor ? anchor : anchor + (Math.floor((after - anchor) / intervalMs) + 1) * intervalMs;
  const fires: Date[] = [];
  while (fires.length < options.count && next < before) {
    fires.push(new Date(next));
    next += intervalMs;
  }
  return fires;
}

/** One fire; EventBridge "ignores the StartDate and EndDate" of a one-time schedule. */
function atFireTimes(local: LocalDateTime, options: NextFireOptions): Date[] {
  // A time inside a spring-forward gap has no instant; like luxon (and Temporal's "compatible"),
  // move it forward by the gap so a one-time schedule is never lost. AWS does not document this.
  const instant = firstInstantOf(local, options.timeZone)
    ?? DateTime.fromObject(local, { zone: options.timeZone }).toMillis();
  return instant > options.from.getTime() ? [new Date(instant)] : [];
}

function checkOptions(options: NextFireOptions): void {
  if (!isValidTimeZone(options.timeZone)) {
    throw new ValidationError(`timeZone: ${options.timeZone} is not an IANA time zone name (for example Europe/London)`);
  }
  for (const key of ['from', 'startDate', 'endDate'] as const) {
    const value = options[key];
    if (key !== 'from' && value === undefined) continue;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new ValidationError(`${key}: must be a valid Date`);
    }
  }
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new ValidationError(`count: ${options.count} must be a non-negative integer`);
  }
}

/**
 * The next fire times of an EventBridge Scheduler expression evaluated in `timeZone`, strictly
 * after `from`, at most `count`, within startDate/endDate. DST follows EventBridge Scheduler: a
 * cron time the clocks skip does not fire that day; a time the clocks repeat fires once.
 */
export function nextFireTimes(expression: string | ScheduleExpression, options: NextFireOptions): Date[] {
  checkOptions(options);
  const parsed = typeof expression === 'string' ? parseScheduleExpression(expression) : expression;
  if (options.count === 0) return [];
  switch (parsed.kind) {
    case 'cron':
      return cronFireTimes(parsed.fields, options);
    case 'rate':
      return rateFireTimes(parsed.intervalMs, options);
    case 'at':
      return atFireTimes(parsed.local, options);
  }
}

export interface FiresBetweenOptions extends Omit<NextFireOptions, 'from' | 'count'> {
  /** Fires strictly after this instant... */
  readonly after: Date;
  /** ...and at or before this one. */
  readonly until: Date;
  /** A bound on the answer, so a wide window of a rate(1 minute) schedule stays small. Default 1,000. */
  readonly max?: number;
}

const FIRES_BETWEEN_DEFAULT_MAX = 1000;
const FIRES_BETWEEN_BATCH = 100;

/**
 * Every fire in (after, until], ascending, with nextFireTimes' semantics (DST included): the
 * watchdog's question "which fires should have happened since I last looked?".
 */
export function fireTimesBetween(expression: string | ScheduleExpression, options: FiresBetweenOptions): Date[] {
  const { after, until, max = FIRES_BETWEEN_DEFAULT_MAX, ...rest } = options;
  const parsed = typeof expression === 'string' ? parseScheduleExpression(expression) : expression;
  const fires: Date[] = [];
  let from = after;
  while (fires.length < max && from.getTime() < until.getTime()) {
    const batch = nextFireTimes(parsed, { ...rest, from, count: Math.min(FIRES_BETWEEN_BATCH, max - fires.length) });
    for (const fire of batch) {
      if (fire.getTime() > until.getTime()) return fires;
      fires.push(fire);
    }
    const last = batch.at(-1);
    if (last === undefined || batch.length < FIRES_BETWEEN_BATCH || parsed.kind === 'at') break;
    from = last;
  }
  return fires;
}
