/**
 * The artifact that deploys, run: each Lambda asset from `cdk synth` output is loaded the way the
 * Lambda runtime loads it (the template's Handler, its Environment, `@aws-sdk/*` resolved from
 * outside the bundle) in a fresh Node process, and invoked with a real event against local
 * stand-ins: the emulator for DataWORQ, dynalite for DynamoDB, one HTTP stand-in for Secrets
 * Manager, SNS and Step Functions. A bundling or ESM mistake fails here, not at the first deploy.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/constructs/lambda-bundling.ts';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import { loadConfig } from '../../shared/config/load.ts';
import { resolveRunFlow, scheduleRunFlow } from '../../shared/config/resolve.ts';
import type { RunInput, RunState } from '../../shared/model.ts';
import { startEmulator } from '../../local/emulator/server.ts';
import type { EmulatorHandle } from '../../local/emulator/types.ts';
import { startLocalDynamo, type LocalDynamo } from '../../local/state/dynamodb-server.ts';
import { webhookSigner } from '../../local/runtime/sign-webhook.ts';
import { httpApiEvent } from '../fixtures/apigw-http-api-event.ts';
import { startAwsStandIn, type AwsStandIn } from '../helpers/aws-stand-in.ts';
import { TEST_KEYS } from '../helpers/run-harness.ts';

const run = promisify(execFile);
const STACK = 'DataworqRunner';
const SIGNING_SECRET = `whsec_${Buffer.from('deployed-assets-test-signing-key!').toString('base64')}`;

interface LambdaResource {
  readonly Type: string;
  readonly Properties: {
    readonly Handler: string;
    readonly Code: { readonly S3Key: string };
    readonly Environment?: { readonly Variables: Record<string, unknown> };
  };
}

interface DeployedFunction {
  readonly logicalId: string;
  /** The asset folder, as `cdk deploy` would zip it. */
  readonly assetDir: string;
  readonly handler: string;
  /** The template's variables, with each `Ref` replaced by a stand-in value. */
  readonly environment: Record<string, string>;
}

/** Runs a handler the way the Node.js Lambda runtime does: `<file>.<export>` under the task root. */
const INVOKE = `
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [taskRoot, handlerName, eventJson, resultPath] = process.argv.slice(1);
const [file, exportName] = handlerName.split('.');
const path = ['.mjs', '.js', '.cjs'].map((ext) => join(taskRoot, file + ext)).find((candidate) => existsSync(candidate));
if (!path) throw new Error('no ' + file + '.mjs/.js/.cjs in ' + taskRoot);
const module = await import(pathToFileURL(path).href);
const handler = module[exportName];
if (typeof handler !== 'function') throw new Error(handlerName + ' is not a function');
const context = { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: '$LATEST', memoryLimitInMB: '256',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:' + process.env.AWS_LAMBDA_FUNCTION_NAME,
  awsRequestId: crypto.randomUUID(), logGroupName: '/aws/lambda/test', logStreamName: 'test', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30000, done() {}, fail() {}, succeed() {} };
const result = await handler(JSON.parse(eventJson), context);
writeFileSync(resultPath, JSON.stringify(result ?? null));
process.exit(0);
`;

describe('Deployed assets: each Lambda from `cdk synth`, loaded and invoked as the runtime does', () => {
  let outDir: string;
  let functions: Map<string, DeployedFunction>;
  let emulator: EmulatorHandle;
  let dynamo: LocalDynamo;
  let aws: AwsStandIn;
  let tableName: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'dwq-assets-'));
    // The Lambda runtime provides `@aws-sdk/*` outside the bundle; here it resolves from the repository's node_modules.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
    await run('npx', ['cdk', 'synth', '--no-notices', '--quiet', '-o', join(outDir, 'cdk.out')], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 });
    const template = JSON.parse(readFileSync(join(outDir, 'cdk.out', `${STACK}.template.json`), 'utf8')) as { Resources: Record<string, LambdaResource> };
    functions = deployedFunctions(template.Resources, join(outDir, 'cdk.out'));
    emulator = await startEmulator({ port: 0, keys: TEST_KEYS, quiet: true });
    dynamo = await startLocalDynamo();
    tableName = await dynamo.createStateTable(envOf(functions, 'Submit', LAMBDA_ENV.stateTable));
    aws = await startAwsStandIn({
      secrets: {
        [`${STACK}/connector`]: JSON.stringify(TEST_KEYS),
        [`${STACK}/webhook/demo-load/signing`]: SIGNING_SECRET,
      },
    });
  }, 180_000);

  afterAll(async () => {
    await emulator?.close();
    await dynamo?.close();
    await aws?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function invoke<T>(role: string, event: unknown): Promise<T> {
    const fn = functionFor(functions, role);
    const resultPath = join(outDir, `${role}-${Date.now()}.json`);
    const child = await run(process.execPath, ['--input-type=module', '-e', INVOKE, fn.assetDir, fn.handler, JSON.stringify(event), resultPath], {
      cwd: fn.assetDir,
      env: {
        PATH: process.env.PATH ?? '',
        ...fn.environment,
        // Only the connector URL and the AWS endpoints point elsewhere: everything else is the template's.
        [LAMBDA_ENV.baseUrl]: emulator.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_ENDPOINT_URL: aws.url,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
        POWERTOOLS_LOG_LEVEL: process.env.DEBUG_ASSETS ? 'DEBUG' : 'SILENT',
      },
      timeout: 60_000,
    });
    if (process.env.DEBUG_ASSETS) console.log(child.stdout, child.stderr);
    return JSON.parse(readFileSync(resultPath, 'utf8')) as T;
  }

  it('starts a job with the Submit asset, checks it with the Check asset and publishes its alert with the Notify asset', async () => {
    // Prepare
    const config = loadConfig();
    const input: RunInput = { flow: resolveRunFlow(config, 'demo-load'), trigger: { kind: 'manual', id: 'deployed-assets', time: new Date().toISOString() } };
    const runId = `demo-load--mn-${'0'.repeat(23)}1`;

    // Act
    const submitted = (await invoke<{ run: RunState }>('Submit', { ...input, runId })).run;
    const checked = await invoke<RunState>('Check', { ...input, run: submitted });
    const ended: RunState = { ...checked, outcome: 'COMPLETED', endedAt: new Date().toISOString() };
    const notified = await invoke<{ outcome: string; messageId: string }>('Notify', { ...input, run: ended });

    // Assess
    expect(submitted.jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.jobs().map((job) => job.id)).toEqual([submitted.jobId]);
    // Check may check again inside its invocation while the next wait is short (shared/run/polling.ts).
    const statusCalls = emulator.calls.filter((call) => call.kind === 'status').length;
    expect(checked.poll.iteration).toBeGreaterThanOrEqual(1);
    expect(statusCalls).toBeGreaterThanOrEqual(checked.poll.iteration);
    expect(checked.outcome ?? checked.poll.lastStatus).toMatch(/^(QUEUED|RUNNING|COMPLETED)$/);
    const publishes = aws.calls.filter((call) => call.operation === 'sns.Publish');
    expect(publishes).toHaveLength(1);
    expect(publishes[0]?.input.TopicArn).toBe(envOf(functions, 'Notify', LAMBDA_ENV.alertsTopicArn));
    expect(Object.values(publishes[0]?.input ?? {})).toContain('COMPLETED');
    expect(notified.outcome).toBe('COMPLETED');
    expect(notified.messageId).toMatch(/^[0-9a-f-]{36}$/);
    const journal = await dynamo.client.send(
      new (await import('@aws-sdk/client-dynamodb')).GetItemCommand({ TableName: tableName, Key: { pk: { S: `run#${runId}` } } }),
    );
    expect(journal.Item?.jobId?.S).toBe(submitted.jobId);
  }, 120_000);

  it('resolves a schedule input that names its flow from the config file inside the Submit asset', async () => {
    // Prepare
    const config = loadConfig();
    const input = { flow: { name: 'demo-load' }, trigger: { kind: 'schedule', id: 'demo-load/nightly', time: new Date().toISOString() } };
    const runId = `demo-load--sc-${'0'.repeat(23)}2`;

    // Act
    const submitted = await invoke<{ flow: RunInput['flow']; run: RunState }>('Submit', { ...input, runId });

    // Assess
    expect(submitted.flow).toEqual(JSON.parse(JSON.stringify(scheduleRunFlow(config, 'demo-load', 'nightly'))));
    expect(submitted.run.jobId ?? submitted.run.outcome).toBeDefined();
  }, 120_000);

  it('renders a templated parameter with the code the Submit asset loads on first use, not at init', async () => {
    // Prepare
    const config = loadConfig();
    const flow = resolveRunFlow(config, 'demo-load');
    const templated = { name: 'TABLENAME', type: 'string' as const, template: "DEMO_{{ logicalTime | shift: '-P1M' | format: 'yyyyMM' }}" };
    const input: RunInput = {
      // overlap allow: the first test's job of the same flow may still be running.
      flow: { ...flow, overlap: 'allow', parameters: [...flow.parameters.filter((parameter) => parameter.name !== 'TABLENAME'), templated] },
      trigger: { kind: 'manual', id: 'deployed-assets', time: new Date().toISOString(), logicalTime: { time: '2026-03-01T00:30:00', timeZone: 'Europe/London' } },
    };
    const runId = `demo-load--mn-${'0'.repeat(23)}3`;
    const submit = functionFor(functions, 'Submit');
    const chunks = readdirSync(join(submit.assetDir, 'chunks')).filter((file) => file.endsWith('.mjs'));

    // Act
    const submitted = (await invoke<{ run: RunState }>('Submit', { ...input, runId })).run;

    // Assess
    // luxon (in the template renderer) is a chunk of its own, not in what init reads.
    expect(readFileSync(join(submit.assetDir, 'index.mjs'), 'utf8')).not.toContain('Invalid DateTime');
    expect(chunks.some((file) => readFileSync(join(submit.assetDir, 'chunks', file), 'utf8').includes('Invalid DateTime'))).toBe(true);
    expect(submitted.parameters).toContainEqual({ name: 'TABLENAME', type: 'string', value: 'DEMO_202602' });
    expect(emulator.jobs().map((job) => job.id)).toContain(submitted.jobId);
  }, 120_000);

  it('answers a signed webhook call with 202 and starts one execution, with the Webhook asset', async () => {
    // Prepare
    const call = webhookSigner(SIGNING_SECRET)(JSON.stringify({ parameters: { ROWS: 5 } }));
    const event = httpApiEvent({ method: 'POST', path: '/flows/demo-load/runs', routeKey: 'POST /flows/{flow}/runs', headers: { ...call.headers }, body: call.body });

    // Act
    const response = await invoke<{ statusCode: number; body: string }>('Webhook', event);

    // Assess
    expect(response.statusCode, response.body).toBe(202);
    const starts = aws.calls.filter((c) => c.operation === 'AWSStepFunctions.StartExecution');
    expect(starts).toHaveLength(1);
    expect(starts[0]?.input.stateMachineArn).toBe(envOf(functions, 'Webhook', LAMBDA_ENV.stateMachineArn));
    const started = JSON.parse(String(starts[0]?.input.input)) as RunInput;
    expect(started.flow.parameters).toContainEqual({ name: 'ROWS', type: 'integer', value: 5 });
    expect(JSON.parse(response.body).runId).toBe(starts[0]?.input.name);
  }, 120_000);
});

function deployedFunctions(resources: Record<string, LambdaResource>, assembly: string): Map<string, DeployedFunction> {
  const found = new Map<string, DeployedFunction>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const assetDir = join(assembly, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const variables = resource.Properties.Environment?.Variables ?? {};
    const environment = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : standInValue(value)]));
    found.set(logicalId, { logicalId, assetDir, handler: resource.Properties.Handler, environment });
  }
  return found;
}

/** The function whose logical id names its role (`RunEngineSubmit…`, `WebhookApiFunction…`). */
function functionFor(functions: Map<string, DeployedFunction>, role: string): DeployedFunction {
  const pattern = role === 'Webhook' ? /^WebhookApiFunction/ : new RegExp(`^RunEngine${role}[0-9A-F]{8}$`);
  const matches = [...functions.values()].filter((fn) => pattern.test(fn.logicalId));
  if (matches.length !== 1) throw new Error(`expected one ${role} function in the template, found ${matches.map((fn) => fn.logicalId).join(', ') || 'none'}`);
  return matches[0]!;
}

function envOf(functions: Map<string, DeployedFunction>, role: string, variable: string): string {
  const value = functionFor(functions, role).environment[variable];
  if (value === undefined) throw new Error(`${role} has no ${variable} in its environment`);
  return value;
}

/** A `Ref` becomes its logical id (a table name) or an ARN made of it (topics, state machines). */
function standInValue(value: unknown): string {
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  if (typeof ref !== 'string') throw new Error(`the template sets a value the test cannot stand in for: ${JSON.stringify(value)}`);
  if (/Topic/.test(ref)) return `arn:aws:sns:us-east-1:123456789012:${ref}`;
  if (/RunFlow|StateMachine/.test(ref)) return `arn:aws:states:us-east-1:123456789012:stateMachine:${ref}`;
  return ref;
}
