import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { RecordingLauncher, throughputGoals, webhookThroughput } from '../../bench/webhook-throughput.ts';
import { loadConfig } from '../../shared/config/load.ts';

const BENCH_DIR = fileURLToPath(new URL('../../bench/', import.meta.url));

describe('Class: RecordingLauncher', () => {
  it('starts a name once and reports every repeat as already started', async () => {
    const launcher = new RecordingLauncher();
    const input = {} as never;
    expect(await launcher.start('run-a', input)).toEqual({ runId: 'run-a', alreadyStarted: false });
    expect(await launcher.start('run-a', input)).toEqual({ runId: 'run-a', alreadyStarted: true });
    expect(launcher.duplicates).toBe(1);
  });
});

describe('Function: webhookThroughput', () => {
  it('gets 202 for every signed request through the real webhook core, and spots the repeated deliveries', async () => {
    // Act: a small, bounded run against 127.0.0.1.
    const figures = await webhookThroughput(loadConfig(), { flow: 'demo-load', requests: 40, concurrency: 4, maxSecondsPerRound: 10, rounds: 1 }, BENCH_DIR);
    // Assess
    expect(figures.core[0]?.statuses).toEqual({ 202: 40 });
    expect(figures.bare[0]?.statuses).toEqual({ 202: 40 });
    expect(figures.duplicates).toBe(4);
    expect(throughputGoals(figures)[1]?.pass).toBe(true);
  });
});
