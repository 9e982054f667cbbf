import { describe, expect, it } from 'vitest';
import { DEFAULT_MIX, jobMix } from '../../bench/job-mix.ts';
import { logBins, mean, median, percentile } from '../../bench/stats.ts';

describe('Function: percentile', () => {
  it('takes the nearest rank, so the p95 of 1..100 is 95 and the median of 1..4 is 2', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 100)).toBe(100);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(mean([1, 2, 3])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('Function: logBins', () => {
  it('splits 10 s – 8 h into equal steps on a log scale that meet end to end', () => {
    const bins = logBins(10, 28_800, 10);
    expect(bins).toHaveLength(10);
    expect(bins[0]!.low).toBe(10);
    expect(bins.at(-1)!.high).toBeCloseTo(28_800, 6);
    bins.slice(1).forEach((bin, index) => expect(bin.low).toBeCloseTo(bins[index]!.high, 9));
  });
});

describe('Function: jobMix', () => {
  it('draws the same mix for the same seed, within 10 s – 8 h, with a few early failures', () => {
    // Act
    const first = jobMix({ ...DEFAULT_MIX, jobs: 2_000 });
    const again = jobMix({ ...DEFAULT_MIX, jobs: 2_000 });
    // Assess
    expect(again).toEqual(first);
    for (const job of first) {
      expect(job.runtimeSeconds).toBeGreaterThanOrEqual(DEFAULT_MIX.shortestSeconds);
      expect(job.runtimeSeconds).toBeLessThanOrEqual(DEFAULT_MIX.longestSeconds);
      expect(job.historySeconds).toHaveLength(DEFAULT_MIX.historyRuns);
    }
    const failures = first.filter((job) => job.outcome === 'ERROR').length / first.length;
    expect(failures).toBeGreaterThan(0.01);
    expect(failures).toBeLessThan(0.06);
  });

  it('spreads durations evenly on a log scale: about as many jobs under a minute as over an hour', () => {
    const jobs = jobMix();
    const underMinute = jobs.filter((job) => job.usualSeconds < 60).length;
    const overHour = jobs.filter((job) => job.usualSeconds > 3600).length;
    // ln(6) vs ln(8) of the log range.
    expect(underMinute / overHour).toBeGreaterThan(0.7);
    expect(underMinute / overHour).toBeLessThan(1.1);
  });
});
