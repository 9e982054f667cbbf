import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalHandle } from '../../../local/runtime/start-local.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import { capturedOutput, definitionFor, temporaryOutbox } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const stateDir = mkdtempSync(join(tmpdir(), 'dwq-first-hour-'));
let local: LocalHandle;

beforeAll(async () => {
  const config = loadConfig();
  local = await startLocal({
    config,
    definition: await definitionFor(config),
    env: { DWQ_STATE_DIR: stateDir, DWQ_WEBHOOK_SECRET: SECRET },
    port: 0,
    out: capturedOutput(),
    outboxPath: temporaryOutbox(),
    schedules: false,
    speed: 50,
    demo: true,
  });
  await local.executor.idle();
});

afterAll(() => local.close());

describe('Command: dwq --version', () => {
  it('prints the package version and the Node it runs on', async () => {
    // Act
    const result = await runCli(['--version']);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`dataworq-cloud-runner 0.1.0, Node ${process.version}\n`);
  });
});

describe('Commands: dwq jobs and dwq status, beside a running npm start', () => {
  it('reach the emulator local mode runs, with no keys to copy', async () => {
    // Act
    const jobs = await runCli(['jobs', '--json'], { env: { DWQ_STATE_DIR: stateDir } });
    const [job] = JSON.parse(jobs.stdout) as Array<{ jobId: string; executionStatus: string }>;
    const status = await runCli(['status', job?.jobId ?? 'none'], { env: { DWQ_STATE_DIR: stateDir } });

    // Assess
    expect(jobs.code).toBe(0);
    expect(job).toMatchObject({ executionStatus: 'COMPLETED' });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Status:      COMPLETED\n');
  });
});

describe('Command: dwq sign, beside a running npm start', () => {
  it('signs for the port the server took', async () => {
    // Act
    const result = await runCli(['sign', 'demo-load', '--json'], { env: { DWQ_STATE_DIR: stateDir, DWQ_WEBHOOK_SECRET: SECRET } });

    // Assess
    expect((JSON.parse(result.stdout) as { url: string }).url).toBe(`${local.url}/flows/demo-load/runs`);
  });

  it('signs a GET of a run over its method and path, which the webhook accepts', async () => {
    // Prepare
    const runId = local.demo?.runId ?? 'none';

    // Act
    const result = await runCli(['sign', 'demo-load', '--get', runId, '--json'], { env: { DWQ_STATE_DIR: stateDir, DWQ_WEBHOOK_SECRET: SECRET } });
    const call = JSON.parse(result.stdout) as { method: string; url: string; headers: Record<string, string>; body: string };
    const response = await fetch(call.url, { method: call.method, headers: call.headers });

    // Assess
    expect(call).toMatchObject({ method: 'GET', url: `${local.url}/runs/${runId}`, body: '' });
    expect(response.status).toBe(200);
  });

  it('prints a GET as a curl line without a body', async () => {
    // Act
    const result = await runCli(['sign', 'demo-load', '--get', 'demo-load--wh-0123', '--url', 'http://127.0.0.1:4000'], { env: { DWQ_WEBHOOK_SECRET: SECRET } });

    // Assess
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^curl -sS -X GET http:\/\/127\.0\.0\.1:4000\/runs\/demo-load--wh-0123 -H 'content-type: application\/json' -H 'webhook-id: msg_[0-9a-f]+' -H 'webhook-timestamp: \d+' -H 'webhook-signature: v1,\S+'$/);
  });

  it('refuses a parameter the flow would refuse, in the webhook\'s words', async () => {
    // Act
    const notAllowed = await runCli(['sign', 'demo-load', '--body', '{"parameters":{"SOURCEFILE":"x.csv"}}'], { env: { DWQ_WEBHOOK_SECRET: SECRET } });
    const wrongType = await runCli(['sign', 'demo-load', '--body', '{"parameters":{"ROWS":"many"}}'], { env: { DWQ_WEBHOOK_SECRET: SECRET } });

    // Assess
    expect(notAllowed.code).toBe(1);
    expect(notAllowed.stderr).toMatch(/^dwq: the webhook would refuse this --body: .*SOURCEFILE.*\n$/);
    expect(wrongType.stderr).toBe("dwq: the webhook would refuse this --body: parameter 'ROWS' of flow 'demo-load' must be an integer (got a string)\n");
  });
});

describe('Command: dwq emulator', () => {
  it('prints ready-to-paste export lines for generated keys', async () => {
    // Act
    const result = await runCli(['emulator', '--port', '0', '--quiet'], { stop: new Promise((resolve) => setTimeout(() => resolve('SIGINT'), 100)) });

    // Assess
    expect(result.stdout).toMatch(
      /\nPaste these into another shell for `dwq jobs` and `dwq status`:\n {2}export DATAWORQ_URL=http:\/\/127\.0\.0\.1:\d+\n {2}export DATAWORQ_API_KEY=DATAWORQ-[0-9a-f]{32}\n {2}export DATAWORQ_USER_API_KEY=[0-9a-f]{32}\n/,
    );
  });

  it('with --json, prints one JSON line on stdout and the rest on stderr', async () => {
    // Act
    const result = await runCli(['emulator', '--port', '0', '--quiet', '--json'], { stop: new Promise((resolve) => setTimeout(() => resolve('SIGINT'), 100)) });
    const answer = JSON.parse(result.stdout) as { url: string; apiKey: string; flows: Array<{ key: string }> };

    // Assess
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(answer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(answer.flows.map((flow) => flow.key)).toContain('demo-load');
    expect(result.stderr).toContain('DataWORQ emulator listening on');
  });
});
