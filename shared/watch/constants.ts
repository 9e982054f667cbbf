/** The watchdog's defaults: one home for each (config, core, adapters and constructs read them here). */
export const WATCH = {
  /** How often the watchdog runs: the Scheduler rate in AWS, the scaled-time cadence in local mode. */
  intervalMinutes: 5,
  /** A schedule's `startGrace` when the config does not say. */
  defaultStartGraceSeconds: 600,
  /** The window never reaches further back than this, however long the watchdog was away. */
  maxLookbackMs: 24 * 3_600_000,
  /** Windows overlap by this much, so a fire at a window's edge is never skipped (the memory dedupes). */
  overlapMs: 5 * 60_000,
  /** `late.after: auto` = this × the longest of the last `historyRuns` completed runs... */
  autoLateFactor: 1.5,
  /** ...once there are at least this many (also the minimum for SUSPICIOUS's ratio). */
  minHistoryRuns: 3,
  historyRuns: 10,
  /** Records read per flow and watch: the running ones and the recent history. */
  recordsPerFlow: 100,
  /** What was reported is remembered this long (TTL), far past the lookback. */
  memoryTtlSeconds: 14 * 86_400,
  /** The alarm: no invocation for this long. */
  silentAfterMinutes: 15,
} as const;

export const WATCH_KEY_PREFIX = 'watch#';
