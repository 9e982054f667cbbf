/**
 * The alert memory against a real DynamoDB-compatible server (dynalite): conditional writes,
 * retried Notifies and runs that end at the same moment.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamo, type LocalDynamo } from '../../../../local/state/dynamodb-server.ts';
import { decideAlert, type FlowMemory } from '../../../../shared/alerts/alert-policy.ts';
import { SnsAlertPublisher } from '../../../../shared/aws/sns/alert-publisher.ts';
import type { NotifyInput, Outcome } from '../../../../shared/model.ts';
import { notifyRun } from '../../../../shared/run/notify.ts';
import { AlertMemoryError } from '../../../../shared/errors.ts';
import { DynamoAlertMemory, memoryKey } from '../../../../shared/aws/dynamodb/alert-memory.ts';
import { erroredInput } from '../../alerts/notify-inputs.ts';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:dataworq-alerts';
const sns = mockClient(SNSClient);
let dynamo: LocalDynamo;
let tableName: string;
const extraClients: DynamoDBClient[] = [];

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  tableName = await dynamo.createStateTable('alert-memory-test');
});

afterEach(() => {
  sns.reset();
  for (const client of extraClients.splice(0)) client.destroy();
});

afterAll(async () => {
  sns.restore();
  await dynamo.close();
});

let flowCounter = 0;
const freshFlow = () => `flow-${++flowCounter}-${crypto.randomUUID().slice(0, 6)}`;
const memoryOf = (client: DynamoDBClient = dynamo.client, options: { maxAttempts?: number } = {}) =>
  new DynamoAlertMemory({ table: { client, tableName }, ...options });
const failAt = (minute: number) => (previous: FlowMemory | undefined) =>
  decideAlert(previous, 'ERROR', new Date(Date.UTC(2026, 2, 1, 2, minute)));

/** A client of its own whose first `readers` reads all wait for each other: both runs read the same version. */
function clientWithJoinedReads(readers: number): DynamoDBClient {
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  extraClients.push(client);
  let arrived = 0;
  let release = () => {};
  const allRead = new Promise<void>((resolve) => (release = resolve));
  client.middlewareStack.add(
    (next: any, context: any) => async (args: any) => {
      const result = await next(args);
      if (context.commandName === 'GetItemCommand' && arrived < readers) {
        arrived += 1;
        if (arrived === readers) release();
        await allRead;
      }
      return result;
    },
    { step: 'initialize', name: 'joinFirstReads' },
  );
  return client;
}

/** A client of its own: just before each of its writes, another writer bumps the flow's version. */
function clientWhoseWritesAreOvertaken(flow: string) {
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  extraClients.push(client);
  let overtaken = 0;
  client.middlewareStack.add(
    (next: any, context: any) => async (args: any) => {
      if (context.commandName === 'PutItemCommand') {
        overtaken += 1;
        await dynamo.client.send(
          new UpdateItemCommand({ TableName: tableName, Key: { pk: { S: memoryKey(flow) } }, UpdateExpression: 'ADD version :one', ExpressionAttributeValues: { ':one': { N: '1' } } }),
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'overtakeWrites' },
  );
  return { client, overtaken: () => overtaken };
}

function runOf(flow: string, runId: string, outcome: Outcome, endedAt: string): NotifyInput {
  const input = erroredInput();
  return { ...input, flow: { ...input.flow, name: flow }, run: { ...input.run, runId, outcome, endedAt } };
}

function published(): PublishCommandInput[] {
  return sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
}

describe('Class: DynamoAlertMemory', () => {
  it('keeps a streak across runs in one versioned item that DynamoDB will expire', async () => {
    // Prepare
    const flow = freshFlow();
    const memory = memoryOf();

    // Act
    const sends = [];
    for (const [index, runId] of ['a', 'b', 'c'].entries()) sends.push((await memory.record(flow, runId, failAt(index))).decision.send);
    const raw = await dynamo.client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: memoryKey(flow) } } }));

    // Assess
    expect(sends).toEqual(['alert', 'none', 'none']);
    expect((await memory.read(flow))?.memory).toEqual({
      lastOutcome: 'ERROR',
      lastEndedAt: '2026-03-01T02:02:00.000Z',
      streak: { failures: 3, since: '2026-03-01T02:00:00.000Z', lastAlertAt: '2026-03-01T02:00:00.000Z', lastAlertedCount: 1 },
      version: 3,
    });
    expect(raw.Item?.pk?.S).toBe(`memory#${flow}`);
    expect(Number(raw.Item?.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000 + 300 * 86_400);
  });

  it('returns the stored decision, without counting again, when the same run is recorded twice', async () => {
    // Prepare
    const flow = freshFlow();
    const memory = memoryOf();
    await memory.record(flow, 'run-1', failAt(0));
    const first = await memory.record(flow, 'run-2', failAt(5));

    // Act
    const retried = await memory.record(flow, 'run-2', failAt(50));

    // Assess
    expect(retried.reused).toBe(true);
    expect(retried.decision).toEqual(first.decision);
    expect(retried.decision.context).toEqual({ kind: 'repeat', streak: { failures: 2, since: '2026-03-01T02:00:00.000Z' } });
    expect((await memory.read(flow))?.memory.streak?.failures).toBe(2);
  });

  it('lets only one of two runs that read the same version commit; the other decides again', async () => {
    // Prepare
    const flow = freshFlow();
    await memoryOf().record(flow, 'run-0', (previous) => decideAlert(previous, 'COMPLETED', new Date(Date.UTC(2026, 2, 1, 1))));
    const memory = memoryOf(clientWithJoinedReads(2));

    // Act
    const results = await Promise.all([memory.record(flow, 'run-a', failAt(0)), memory.record(flow, 'run-b', failAt(0))]);

    // Assess
    expect(results.map((result) => result.attempts).sort()).toEqual([1, 2]);
    expect(results.map((result) => result.decision.send).sort()).toEqual(['alert', 'none']);
    expect((await memory.read(flow))?.memory).toMatchObject({ version: 3, streak: { failures: 2 } });
  });

  it('gives up with AlertMemoryError when other writes keep getting in first', async () => {
    // Prepare
    const flow = freshFlow();
    await memoryOf().record(flow, 'run-0', failAt(0));
    const client = clientWhoseWritesAreOvertaken(flow);
    const memory = memoryOf(client.client, { maxAttempts: 3 });

    // Act
    const error = await memory.record(flow, 'run-1', failAt(1)).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(AlertMemoryError);
    expect((error as Error).message).toBe(`alert memory of flow ${flow}: changed by other runs 3 times in a row; giving up`);
    expect(client.overtaken()).toBe(3);
  });

  it('names the table and the DynamoDB error, keeping it as cause, when the table is missing', async () => {
    // Prepare
    const memory = new DynamoAlertMemory({ table: { client: dynamo.client, tableName: 'no-such-table' } });

    // Act
    const error = await memory.record(freshFlow(), 'run-1', failAt(0)).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'AlertMemoryError' });
    expect((error as Error).message).toMatch(/from no-such-table: ResourceNotFoundException$/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('refuses an item it cannot read instead of overwriting it with a guess', async () => {
    // Prepare
    const flow = freshFlow();
    await dynamo.client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: memoryKey(flow) }, version: { S: 'seven' } } }));

    // Act
    const error = await memoryOf().read(flow).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(AlertMemoryError);
    expect((error as Error).message).toBe(`alert memory of flow ${flow} is unreadable: version is not a whole number`);
  });
});

describe('Function: notifyRun with alert memory', () => {
  it('publishes exactly one first-failure alert and one quiet repeat when two runs fail at the same moment', async () => {
    // Prepare
    sns.on(PublishCommand).callsFake(() => ({ MessageId: crypto.randomUUID() }));
    const flow = freshFlow();
    const deps = { publisher: new SnsAlertPublisher({ topicArn: TOPIC_ARN, client: new SNSClient({ region: 'eu-west-1' }) }), memory: memoryOf(clientWithJoinedReads(2)) };
    const endedAt = '2026-03-01T02:00:00.000Z';

    // Act
    const results = await Promise.all([
      notifyRun(runOf(flow, 'run-a', 'ERROR', endedAt), deps),
      notifyRun(runOf(flow, 'run-b', 'TIMED_OUT', endedAt), deps),
    ]);

    // Assess
    const kinds = published().map((input) => input.MessageAttributes?.alert?.StringValue);
    expect(kinds.sort()).toEqual(['new', 'repeat']);
    expect(results.filter((result) => result.alerted)).toHaveLength(1);
    const repeat = published().find((input) => input.MessageAttributes?.alert?.StringValue === 'repeat');
    expect(repeat?.Subject).toContain('failing 2 times since 03-01 02:00Z');
    expect((await deps.memory.read(flow))?.memory.streak?.failures).toBe(2);
  });

  it('counts every one of five runs ending together and announces the streak only once', async () => {
    // Prepare
    sns.on(PublishCommand).callsFake(() => ({ MessageId: crypto.randomUUID() }));
    const flow = freshFlow();
    const deps = { publisher: new SnsAlertPublisher({ topicArn: TOPIC_ARN, client: new SNSClient({ region: 'eu-west-1' }) }), memory: memoryOf() };

    // Act
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => notifyRun(runOf(flow, `run-${id}`, 'ERROR', '2026-03-01T02:00:00.000Z'), deps)));

    // Assess
    const kinds = published().map((input) => input.MessageAttributes?.alert?.StringValue);
    expect(kinds.filter((kind) => kind === 'new')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'reminder')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'repeat')).toHaveLength(3);
    expect((await deps.memory.read(flow))?.memory).toMatchObject({ version: 5, streak: { failures: 5, lastAlertedCount: 5 } });
  });

  it("dates the streak by the injected clock when the run carries no end time", async () => {
    // Prepare
    sns.on(PublishCommand).callsFake(() => ({ MessageId: crypto.randomUUID() }));
    const flow = freshFlow();
    const deps = {
      publisher: new SnsAlertPublisher({ topicArn: TOPIC_ARN, client: new SNSClient({ region: 'eu-west-1' }) }),
      memory: memoryOf(),
      clock: { now: () => new Date('2026-03-01T04:30:00.000Z') },
    };

    // Act
    await notifyRun(runOf(flow, 'run-a', 'LOST', ''), deps);
    await notifyRun(runOf(flow, 'run-b', 'LOST', ''), deps);

    // Assess
    expect(published()[1]?.Subject).toContain('failing 2 times since 03-01 04:30Z');
  });

  it('still publishes, as a first alert, when the memory cannot be reached', async () => {
    // Prepare
    sns.on(PublishCommand).callsFake(() => ({ MessageId: 'm-1' }));
    const memory = new DynamoAlertMemory({ table: { client: dynamo.client, tableName: 'no-such-table' } });
    const publisher = new SnsAlertPublisher({ topicArn: TOPIC_ARN, client: new SNSClient({ region: 'eu-west-1' }) });

    // Act
    const result = await notifyRun(runOf(freshFlow(), 'run-1', 'ERROR', '2026-03-01T02:00:00.000Z'), { publisher, memory });

    // Assess
    expect(result).toMatchObject({ alerted: true, kind: 'new', messageId: 'm-1' });
    expect(result.send).toBeUndefined();
    expect(published()[0]?.MessageAttributes?.alert?.StringValue).toBe('new');
  });
});
