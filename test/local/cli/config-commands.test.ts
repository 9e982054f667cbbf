import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_PATH } from '../../../shared/config/load.ts';
import { configFile, demoLoadConfigFile, runCli } from './support/cli-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('Command: dwq schedules', () => {
  it('lists every configured schedule in its zone with its next fire times', async () => {
    // Prepare
    const path = demoLoadConfigFile(`    schedules:
      - name: nightly
        expression: cron(0 2 * * ? *)
        timeZone: Europe/London
        description: Full load every night at 02:00 London time
  sleep-split:
    flowId: f21bf040-c22b-454e-8561-2115e90aaa55
    schedules:
      - { name: every-quarter-hour, expression: rate(15 minutes), timeZone: Europe/London }
`);

    // Act
    const result = await runCli(['schedules', '--config', path, '--from', '2026-03-28T12:00:00Z', '--count', '2']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 6)).toEqual([
      'demo-load/nightly  cron(0 2 * * ? *)  Europe/London  (at 02:00 every day): Full load every night at 02:00 London time',
      '  2026-03-29T02:00:00+01:00  Sun 2026-03-29 02:00 Europe/London  (your time: Sun 2026-03-29 01:00 UTC)',
      '  2026-03-30T02:00:00+01:00  Mon 2026-03-30 02:00 Europe/London  (your time: Mon 2026-03-30 01:00 UTC)',
      'sleep-split/every-quarter-hour  rate(15 minutes)  Europe/London  (every 15 minutes)',
      '  2026-03-28T12:15:00+00:00  Sat 2026-03-28 12:15 Europe/London  (your time: Sat 2026-03-28 12:15 UTC)',
      '  2026-03-28T12:30:00+00:00  Sat 2026-03-28 12:30 Europe/London  (your time: Sat 2026-03-28 12:30 UTC)',
    ]);
  });

  it('shows a disabled schedule as not firing, also in JSON', async () => {
    // Prepare
    const path = configFile(`
flows:
  paused-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    schedules:
      - { name: nightly, expression: "cron(0 2 * * ? *)", timeZone: UTC, enabled: false }
`);

    // Act
    const text = await runCli(['schedules', '--config', path]);
    const json = await runCli(['schedules', '--config', path, '--json']);

    // Assess
    expect(text.stdout).toBe('paused-load/nightly  cron(0 2 * * ? *)  UTC  (at 02:00 every day)\n  disabled: does not fire\n');
    expect(JSON.parse(json.stdout)).toMatchObject([{ flow: 'paused-load', schedule: 'nightly', enabled: false, next: [] }]);
  });
});

describe('Command: dwq validate', () => {
  it('prints OK and a summary for a valid config', async () => {
    // Prepare
    const path = demoLoadConfigFile(`    webhook: { auth: [signature] }
    schedules: [{ name: nightly, expression: "cron(0 2 * * ? *)" }]
  sleep-split: { flowId: f21bf040-c22b-454e-8561-2115e90aaa55 }
subscribers:
  - { name: ops, email: ops@example.com }
`);

    // Act
    const result = await runCli(['validate', path]);

    // Assess
    expect(result).toEqual({ code: 0, stderr: '', stdout: `OK ${path}: 2 flows (demo-load, sleep-split), 1 webhook, 1 schedule, 1 subscriber\n` });
  });

  it('validates the shipped config when no file is named', async () => {
    // Act
    const result = await runCli(['validate']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^OK ${DEFAULT_CONFIG_PATH}: \\d+ flows`));
  });

  it('prints every problem with its path and exits 1', async () => {
    // Prepare
    const path = demoLoadConfigFile(`    parameters:
      ROWS: { type: boolean }
    schedules:
      - { name: nightly, expression: "cron(0 2 * * * *)" }
`);

    // Act
    const result = await runCli(['validate', path]);
    const json = await runCli(['validate', path, '--json']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${path} is not a valid DataWORQ config (2 problems):`);
    expect(result.stderr).toContain("  - flows.demo-load.parameters.ROWS.type: must be one of string, integer, float (got 'boolean')");
    expect(result.stderr).toContain('  - flows.demo-load.schedules[0].expression: ');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, file: path, issues: [expect.any(String), expect.any(String)] });
  });

  it('exits 1 naming the CloudFormation limit, the number and the fix when a valid config would not deploy', async () => {
    // Prepare
    const flows = Array.from({ length: 200 }, (_, i) => `  f${i}: { flowId: 2932ca30-8871-48b1-8e9b-${String(i).padStart(12, '0')}, webhook: { auth: [signature, bearer] } }`);
    const path = configFile(`flows:\n${flows.join('\n')}\n`);

    // Act
    const result = await runCli(['validate', path]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path} would not deploy: it passes 2 limits:`);
    expect(result.stderr).toContain('  - CloudFormation allows 500 resources per stack: 400 webhook secrets bring the main stack to about 540; 200 flows have credentials of their own (webhook.auth): give them shared named callers instead');
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('exits 1 naming a file that cannot be read', async () => {
    // Act
    const result = await runCli(['validate', '/nonexistent/dataworq.yaml']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/nonexistent/dataworq.yaml is not a valid DataWORQ config (1 problem):\n  - (file): cannot read the config file (ENOENT)');
  });
});

describe('Command: dwq sign', () => {
  it('prints headers a Standard Webhooks receiver accepts, and a curl line', async () => {
    // Act
    const result = await runCli(['sign', 'demo-load', '--body', '{"parameters":{"ROWS":500}}', '--json'], { env: { DWQ_WEBHOOK_SECRET: SECRET, PORT: '3100' } });
    const text = await runCli(['sign', 'demo-load', '--secret', SECRET, '--id', 'msg_fixed', '--url', 'http://127.0.0.1:4000/']);

    // Assess
    expect(result.code).toBe(0);
    const call = JSON.parse(result.stdout) as { url: string; headers: Record<string, string>; body: string };
    expect(call.url).toBe('http://localhost:3100/flows/demo-load/runs');
    expect(new Webhook(SECRET).verify(call.body, call.headers)).toEqual({ parameters: { ROWS: 500 } });
    expect(text.stdout).toMatch(/^content-type: application\/json\nwebhook-id: msg_fixed\nwebhook-timestamp: \d+\nwebhook-signature: v1,\S+\n\ncurl -sS -X POST http:\/\/127\.0\.0\.1:4000\/flows\/demo-load\/runs /);
  });

  it('exits 1 when no secret is given, without guessing one', async () => {
    // Act
    const result = await runCli(['sign', 'demo-load']);

    // Assess
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'dwq: no signing secret: set DWQ_WEBHOOK_SECRET (the one `dwq start` printed) or pass --secret\n' });
  });

  it('exits 1 for a flow without a webhook, or one that takes only a bearer token', async () => {
    // Prepare
    const path = configFile(`
flows:
  token-load: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68, webhook: { auth: [bearer] } }
  internal: { flowId: f21bf040-c22b-454e-8561-2115e90aaa55 }
`);
    const env = { DWQ_WEBHOOK_SECRET: SECRET };

    // Act
    const results = await Promise.all([
      runCli(['sign', 'internal', '--config', path], { env }),
      runCli(['sign', 'token-load', '--config', path], { env }),
    ]);

    // Assess
    expect(results.map((result) => [result.code, result.stderr])).toEqual([
      [1, `dwq: flow 'internal' has no webhook in ${path} (flows with one: token-load)\n`],
      [1, "dwq: flow 'token-load' takes a bearer token, not a signature (webhook.auth: bearer)\n"],
    ]);
  });

  it('exits 1 for a body that is not JSON', async () => {
    // Act
    const result = await runCli(['sign', 'demo-load', '--body', '{oops'], { env: { DWQ_WEBHOOK_SECRET: SECRET } });

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('dwq: --body is not JSON; the webhook accepts a JSON object such as {"parameters":{"ROWS":500}}\n');
  });
});
