/** The few statistics the bench reports. */

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Nearest-rank percentile (p in 0..100): the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Edges of `count` equal bins on a log scale from low to high. */
export function logBins(low: number, high: number, count: number): Array<{ readonly low: number; readonly high: number }> {
  const ratio = (high / low) ** (1 / count);
  return Array.from({ length: count }, (_, index) => ({ low: low * ratio ** index, high: low * ratio ** (index + 1) }));
}
