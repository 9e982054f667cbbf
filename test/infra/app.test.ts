import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const APP = fileURLToPath(new URL('../../infra/app.ts', import.meta.url));

describe('Module: infra/app.ts (what `cdk synth` runs)', () => {
  it('prints a bad config\'s messages without a stack trace, and exits 1', () => {
    // Prepare
    const config = join(mkdtempSync(join(tmpdir(), 'dwq-app-')), 'bad.yaml');
    writeFileSync(config, 'flows:\n  demo-load:\n    maxDuration: 1h\n');

    // Act
    const result = spawnSync(process.execPath, [APP], { env: { ...process.env, DWQ_CONFIG: config, CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'dwq-out-')) }, encoding: 'utf8' });

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${config} is not a valid DataWORQ config (1 problem):\n  - flows.demo-load.flowId: is missing: add the flow id DataWORQ shows, a UUID such as 2932ca30-8871-48b1-8e9b-90b744020b68\n`,
    );
  });
});
