/** Every default of backfills and catch-up, in one place. */
export const BACKFILL = {
  /** Runs at a time when the caller does not say. */
  defaultMaxConcurrent: 1,
  /** The most runs one --max-concurrent may ask for. */
  maxConcurrent: 20,
  /** The most fires one backfill starts: a wider range is almost always a typo in a date. */
  maxFires: 1000,
  /** How often a started run's record is read while waiting for its end. */
  pollMs: 5_000,
} as const;

export const CATCH_UP_POLICIES = ['none', 'latest', 'all'] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];

export const CATCH_UP = {
  defaultPolicy: 'none' as CatchUpPolicy,
  /** 24 hours: Scheduler itself gives up retrying a delivery after that. */
  defaultWindowSeconds: 86_400,
} as const;
