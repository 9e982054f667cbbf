/** The clock port: production uses the wall clock, tests and local mode may inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
