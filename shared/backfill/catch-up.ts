/**
 * Catch-up: which fires the watchdog found MISSED are started late, per the schedule's
 * `catchUp` (none, latest or all) inside its `catchUpWindow`. The watchdog starts each one
 * exactly as a backfill does (fire-run.ts, startFireRun): its own logical time, the scheduled
 * delivery's claim, so a delivery that turns up after all still runs no second job.
 */
import { CATCH_UP, type CatchUpPolicy } from './constants.ts';

export interface CatchUpSchedule {
  readonly catchUp?: CatchUpPolicy;
  readonly catchUpWindowSeconds?: number;
}

/**
 * The missed fires to start, oldest first: none for `none`; for `latest` only the most recent
 * inside the window; for `all` every one inside it. A fire is inside when it is at most the
 * window before `now` (and not after `now`: a fire still to come is not missed).
 */
export function catchUpFires(schedule: CatchUpSchedule, missedFires: readonly Date[], now: Date): Date[] {
  const policy = schedule.catchUp ?? CATCH_UP.defaultPolicy;
  if (policy === 'none') return [];
  const windowMs = (schedule.catchUpWindowSeconds ?? CATCH_UP.defaultWindowSeconds) * 1000;
  const inside = [...new Set(missedFires.map((fire) => fire.getTime()))]
    .filter((time) => time <= now.getTime() && now.getTime() - time <= windowMs)
    .sort((a, b) => a - b)
    .map((time) => new Date(time));
  return policy === 'latest' ? inside.slice(-1) : inside;
}
