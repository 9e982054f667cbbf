import { beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { definitionFor, temporaryOutbox } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

beforeAll(async () => {
  await definitionFor(loadConfig());
});

describe('Command: dwq run --schedule', () => {
  it("runs with the schedule's parameter values, which -p still overrides", async () => {
    // Prepare
    const nightly = temporaryOutbox();
    const overridden = temporaryOutbox();

    // Act
    const asScheduled = await runCli(['run', 'demo-load', '--schedule', 'nightly', '--speed', '100', '--outbox', nightly]);
    const withOverride = await runCli(['run', 'demo-load', '--schedule', 'nightly', '-p', 'ROWS=7', '--speed', '100', '--outbox', overridden]);

    // Assess
    expect([asScheduled.code, withOverride.code]).toEqual([0, 0]);
    expect(readOutbox(nightly)[0]?.bodies.email).toContain('\n  ROWS=5000\n');
    expect(readOutbox(overridden)[0]?.bodies.email).toContain('\n  ROWS=7\n');
  });

  it('names the flow\'s schedules for an unknown one', async () => {
    // Act
    const result = await runCli(['run', 'demo-load', '--schedule', 'weekly']);

    // Assess
    expect(result).toEqual({ code: 1, stdout: '', stderr: "dwq: flow 'demo-load' has no schedule 'weekly' (its schedules: nightly)\n" });
  });

  it('says a fraction for an integer parameter is the number it is', async () => {
    // Act
    const result = await runCli(['run', 'demo-load', '-p', 'ROWS=1.5']);

    // Assess
    expect(result).toEqual({ code: 1, stdout: '', stderr: "dwq: parameter 'ROWS' of flow 'demo-load' must be an integer (got the number 1.5)\n" });
  });
});
