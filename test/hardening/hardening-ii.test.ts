/**
 * Issue #12 ("Hardening II"), one block per point: what the outside world does to a run. Each
 * case asserts what a user would notice: one job, one honest alert, the status code, no secret.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer } from '../../local/runtime/webhook-server.ts';
import { formatAlert } from '../../shared/alerts/format-alert.ts';
import { parseConfig } from '../../shared/config/load.ts';
import { createDataworqClient } from '../../shared/dataworq/create-client.ts';
import { summarizeJob } from '../../shared/dataworq/summarize-job.ts';
import type { DataworqClient, JobStatus } from '../../shared/dataworq/types.ts';
import { DataworqOversizedAnswerError, DataworqUnavailableError } from '../../shared/errors.ts';
import type { RunFlow, RunState } from '../../shared/model.ts';
import { submitBudgetMs, submitRun, submitTimeoutSeconds, SUBMIT } from '../../shared/run/submit.ts';
import { handleWebhookRequest } from '../../shared/webhook/handle-webhook.ts';
import { checkInputSize } from '../../shared/webhook/request-checks.ts';
import { measureBigHistory } from '../../bench/big-answers.ts';
import { bodyOf, getRun, postRun, signatureHeaders, signedPost, webhookHarness } from '../shared/webhook/webhook-test-kit.ts';

const FLOW: RunFlow = {
  name: 'nightly-load',
  flowId: '2932ca30-8871-48b1-8e9b-90b744020b68',
  dataworqFlowName: 'Demo',
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [],
  maxDurationSeconds: 3600,
  lostAfterSeconds: 1800,
  overlap: 'allow',
};
const INPUT = { flow: FLOW, trigger: { kind: 'manual' as const, id: 'test', time: '2026-01-01T00:00:00.000Z' }, runId: 'nightly-load--m-1' };

/** A clock that only moves when told: every call and sleep advances it. */
function fakeTime() {
  let now = Date.UTC(2026, 0, 1);
  return {
    clock: { now: () => new Date(now) },
    elapsedMs: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function client(overrides: Partial<DataworqClient>): DataworqClient {
  const refuse = async () => {
    throw new Error('not expected');
  };
  return { startFlow: refuse, getExecutionStatus: refuse, getJob: refuse, listJobs: refuse, ...overrides };
}

const unavailable = () => new DataworqUnavailableError('gateway answered 502', 502);
const refused = () => new DataworqUnavailableError('could not reach DataWORQ: ECONNREFUSED', undefined, { notSent: true });

function alertOf(run: RunState): string {
  return formatAlert({ flow: FLOW, trigger: INPUT.trigger, run }).bodies.email;
}

describe('Issue #12 › 1: a double fault on an ambiguous start', () => {
  it('adopts the job when the job list fails twice after execute answered 502', async () => {
    // Prepare
    const time = fakeTime();
    let lists = 0;
    const dataworq = client({
      startFlow: async () => {
        throw unavailable();
      },
      listJobs: async () => {
        lists += 1;
        if (lists <= 2) throw unavailable();
        return [{ id: 'job-1', flowName: 'Demo', executionStatus: 'RUNNING', startTime: time.clock.now().getTime() }];
      },
    });

    // Act
    const run = await submitRun(INPUT, { dataworq, ...time, random: () => 0.5 });

    // Assess
    expect(run).toMatchObject({ jobId: 'job-1', adopted: true });
    expect(run.outcome).toBeUndefined();
    expect(lists).toBe(3);
  });

  it('ends SUBMIT_FAILED with an alert that never says both "may have started" and "no job was started"', async () => {
    // Prepare
    const time = fakeTime();
    let executes = 0;
    const dataworq = client({
      startFlow: async () => {
        executes += 1;
        throw unavailable();
      },
      listJobs: async () => {
        throw unavailable();
      },
    });

    // Act
    const run = await submitRun(INPUT, { dataworq, ...time, random: () => 0.5 });
    const email = alertOf(run);

    // Assess
    expect(executes).toBe(1);
    expect(run.outcome).toBe('SUBMIT_FAILED');
    expect(run.message).toMatch(/the job may have started/);
    expect(email).toMatch(/the job may have started/);
    expect(email).not.toMatch(/no job was started/);
  });

  it('retries an execute that was never sent (connection refused) without an adoption check: one job', async () => {
    // Prepare
    const time = fakeTime();
    let executes = 0;
    let lists = 0;
    const dataworq = client({
      startFlow: async () => {
        executes += 1;
        if (executes === 1) throw refused();
        return 'job-2';
      },
      listJobs: async () => {
        lists += 1;
        return [];
      },
    });

    // Act
    const run = await submitRun(INPUT, { dataworq, ...time, random: () => 0.5 });

    // Assess
    expect(run.jobId).toBe('job-2');
    expect([executes, lists]).toEqual([2, 0]);
  });

  it('says no job was started when DataWORQ was never reached', async () => {
    // Prepare
    const time = fakeTime();
    const dataworq = client({
      startFlow: async () => {
        throw refused();
      },
    });

    // Act
    const run = await submitRun(INPUT, { dataworq, ...time, random: () => 0.5 });

    // Assess
    expect(run).toMatchObject({ outcome: 'SUBMIT_FAILED', noJobStarted: true });
    expect(alertOf(run)).toMatch(/Job id: +none \(no job was started in DataWORQ\)/);
  });

  it('types a refused connection as "not sent"', async () => {
    // Prepare
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const dataworq = createDataworqClient({ transport: 'native', baseUrl: `http://127.0.0.1:${port}`, keys: { apiKey: '', userApiKey: 'k' } });

    // Act
    const error = await dataworq.getExecutionStatus('job').catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(DataworqUnavailableError);
    expect((error as DataworqUnavailableError).notSent).toBe(true);
  });
});

describe('Issue #12 › 2: big answers', () => {
  it('reads a 40-job history of 3 MB logs (120 MB) under a 64 MB heap: logs dropped while streaming, Check goes on', async () => {
    // Prepare: a fresh process whose heap could not hold the answer, as a 256 MB Lambda cannot hold 150 MB twice.
    const { execFile } = await import('node:child_process');
    const bench = new URL('../../bench/big-answers.ts', import.meta.url).pathname;
    const script = `const { measureBigHistory } = await import(${JSON.stringify(bench)}); process.stdout.write(JSON.stringify(await measureBigHistory(40)));`;

    // Act
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--max-old-space-size=64', '--input-type=module', '-e', script], { timeout: 120_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    });
    const figures = JSON.parse(output) as { idleMb: number; peakMb: number; growthMb: number; answerMb: number; waitSeconds?: number };

    // Assess
    process.stdout.write(`big history: idle ${figures.idleMb.toFixed(1)} MB, peak ${figures.peakMb.toFixed(1)} MB for a ${figures.answerMb} MB answer\n`);
    expect(figures.answerMb).toBe(120);
    expect(figures.peakMb).toBeLessThan(64);
    expect(figures.waitSeconds).toBeGreaterThan(0);
  }, 150_000);

  it('refuses an answer over the cap with a typed error, and Check polls by age alone', async () => {
    // Prepare: one job whose non-log field alone passes the 2 MiB cap.
    const huge = JSON.stringify([{ id: 'j', executionStatus: 'COMPLETED', error: 'x'.repeat(3 * 1024 * 1024) }]);
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end((req.url ?? '').includes('filter=history') ? huge : '"RUNNING"');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dataworq = createDataworqClient({ transport: 'native', baseUrl, keys: { apiKey: '', userApiKey: 'k' } });

    // Act
    const error = await dataworq.listJobs('history').catch((caught: unknown) => caught);
    server.close();

    // Assess
    expect(error).toBeInstanceOf(DataworqOversizedAnswerError);
    expect((error as Error).message).toMatch(/larger than the 2097152 bytes/);
  });

  it("keeps only a single job's log tail, and says how much was left out", async () => {
    // Prepare
    const log = `${'row batch\r\n'.repeat(300_000)}Job completed successfully.\r\n`;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'j', executionStatus: 'COMPLETED', log }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dataworq = createDataworqClient({ transport: 'native', baseUrl, keys: { apiKey: '', userApiKey: 'k' } });

    // Act
    const job = await dataworq.getJob('j');
    server.close();
    const summary = summarizeJob(job);

    // Assess
    expect((job.log ?? '').length).toBeLessThanOrEqual(64 * 1024);
    expect(summary.logTail).toMatch(/Job completed successfully\.\n$/);
    expect(summary.logTruncatedBytes).toBeGreaterThan(2_900_000);
  });
});

describe('Issue #12 › 3: masked parameters', () => {
  const table = [
    '+----------------+----------+-----------------------+',
    '|      NAME      |   TYPE   |         VALUE         |',
    '+----------------+----------+-----------------------+',
    '|  DB_PASSWORD   |  STRING  |  "hunter2|with-pipe"  |',
    '|  CONN          |  STRING  |  "from-secret-value"  |',
    '|  TABLENAME     |  STRING  |  "DEMO_TABLE"         |',
  ].join('\r\n');

  it("masks the Parameter Set rows of sensitive-named and fromSecret parameters in the summary's log tail", () => {
    // Act
    const summary = summarizeJob({ id: 'j', executionStatus: 'ERROR', log: table, error: 'login failed for hunter2|with-pipe' }, 4096, {
      names: ['CONN'],
      values: ['hunter2|with-pipe'],
    });

    // Assess
    expect(summary.logTail).not.toContain('hunter2');
    expect(summary.logTail).not.toContain('from-secret-value');
    expect(summary.logTail).toContain('"DEMO_TABLE"');
    expect(summary.logTail).toMatch(/\|  DB_PASSWORD   \|  STRING  \|  \*\*\* +\|/);
    expect(summary.error).toBe('login failed for ***');
  });

  it('sends a fromSecret value to DataWORQ only: not in the run state, nor the alert', async () => {
    // Prepare
    const flow: RunFlow = { ...FLOW, secretParameters: [{ name: 'CONN', type: 'string', secretName: 'prod/conn' }] };
    let sent: unknown;
    const dataworq = client({
      startFlow: async (request) => {
        sent = request.parameters;
        return 'job-3';
      },
    });

    // Act
    const run = await submitRun({ ...INPUT, flow }, { dataworq, ...fakeTime(), readParameterSecret: async () => 'Server=db;Password=s3cr3t-value' });
    const email = formatAlert({ flow, trigger: INPUT.trigger, run: { ...run, outcome: 'COMPLETED' } }).bodies.email;

    // Assess
    expect(sent).toEqual([{ name: 'CONN', type: 'string', value: 'Server=db;Password=s3cr3t-value' }]);
    expect(JSON.stringify(run)).not.toContain('s3cr3t-value');
    expect(email).toContain('CONN=***');
    expect(email).not.toContain('s3cr3t-value');
  });

  it('refuses a fromSecret parameter that a webhook caller or a schedule could set', () => {
    // Act
    const parse = () =>
      parseConfig(
        `flows:\n  f:\n    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68\n    parameters:\n      CONN: { type: string, fromSecret: prod/conn }\n    webhook: { auth: [bearer], allow: [CONN] }\n`,
        'test',
      );

    // Assess
    expect(parse).toThrow(/read from a secret: callers cannot set it/);
  });
});

describe('Issue #12 › 4-6: the webhook', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it("refuses a poll's signature replayed as an empty-body POST, and starts nothing", async () => {
    // Prepare: what a caller polling GET /runs/<id> sent, captured and replayed as a POST.
    const { deps, sfn } = webhookHarness();
    const runId = 'nightly-load--wh-0123456789abcdef01234567';
    const poll = getRun(runId, signatureHeaders(`GET /runs/${runId}`, { id: 'poll-9' }));

    // Act
    const replay = await handleWebhookRequest(postRun('nightly-load', '', poll.headers as Record<string, string>), deps);

    // Assess
    expect(replay.statusCode).toBe(401);
    expect(bodyOf(replay).error).toBe('invalid_signature');
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers 422 when a delivery id comes again with a different body, and starts one run', async () => {
    // Prepare
    const { deps, sfn } = webhookHarness();

    // Act
    const first = await handleWebhookRequest(signedPost('nightly-load', { parameters: { ROWS: 1 } }, { id: 'msg_same' }), deps);
    const reused = await handleWebhookRequest(signedPost('nightly-load', { parameters: { ROWS: 2 } }, { id: 'msg_same' }), deps);

    // Assess
    expect([first.statusCode, reused.statusCode]).toEqual([202, 422]);
    expect(bodyOf(reused).error).toBe('idempotency_key_reused');
    expect(sfn.client.commandCalls(StartExecutionCommand)).toHaveLength(1);
  });

  it("answers 413 when the run's input would pass Step Functions' 256 KB", () => {
    // Act
    const check = () => checkInputSize({ flow: { ...FLOW, parameters: [{ name: 'P', type: 'string', value: '\\'.repeat(140_000) }] }, trigger: INPUT.trigger });

    // Assess
    expect(check).toThrow(expect.objectContaining({ statusCode: 413, code: 'input_too_large' }));
  });

  it('refuses a maxBodyBytes larger than an execution input can carry', () => {
    // Act
    const parse = () => parseConfig(`webhook: { maxBodyBytes: 300000 }\nflows:\n  f:\n    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68\n`, 'test');

    // Assess
    expect(parse).toThrow(/must be at most 196608/);
  });

  it('answers 400 to a malformed request line and builds status URLs from its own base, not Host', async () => {
    // Prepare
    const { deps } = webhookHarness();
    const server = await startWebhookServer({ deps, port: 0, baseUrl: 'http://runner.example:3000' });
    const { request } = await import('node:http');
    const raw = (target: string) =>
      new Promise<number>((resolve, reject) => {
        const call = request({ host: '127.0.0.1', port: server.port, path: target, method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        call.on('error', reject);
        call.end();
      });

    // Act
    const statuses = [await raw('//'), await raw('http://[::1')];
    const signed = signedPost('nightly-load', {});
    const started = await fetch(`${server.url}/flows/nightly-load/runs`, {
      method: 'POST',
      headers: { ...(signed.headers as Record<string, string>), host: 'evil.example' },
      body: signed.rawBody,
    });
    await server.close();

    // Assess
    expect(statuses).toEqual([400, 400]);
    expect(((await started.json()) as { statusUrl: string }).statusUrl).toMatch(/^http:\/\/runner\.example:3000\/runs\//);
  });
});

describe("Issue #12 › 7: Submit's worst case fits its timeout", () => {
  it('ends within its budget when every DataWORQ call takes its full timeout and fails', async () => {
    // Prepare
    const time = fakeTime();
    const callMs = 10_000;
    const slow = async () => {
      time.advance(callMs);
      throw unavailable();
    };
    const journal = { read: async () => ({ attemptedAt: time.clock.now().toISOString() }), attempt: async () => undefined, started: async () => undefined };
    const dataworq = client({ startFlow: slow, listJobs: slow });

    // Act
    const started = time.elapsedMs();
    const run = await submitRun({ ...INPUT, flow: { ...FLOW, overlap: 'skip' } }, { dataworq, ...time, journal, callTimeoutMs: callMs, random: () => 1 });
    const elapsed = time.elapsedMs() - started;

    // Assess
    expect(run.outcome).toBe('SUBMIT_FAILED');
    expect(elapsed).toBeLessThanOrEqual(submitBudgetMs(callMs));
    expect(submitTimeoutSeconds(callMs / 1000) * 1000).toBeGreaterThanOrEqual(submitBudgetMs(callMs) + SUBMIT.awsMarginMs);
  });
});

export type { JobStatus };

describe('Issue #12 › 7-8: what the template proves', () => {
  it('grants Submit exactly the fromSecret secrets, each function its own log group, keys scoped, retries in place', async () => {
    // Prepare
    const { loadConfig } = await import('../../shared/config/load.ts');
    const { synthStack } = await import('../helpers/synth.ts');
    const base = loadConfig();
    const [name, flow] = Object.entries(base.flows)[0]!;
    const config = { ...base, flows: { ...base.flows, [name]: { ...flow, parameters: { ...flow.parameters, CONN: { type: 'string' as const, fromSecret: 'prod/conn' } } } } };

    // Act
    const { template } = synthStack(config);
    const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
    const resources = Object.values(json.Resources);
    const statements = resources.filter((r) => r.Type === 'AWS::IAM::Policy').flatMap((r) => r.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
    const roles = resources.filter((r) => r.Type === 'AWS::IAM::Role');
    const machine = resources.find((r) => r.Type === 'AWS::StepFunctions::StateMachine')!;
    const definition = JSON.stringify(machine.Properties.DefinitionString);

    // Assess
    const secretReads = statements.filter((s) => s.Action === 'secretsmanager:GetSecretValue' && JSON.stringify(s.Resource).includes('prod/conn'));
    expect(secretReads).toHaveLength(1);
    expect(JSON.stringify(secretReads[0]!.Resource)).toContain(':secret:prod/conn-??????');
    expect(JSON.stringify(roles)).not.toContain('AWSLambdaBasicExecutionRole');
    const logWrites = statements.filter((s) => JSON.stringify(s.Action).includes('logs:PutLogEvents'));
    expect(logWrites.length).toBeGreaterThanOrEqual(3);
    for (const statement of logWrites) expect(JSON.stringify(statement.Resource)).toMatch(/Fn::GetAtt/);
    const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:PutItem'));
    for (const statement of dynamo) expect(statement.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'].length).toBeGreaterThan(0);
    const key = resources.find((r) => r.Type === 'AWS::KMS::Key')!;
    const cloudwatch = (key.Properties.KeyPolicy.Statement as Array<Record<string, any>>).find((s) => JSON.stringify(s.Principal).includes('cloudwatch'))!;
    expect(Object.keys(cloudwatch.Condition)).toEqual(['StringEquals', 'ArnLike']);
    expect(definition).toMatch(/States\.ALL.{0,200}MaxAttempts\\\\?"?:3/s);
    expect(definition).toContain('States.Timeout');
    const submit = resources.find((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith('Starts a DataWORQ flow'))!;
    expect(submit.Properties.Timeout).toBe(submitTimeoutSeconds(base.connector.timeoutSeconds));
  });
});
