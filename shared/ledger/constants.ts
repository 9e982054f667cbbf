/** The run ledger's defaults: one home for each (config, adapter and API read them from here). */
export const RUN_LEDGER = {
  /** `runs.keepFor` when the config does not say: records expire 90 days after submit (TTL). */
  defaultKeepFor: '90d',
  defaultKeepForSeconds: 90 * 86_400,
  /** GET /runs `limit`: 1..100, default 20. */
  maxListLimit: 100,
  defaultListLimit: 20,
  /** Index pages one `list` call reads at most before answering with a cursor (bounds a selective filter). */
  maxPagesPerList: 5,
  /** Timeline entries kept per run: the first ones, then the latest in the last slot. */
  maxTimelineEntries: 50,
} as const;
