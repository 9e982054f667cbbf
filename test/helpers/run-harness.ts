/**
 * Runs the synthesized RunFlow definition with aws-local-stepfunctions, each Task state mapped to
 * the real Lambda handler (functions/<name>/handler.ts) talking over HTTP to the emulator.
 * Secrets Manager and SNS are stubbed at the SDK boundary. Time is compressed: the emulator,
 * the handlers and the retries share one scaled clock.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterEach } from 'vitest';
import { createCheckHandler } from '../../functions/check/handler.ts';
import { createNotifyHandler } from '../../functions/notify/handler.ts';
import { createSubmitHandler } from '../../functions/submit/handler.ts';
import { EMULATOR_CATALOGUE as CATALOGUE } from '../../local/emulator/catalogue.ts';
import { startLocalDynamo, type LocalDynamo } from '../../local/state/dynamodb-server.ts';
import { startEmulator } from '../../local/emulator/server.ts';
import type { EmulatorFlow, EmulatorHandle } from '../../local/emulator/types.ts';
import { synthesizeRunFlowDefinition, type AslDefinition } from '../../local/runtime/definition.ts';
import { LocalExecutor, type LocalRun } from '../../local/runtime/local-executor.ts';
import { scaledClock, type ScaledClock } from '../../local/runtime/scaled-clock.ts';
import { scheduleConfigOf } from '../../shared/config/config-subsets.ts';
import { loadConfig } from '../../shared/config/load.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { RunFlow, RunInput } from '../../shared/model.ts';
import type { StateTableRef } from '../../shared/aws/dynamodb/state-table.ts';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import { RUN_FLOW_STATES } from '../../shared/run/states.ts';
import { localLambdaContext as lambdaContext } from '../../local/runtime/lambda-context.ts';
import type { RunMetrics } from '../../shared/metrics/run-metrics.ts';

export const TEST_KEYS = { apiKey: 'DATAWORQ-d213b-test-api-key-5c1e', userApiKey: '7262069-test-user-key-a94f' };
export const SECRET_ID = 'dataworq/connector';
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:DataworqAlerts';

let cachedDefinition: AslDefinition | undefined;
/** The definition CDK synthesizes from the shipped config (once per test file: synth takes a while). */
export function runFlowDefinition(): AslDefinition {
  cachedDefinition ??= synthesizeRunFlowDefinition(loadConfig());
  return cachedDefinition;
}

export interface Harness {
  readonly emulator: EmulatorHandle;
  readonly executor: LocalExecutor;
  readonly clock: ScaledClock;
  readonly sns: AwsStub<any, any, any>;
  readonly secrets: AwsStub<any, any, any>;
  /** The run state table the handlers use, when started with `stateTable: true`. */
  readonly stateTable?: StateTableRef;
  publishes(): PublishCommandInput[];
  run(flow: RunFlow, name?: string): Promise<LocalRun>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Scaled seconds per real second. */
  readonly speed?: number;
  readonly flows?: readonly EmulatorFlow[];
  /** The connector secret's string, or undefined for "no value". */
  readonly secretString?: string;
  /**
   * Start a DynamoDB-compatible server (dynalite) with the run state table, and give every
   * handler DWQ_STATE_TABLE and DWQ_DYNAMODB_ENDPOINT, as the stack does in AWS.
   */
  readonly stateTable?: boolean;
  /** The handlers' metrics port (a recording one, in tests of what a run reports). */
  readonly metrics?: RunMetrics;
  /** The flows a schedule's input may name, as Submit and Notify read them; default the shipped config's. */
  readonly scheduleConfig?: () => DwqConfig | undefined;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = scaledClock(options.speed ?? 50);
  const emulator = await startEmulator({ port: 0, keys: TEST_KEYS, quiet: true, clock: clock.nowMs, ...(options.flows ? { flows: options.flows } : {}) });
  const secrets = mockClient(SecretsManagerClient);
  const secretString = 'secretString' in options ? options.secretString : JSON.stringify(TEST_KEYS);
  secrets.on(GetSecretValueCommand, { SecretId: SECRET_ID }).resolves(secretString === undefined ? {} : { SecretString: secretString });
  const sns = mockClient(SNSClient);
  sns.on(PublishCommand).callsFake(() => ({ MessageId: crypto.randomUUID() }));
  const dynamo: LocalDynamo | undefined = options.stateTable ? await startLocalDynamo() : undefined;
  const tableName = await dynamo?.createStateTable();
  const env = {
    [LAMBDA_ENV.transport]: 'cloud-connector',
    [LAMBDA_ENV.baseUrl]: emulator.url,
    [LAMBDA_ENV.connectorSecret]: SECRET_ID,
    [LAMBDA_ENV.timeoutMs]: '1000',
    [LAMBDA_ENV.alertsTopicArn]: TOPIC_ARN,
    ...(dynamo && tableName ? { [LAMBDA_ENV.stateTable]: tableName, [LAMBDA_ENV.dynamodbEndpoint]: dynamo.endpoint } : {}),
  };
  const metricsPort = options.metrics ? { metrics: options.metrics } : {};
  const ports = { clock, sleep: clock.sleep, ...metricsPort };
  const shipped = scheduleConfigOf(loadConfig());
  const scheduleConfig = options.scheduleConfig ?? (() => shipped);
  const asTask = (name: string, handler: (event: never, context: ReturnType<typeof lambdaContext>) => Promise<unknown>) =>
    (input: unknown) => handler(input as never, lambdaContext(name));
  const executor = new LocalExecutor({
    definition: runFlowDefinition(),
    tasks: {
      // A schedule's input names its flow: Submit and Notify resolve it from the shipped config, as from their config.json in AWS.
      [RUN_FLOW_STATES.submit]: asTask('submit', createSubmitHandler(env, ports, scheduleConfig)),
      [RUN_FLOW_STATES.check]: asTask('check', createCheckHandler(env, ports)),
      [RUN_FLOW_STATES.notify]: asTask('notify', createNotifyHandler(env, { clock, ...metricsPort }, scheduleConfig)),
    },
    waitMs: 5,
    retryMs: 5,
  });
  return {
    emulator,
    executor,
    clock,
    sns,
    secrets,
    stateTable: dynamo && tableName ? { client: dynamo.client, tableName } : undefined,
    publishes: () => sns.commandCalls(PublishCommand).map((call) => call.args[0].input),
    async run(flow, name = `test-${crypto.randomUUID().slice(0, 8)}`) {
      const input: RunInput = { flow, trigger: { kind: 'manual', id: 'test', time: clock.now().toISOString() } };
      await executor.start(name, input);
      const record = executor.get(name)!;
      await record.done;
      return record;
    },
    async close() {
      executor.abortAll();
      sns.restore();
      secrets.restore();
      await emulator.close();
      await dynamo?.close();
    },
  };
}

/** A RunFlow for one of the emulator's catalogue flows. */
export function catalogueFlow(key: keyof typeof CATALOGUE | string, overrides: Partial<RunFlow> = {}): RunFlow {
  const flow = (CATALOGUE as Record<string, EmulatorFlow>)[key];
  if (!flow) throw new Error(`no catalogue flow ${key}`);
  return {
    name: key,
    flowId: flow.flowId,
    dataworqFlowName: flow.name,
    runProfileName: 'default',
    notificationEnabled: false,
    parameters: [],
    maxDurationSeconds: 3600,
    lostAfterSeconds: 600,
    overlap: 'allow',
    ...overrides,
  };
}

/**
 * For a test file: startHarness, with every harness a test started closed after that test, so
 * a failing assertion never leaves an emulator or a state table running.
 */
export function harnessForEachTest(): (options?: HarnessOptions) => Promise<Harness> {
  const started: Harness[] = [];
  afterEach(async () => {
    for (const harness of started.splice(0)) await harness.close();
  });
  return async (options) => {
    const harness = await startHarness(options);
    started.push(harness);
    return harness;
  };
}
