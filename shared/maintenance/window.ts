/**
 * Maintenance windows (config `maintenance:`) and snoozes (`dwq snooze <flow> 2h`): while one is
 * open, a flow's failures are recorded but alert no one; after it, one summary says what happened.
 * A configured window is open at t when its cron fired at some f with f <= t < f + duration (the
 * same next-fire code as the schedules, so DST and time zones behave alike).
 */
import type { MaintenanceWindow } from '../model.ts';
import { fireTimesBetween } from '../schedule/next-fire.ts';

/** One opening of a window: configured (a cron fire) or a snooze. */
export interface WindowOpening {
  /** The window's name, or `snooze-<flow>` for a snooze. */
  readonly name: string;
  /** ISO 8601. */
  readonly start: string;
  /** ISO 8601, exclusive. */
  readonly end: string;
}

/** How far back the search for a window's latest fire starts, besides the window's duration. */
const LOOKBACK_MARGIN_MS = 60_000;
/** A summary is still sent this long after its window ended (by the first Notify of a covered flow). */
export const SUMMARY_LOOKBACK_MS = 7 * 86_400_000;

/**
 * The latest fire of the window's cron at or before `at`, no earlier than `at - lookbackMs`:
 * the last of the fires in (at - lookbackMs, at]. Unbounded (`max`): the last is the answer, so
 * a cap would cut the latest fires of a frequent cron off a long lookback.
 */
function lastFireAtOrBefore(window: MaintenanceWindow, at: Date, lookbackMs: number): Date | undefined {
  const after = new Date(at.getTime() - lookbackMs);
  return fireTimesBetween(window.cron, { timeZone: window.timeZone, after, until: at, max: Number.POSITIVE_INFINITY }).at(-1);
}

function openingOf(window: MaintenanceWindow, start: Date): WindowOpening {
  return { name: window.name, start: start.toISOString(), end: new Date(start.getTime() + window.durationSeconds * 1000).toISOString() };
}

/** The latest opening of `window` that started at or before `at`, if it started within one duration of it. */
export function latestOpening(window: MaintenanceWindow, at: Date): WindowOpening | undefined {
  const start = lastFireAtOrBefore(window, at, window.durationSeconds * 1000 + LOOKBACK_MARGIN_MS);
  return start === undefined ? undefined : openingOf(window, start);
}

/** The opening of `window` that covers `at` (start <= at < end), if any. */
export function openingAt(window: MaintenanceWindow, at: Date): WindowOpening | undefined {
  const opening = latestOpening(window, at);
  return opening !== undefined && Date.parse(opening.end) > at.getTime() ? opening : undefined;
}

/** The latest opening of each window that ended at or before `at` (within SUMMARY_LOOKBACK_MS): summaries may be due. */
export function endedOpenings(windows: readonly MaintenanceWindow[], at: Date): WindowOpening[] {
  return windows.flatMap((window) => {
    const startedBy = new Date(at.getTime() - window.durationSeconds * 1000);
    const start = lastFireAtOrBefore(window, startedBy, SUMMARY_LOOKBACK_MS);
    return start === undefined ? [] : [openingOf(window, start)];
  });
}
