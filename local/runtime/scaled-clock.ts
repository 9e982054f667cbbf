/**
 * A clock that runs `speed` times faster than the wall clock, from now. Local demos and tests
 * share one with the emulator, so a 2-hour max duration or a 30-minute "lost" window passes in
 * seconds while every component still agrees on what time it is.
 */
import type { Clock } from '../../shared/clock.ts';

export interface ScaledClock extends Clock {
  readonly speed: number;
  nowMs(): number;
  /** Sleeps `ms` of scaled time. */
  sleep(ms: number): Promise<void>;
}

/** Reads `startMs` (by default the wall clock) at `origin`, then runs `speed` times faster. */
export function scaledClock(speed: number, origin: number = Date.now(), startMs: number = origin): ScaledClock {
  if (!(speed > 0)) throw new RangeError(`speed must be a positive number, got ${speed}`);
  const nowMs = () => startMs + (Date.now() - origin) * speed;
  return {
    speed,
    nowMs,
    now: () => new Date(nowMs()),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / speed))),
  };
}
