import { beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { definitionFor, temporaryOutbox } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

beforeAll(async () => {
  // Warms the definition cache the CLI reads (DWQ_CACHE_DIR), so no test pays for a synth.
  await definitionFor(loadConfig());
});

describe('Command: dwq run', () => {
  it('runs a flow to COMPLETED with typed parameters, prints its report as JSON and exits 0', async () => {
    // Prepare
    const outbox = temporaryOutbox();

    // Act
    const result = await runCli(['run', 'demo-load', '-p', 'ROWS=42', '-p', 'TABLENAME=T_42', '--speed', '100', '--outbox', outbox, '--json']);

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ flow: 'demo-load', state: 'SUCCEEDED', outcome: 'COMPLETED', executionStatus: 'COMPLETED', exitCode: 0 });
    expect(result.stderr).toMatch(/Run demo-load--mn-[0-9a-f]{24} COMPLETED \(job [0-9a-f-]{36}\); exit code 0\n$/);
    const alerts = readOutbox(outbox);
    expect(alerts.map((alert) => alert.attributes.outcome)).toEqual(['COMPLETED']);
    expect(alerts[0]?.bodies.email).toContain('ROWS=42');
    expect(alerts[0]?.bodies.email).toContain('TABLENAME=T_42');
  });

  it('exits 2 when the job fails in DataWORQ, after printing the alert', async () => {
    // Act
    const result = await runCli(['run', 'broken-export', '--wait', '--speed', '100', '--outbox', temporaryOutbox()]);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('ALERT ERROR (critical) flow=broken-export');
    expect(result.stdout).toMatch(/Run broken-export--mn-[0-9a-f]{24} ERROR \(job [0-9a-f-]{36}\): Database:Database node_7954912 failed: ORA-12541: TNS:no listener; exit code 2\n$/);
  });

  it('exits 1 naming the parameter when a value has the wrong type', async () => {
    // Act
    const result = await runCli(['run', 'demo-load', '-p', 'ROWS=many']);

    // Assess
    expect(result).toEqual({ code: 1, stdout: '', stderr: "dwq: parameter 'ROWS' of flow 'demo-load' must be an integer (got a string)\n" });
  });

  it('exits 1 for an unknown flow or a parameter without a value', async () => {
    // Act
    const unknown = await runCli(['run', 'no-such-flow']);
    const malformed = await runCli(['run', 'demo-load', '-p', 'ROWS']);

    // Assess
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^dwq: unknown flow 'no-such-flow' \(known: demo-load, /);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("option '-p, --param <NAME=VALUE>' argument 'ROWS' is invalid. must be NAME=VALUE.");
  });

  it('exits 130 when stopped with Ctrl-C before the run ends', async () => {
    // Act
    const result = await runCli(['run', 'sleep-split', '--outbox', temporaryOutbox()], { stop: new Promise((resolve) => setTimeout(() => resolve('SIGINT'), 300)) });

    // Assess
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/Run sleep-split--mn-[0-9a-f]{24} interrupted.*; exit code 130\n$/);
  });
});
