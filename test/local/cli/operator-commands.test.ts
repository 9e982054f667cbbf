/** The operator commands against a running local dwq start: show, rerun refusal, pause/resume details, --local, bad targets. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalHandle } from '../../../local/runtime/start-local.ts';
import { serveOperator } from '../../../local/runtime/operator-endpoint.ts';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../../shared/config/load.ts';
import { capturedOutput, definitionFor, temporaryOutbox, waitFor } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

const config = loadConfig();
const runtimeFile = join(mkdtempSync(join(tmpdir(), 'dwq-runtime-')), 'runtime.json');
const env = { DWQ_RUNTIME_FILE: runtimeFile, DWQ_POLL_INTERVAL_MS: '50' };
let local: LocalHandle;

beforeAll(async () => {
  // Real time: a sleep-split run lasts 15 s, long enough to be caught running.
  local = await startLocal({ configPath: DEFAULT_CONFIG_PATH, definition: await definitionFor(config), port: 0, speed: 1, tty: false, out: capturedOutput(), outboxPath: temporaryOutbox(), schedules: false, env: {}, runtimeFile });
});

afterAll(async () => {
  await local.close();
});

describe('dwq operator commands (local)', () => {
  it('refuses to re-run a run still going unless --force, and show tells where it is', async () => {
    // Prepare
    const triggered = await runCli(['trigger', 'sleep-split', '--json'], { env });
    const runId = JSON.parse(triggered.stdout).runId as string;
    await waitFor(() => (local.executor.get(runId)?.latest?.jobId ? true : undefined));

    // Act
    const refused = await runCli(['rerun', runId], { env });
    const forced = await runCli(['rerun', runId, '--force', '--json'], { env });
    const shown = await runCli(['show', runId], { env });
    const json = await runCli(['show', runId, '--json'], { env });

    // Assess
    expect(triggered.code).toBe(0);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/still running .* with --force/);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ rerunOf: runId, alreadyStarted: false });
    expect(shown.stdout).toMatch(new RegExp(`^Run ${runId}  flow sleep-split  RUNNING`));
    expect(shown.stdout).toMatch(/triggered by cli:\S+\n.*submitted to DataWORQ: job /);
    expect(JSON.parse(json.stdout)).toMatchObject({ record: { runId, state: 'RUNNING' }, timeline: expect.arrayContaining([expect.objectContaining({ kind: 'submitted' })]) });
  });

  it('follows a run to its end with show --follow and exits by its outcome', async () => {
    // Prepare
    const triggered = await runCli(['trigger', 'broken-export', '--json'], { env });
    const runId = JSON.parse(triggered.stdout).runId as string;

    // Act
    const followed = await runCli(['show', runId, '--follow'], { env });

    // Assess
    expect(followed.code).toBe(2);
    expect(followed.stdout).toMatch(/ERROR/);
    expect(followed.stdout).toContain(`Run ${runId} ERROR (job `);
  }, 30_000);

  it('pauses until a time and with a schedule, and says when there was nothing to resume', async () => {
    // Act
    const paused = await runCli(['pause', 'demo-load', '--schedule', 'nightly', '--until', '2099-01-01T00:00:00Z', '--json'], { env });
    const listed = await runCli(['runs', '--json', '--flow', 'demo-load'], { env });
    const schedules = await runCli(['schedules', '--json'], { env });
    const schedulesText = await runCli(['schedules'], { env });
    const resumedFlow = await runCli(['resume', 'demo-load'], { env });
    const resumedSchedule = await runCli(['resume', 'demo-load', '--schedule', 'nightly'], { env });
    const past = await runCli(['pause', 'demo-load', '--until', '2020-01-01T00:00:00Z'], { env });
    const unknown = await runCli(['pause', 'demo-load', '--schedule', 'weekly'], { env });

    // Assess
    expect(JSON.parse(paused.stdout)).toMatchObject({ flow: 'demo-load', schedule: 'nightly', until: '2099-01-01T00:00:00.000Z', by: expect.stringMatching(/^cli:/) });
    expect(JSON.parse(listed.stdout).paused).toEqual([expect.objectContaining({ schedule: 'nightly', active: true })]);
    const listings = JSON.parse(schedules.stdout) as Array<{ flow: string; schedule: string; paused?: unknown }>;
    expect(listings.find((listing) => listing.schedule === 'nightly')?.paused).toMatchObject({ flow: 'demo-load', schedule: 'nightly' });
    expect(listings.find((listing) => listing.schedule === 'every-quarter-hour')?.paused).toBeUndefined();
    expect(schedulesText.stdout).toMatch(/demo-load\/nightly .*\n  PAUSED: demo-load\/nightly paused since .*until 2099-01-01 00:00:00Z/);
    expect(resumedFlow.stdout).toContain('demo-load was not paused');
    expect(resumedSchedule.stdout).toContain('Resumed demo-load/nightly');
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('is not in the future');
    expect(unknown.stderr).toContain("unknown schedule 'weekly'");
  });

  it('reaches the dwq start with --local URL and a token, and refuses without one', async () => {
    // Act
    const reached = await runCli(['runs', '--json', '--local', local.url], { env: { DWQ_RUNTIME_FILE: join(tmpdir(), 'none.json'), DWQ_LOCAL_TOKEN: local.operatorToken } });
    const wrongToken = await runCli(['trigger', 'demo-load', '--local', local.url], { env: { DWQ_RUNTIME_FILE: join(tmpdir(), 'none.json'), DWQ_LOCAL_TOKEN: 'nope' } });
    const noToken = await runCli(['runs', '--local', local.url], { env: { DWQ_RUNTIME_FILE: join(tmpdir(), 'none.json') } });

    // Assess
    expect(reached.code).toBe(0);
    expect(JSON.parse(reached.stdout).runs.length).toBeGreaterThan(0);
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain('refused');
    expect(noToken.stderr).toContain('DWQ_LOCAL_TOKEN');
  });

  it('refuses unknown runs, bad filters and --region without --stack, naming the fix', async () => {
    // Act
    const unknownRun = await runCli(['show', 'demo-load--mn-000000000000000000000000'], { env });
    const badOutcome = await runCli(['runs', '--outcome', 'FINE'], { env });
    const badLimit = await runCli(['runs', '--limit', '500'], { env });
    const regionAlone = await runCli(['runs', '--region', 'eu-west-1'], { env });

    // Assess
    expect(unknownRun.code).toBe(1);
    expect(unknownRun.stderr).toContain('no run demo-load--mn-000000000000000000000000 on record');
    expect(badOutcome.code).toBe(1);
    expect(badOutcome.stderr).toContain('must be one of COMPLETED');
    expect(badLimit.stderr).toContain('from 1 to 100');
    expect(regionAlone.stderr).toContain('pass --stack NAME');
  });
});

describe('Function: serveOperator', () => {
  const endpoint = () => ({ token: local.operatorToken, launcher: local.executor, config, stateTable: { endpoint: 'http://127.0.0.1:1', tableName: 't' } });

  it('answers this machine only, with the token, and starts only configured flows', async () => {
    // Act
    const remote = await serveOperator({ method: 'GET', path: '/_local/runtime', authorization: `Bearer ${local.operatorToken}`, remoteAddress: '10.0.0.7', rawBody: '' }, endpoint());
    const badToken = await serveOperator({ method: 'GET', path: '/_local/runtime', authorization: 'Bearer wrong', remoteAddress: '127.0.0.1', rawBody: '' }, endpoint());
    const foreign = await serveOperator(
      { method: 'POST', path: '/_local/runs', authorization: `Bearer ${local.operatorToken}`, remoteAddress: '127.0.0.1', rawBody: JSON.stringify({ runId: 'x--mn-000000000000000000000000', input: { flow: { name: 'x', flowId: 'y' }, trigger: {} } }) },
      endpoint(),
    );

    // Assess
    expect(remote.statusCode).toBe(403);
    expect(badToken.statusCode).toBe(401);
    expect(foreign.statusCode).toBe(400);
    expect(JSON.parse(foreign.body).message).toContain('not a flow of this dwq start');
  });
});
