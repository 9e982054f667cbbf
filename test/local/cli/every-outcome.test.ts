import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { temporaryOutbox } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

const ALL_OUTCOMES = fileURLToPath(new URL('../../../config/demo-all-outcomes.yaml', import.meta.url));

describe('Config: config/demo-all-outcomes.yaml', () => {
  it('shows every outcome once, from the emulator flows and faults its emulator section chooses', async () => {
    // Prepare
    const outbox = temporaryOutbox();

    // Act
    const result = await runCli(['start', '--config', ALL_OUTCOMES, '--once', '--speed', '100', '--port', '0', '--no-schedules', '--outbox', outbox]);

    // Assess
    const outcomes = readOutbox(outbox).map((alert) => alert.attributes.outcome);
    expect(outcomes.sort()).toEqual(['CANCELLED', 'COMPLETED', 'ERROR', 'LOST', 'SKIPPED', 'SUBMIT_FAILED', 'TIMED_OUT']);
    // The first failed run decides --once's exit code: broken-export's ERROR.
    expect(result.code).toBe(2);
  }, 60_000);
});

describe('Command: dwq start --fault', () => {
  it('makes the emulator refuse the start, so the demo ends SUBMIT_FAILED', async () => {
    // Prepare
    const outbox = temporaryOutbox();

    // Act
    const result = await runCli(['start', '--once', '--speed', '100', '--port', '0', '--no-schedules', '--outbox', outbox, '--fault', 'execute:reject@demo-load']);

    // Assess
    expect(result.code).toBe(5);
    expect(readOutbox(outbox).map((alert) => alert.attributes.outcome)).toEqual(['SUBMIT_FAILED']);
  });

  it('refuses a fault it cannot read, saying how to write one', async () => {
    // Act
    const result = await runCli(['start', '--once', '--port', '0', '--outbox', temporaryOutbox(), '--fault', 'status=503']);

    // Assess
    expect(result).toMatchObject({
      code: 1,
      stderr: 'dwq: --fault: "status=503" is not a fault; write <call>:<fault>[x<times>][@<flow>], e.g. status:503x3@demo-load\n',
    });
  });
});
