import { describe, expect, it } from 'vitest';
import type { SimulatedJob } from '../../bench/job-mix.ts';
import { simulateFixed, simulateOurs } from '../../bench/poll-sim.ts';
import { POLLING } from '../../shared/run/polling.ts';

function job(runtimeSeconds: number, overrides: Partial<SimulatedJob> = {}): SimulatedJob {
  return { usualSeconds: runtimeSeconds, runtimeSeconds, outcome: 'COMPLETED', historySeconds: Array.from({ length: 10 }, () => runtimeSeconds), ...overrides };
}

describe('Function: simulateOurs', () => {
  it('sees a 10-second job end within 5 seconds, through the real Submit and Check code', async () => {
    // Act
    const run = await simulateOurs(job(10), false);
    // Assess
    expect(run.runOutcome).toBe('COMPLETED');
    expect(run.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(run.lagSeconds).toBeLessThanOrEqual(5);
    expect(run.statusCalls).toBeGreaterThanOrEqual(Math.floor(10 / POLLING.minSeconds));
  });

  it('follows an 8-hour job of a known flow with a fraction of the fixed poller\'s calls, within 10% lag', async () => {
    // Act
    const ours = await simulateOurs(job(8 * 3600), true);
    const fixed = await simulateFixed(job(8 * 3600));
    // Assess
    expect(ours.statusCalls + ours.listCalls).toBeLessThan(fixed.statusCalls / 10);
    expect(ours.lagSeconds).toBeLessThanOrEqual(0.1 * 8 * 3600);
  });

  it('reads the history once per run and learns nothing from an empty one', async () => {
    const learned = await simulateOurs(job(3600), true);
    const ageOnly = await simulateOurs(job(3600), false);
    expect(learned.listCalls).toBe(1);
    expect(ageOnly.listCalls).toBe(1);
    expect(learned.statusCalls).toBeLessThan(ageOnly.statusCalls);
  });

  it('reports an early ERROR of a long flow with the run\'s own outcome', async () => {
    const run = await simulateOurs(job(600, { usualSeconds: 7200, outcome: 'ERROR' }), true);
    expect(run.runOutcome).toBe('ERROR');
    expect(run.lagSeconds).toBeLessThanOrEqual(POLLING.maxSeconds);
  });
});

describe('Function: simulateFixed', () => {
  it('checks every 60 seconds, so a 10-second job waits most of a minute to be seen', async () => {
    const run = await simulateFixed(job(10));
    expect(run.statusCalls).toBe(1);
    expect(run.lagSeconds).toBeGreaterThan(45);
    expect(run.lagSeconds).toBeLessThan(60);
  });
});
