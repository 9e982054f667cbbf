/**
 * A backfill's range and the fires in it. `--from` and `--to` are read in the schedule's zone:
 * a date is a whole day (from its first minute; `--to` through its last), a time is that instant.
 * The fires are the schedule's own (nextFireTimes, the code behind the schedule and `dwq next`),
 * so a time the clocks skip on a DST day is skipped here too, as EventBridge skips it.
 */
import { DateTime } from 'luxon';
import type { ScheduleConfig } from '../config/schema.ts';
import { ValidationError } from '../errors.ts';
import { nextFireTimes } from '../schedule/next-fire.ts';
import { BACKFILL } from './constants.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface BackfillRange {
  /** Inclusive. */
  readonly from: Date;
  /** Exclusive. */
  readonly until: Date;
}

/** The range `--from`..`--to` names in `timeZone`; throws ValidationError naming the option. */
export function backfillRange(fromText: string, toText: string, timeZone: string): BackfillRange {
  const from = readTime('--from', fromText, timeZone).toMillis();
  const to = readTime('--to', toText, timeZone);
  // A date ends with its day; a time is included itself.
  const until = DATE_ONLY.test(toText.trim()) ? to.plus({ days: 1 }).toMillis() : to.toMillis() + 1;
  if (until <= from) throw new ValidationError(`--to ${toText} is before --from ${fromText}: give the earlier date first`);
  return { from: new Date(from), until: new Date(until) };
}

function readTime(option: string, text: string, timeZone: string): DateTime {
  const parsed = DateTime.fromISO(text.trim(), { zone: timeZone });
  if (!parsed.isValid) {
    throw new ValidationError(`${option} ${text} is not a date or time: write 2026-03-27, or 2026-03-27T06:00 (in ${timeZone}), or with an offset`);
  }
  return parsed;
}

/**
 * The schedule's fires in the range, oldest first, within its own startDate/endDate and not
 * after `now` (a fire still to come is the schedule's to run). Throws ValidationError past
 * BACKFILL.maxFires.
 */
export function firesInRange(schedule: ScheduleConfig, range: BackfillRange, now: Date): Date[] {
  const ownEnd = schedule.endDate === undefined ? Number.POSITIVE_INFINITY : Date.parse(schedule.endDate);
  const end = Math.min(range.until.getTime(), now.getTime() + 1, ownEnd);
  const fires = nextFireTimes(schedule.expression, {
    timeZone: schedule.timeZone,
    // nextFireTimes is strictly after `from`; the range includes its first instant.
    from: new Date(range.from.getTime() - 1),
    count: BACKFILL.maxFires + 1,
    // A rate schedule without a startDate counts from when it was created, which only AWS knows: from the range's start.
    startDate: new Date(schedule.startDate ?? range.from),
    endDate: new Date(Math.max(end, range.from.getTime())),
  });
  if (fires.length > BACKFILL.maxFires) {
    throw new ValidationError(`the range holds more than ${BACKFILL.maxFires} fires of schedule ${schedule.name}: backfill a shorter range at a time`);
  }
  return fires;
}
