import { describe, expect, it } from 'vitest';
import { pollingChartSvg } from '../../bench/chart.ts';
import { allowedLagSeconds, groupStats, pollGoals, strategyStats } from '../../bench/poll-efficiency.ts';
import type { PollOutcome } from '../../shared/cost/run-simulation.ts';
import { textTable } from '../../bench/report.ts';

function outcome(runtimeSeconds: number, statusCalls: number, lagSeconds: number): PollOutcome {
  return { runtimeSeconds, statusCalls, listCalls: 0, totalCalls: statusCalls + 2, checkInvocations: statusCalls, checkSeconds: statusCalls * 0.3, lagSeconds, runOutcome: 'COMPLETED' };
}

/** Jobs of 1 min and 2 h, followed with these calls and lags. */
function runs(shortCalls: number, shortLag: number, longCalls: number, longLag: number): PollOutcome[] {
  return [...Array.from({ length: 20 }, () => outcome(60, shortCalls, shortLag)), ...Array.from({ length: 20 }, () => outcome(7200, longCalls, longLag))];
}

describe('Function: allowedLagSeconds', () => {
  it('allows 5 s for short jobs and a tenth of the runtime for long ones', () => {
    expect(allowedLagSeconds(10)).toBe(5);
    expect(allowedLagSeconds(7200)).toBe(720);
  });
});

describe('Function: groupStats', () => {
  it('reports the share of the lag bound used at the 95th percentile', () => {
    const stats = groupStats('all', 0, Number.POSITIVE_INFINITY, [outcome(50, 3, 2.5), outcome(50, 5, 10)]);
    expect(stats.jobs).toBe(2);
    expect(stats.callsMean).toBe(4);
    expect(stats.lagBoundRatioP95).toBe(2);
  });
});

describe('Function: pollGoals', () => {
  it('passes a strategy with under a twelfth of the long-job calls, a tenth of the short-job lag and a quarter of all calls', () => {
    // Prepare
    const baseline = strategyStats('fixed-60s', runs(1, 30, 120, 30), 28_800);
    const ours = strategyStats('ours-with-history', runs(9, 3, 9, 300), 28_800);
    // Act
    const goals = pollGoals(ours, baseline);
    // Assess
    expect(goals.map((check) => check.pass)).toEqual([true, true, true, true]);
  });

  it('fails each goal a strategy misses: half the calls, a quarter of the lag, too many calls in all, a bin over its bound', () => {
    const baseline = strategyStats('fixed-60s', runs(1, 30, 120, 30), 28_800);
    const ours = strategyStats('ours-age-only', runs(12, 7.2, 60, 300), 28_800);
    const [calls, lag, total, bound] = pollGoals(ours, baseline);
    expect(calls?.pass).toBe(false);
    expect(lag?.pass).toBe(false);
    expect(total?.pass).toBe(false);
    expect(bound?.pass).toBe(false);
    expect(bound?.actual).toMatch(/1\.20× the bound/);
  });
});

describe('Function: pollingChartSvg', () => {
  it('draws one line per strategy in each panel, the lag goal, and a legend', () => {
    // Prepare
    const stats = [strategyStats('fixed-60s', runs(1, 30, 120, 30), 28_800), strategyStats('ours-with-history', runs(12, 3, 12, 300), 28_800)];
    // Act
    const svg = pollingChartSvg(stats, 'calls & lag <by duration>');
    // Assess
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(2 * 2 + 1);
    expect(svg).toContain('fixed 60 s poller (AWS sample)');
    expect(svg).toContain('ours, with DataWORQ history');
    expect(svg).toContain('calls &amp; lag &lt;by duration&gt;');
  });
});

describe('Function: textTable', () => {
  it('aligns text left and numbers right under a rule', () => {
    expect(textTable(['name', 'n'], [['a', '1'], ['bbb', '100']])).toBe('name    n\n----  ---\na       1\nbbb   100');
  });
});
