/**
 * The Deliver Lambda against real shapes: an SNS alert (formatAlert → the `sqs` body → the SNS
 * envelope an SQS subscription receives) in SQS records, a local receiver behind an https URL,
 * and the test playing SQS: a record reported as a batch item failure comes back with its
 * receive count one higher.
 */
import type { SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliverHandler, type DeliverPorts } from '../../../functions/deliver/handler.ts';
import { localLambdaContext } from '../../../local/runtime/lambda-context.ts';
import { snsMessageBodies } from '../../../shared/alerts/channels/index.ts';
import type { DeliverySubscriber } from '../../../shared/alerts/delivery/queued-delivery.ts';
import { deliveryId } from '../../../shared/alerts/delivery/signing.ts';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import type { DeliveryQueue } from '../../../shared/aws/sqs/delivery-queue.ts';
import type { Log } from '../../../shared/log.ts';
import { erroredInput } from '../../shared/alerts/notify-inputs.ts';
import { startReceiver, standardWebhookProblem, type Answer, type Receiver } from '../../shared/alerts/delivery/support/receiver.ts';

const SECRET_VALUE = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:DataworqRunner-AlertDeliveryQueueincidenthook';
const SNS_MESSAGE_ID = 'b1946ac9-2f0f-5d0a-9c3e-1b4e0c9f7a11';
const HOOK = 'https://hooks.example.com/dataworq';
const subscriber: DeliverySubscriber = { name: 'incident-hook', channel: 'webhook', queueArn: QUEUE_ARN, endpoint: HOOK, endpointIs: 'url', signingSecret: 'DataworqRunner/subscriber/incident-hook/signing' };
const slackSubscriber: DeliverySubscriber = { name: 'data-team', channel: 'slack', queueArn: `${QUEUE_ARN}-slack`, endpoint: 'dataworq/slack-data-team', endpointIs: 'secret-name' };
let receiver: Receiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function sqsRecord(queueArn: string, receiveCount: number, sentMs: number): SQSRecord {
  const alert = formatAlert(erroredInput());
  const envelope = {
    Type: 'Notification',
    MessageId: SNS_MESSAGE_ID,
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:DataworqRunner-AlertsTopic',
    Subject: alert.subject,
    Message: snsMessageBodies(alert.bodies)['sqs'],
    Timestamp: new Date(sentMs).toISOString(),
    SignatureVersion: '1',
    MessageAttributes: { outcome: { Type: 'String', Value: 'ERROR' } },
  };
  return {
    messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
    receiptHandle: `handle-${receiveCount}`,
    body: JSON.stringify(envelope),
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(sentMs), SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: String(sentMs) },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'eu-west-1',
  };
}

function recordingLog(): Log & { entries: Array<{ level: string; message: string; extra?: Record<string, unknown> }> } {
  const entries: Array<{ level: string; message: string; extra?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, extra?: Record<string, unknown>) => void entries.push({ level, message, ...(extra ? { extra } : {}) });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function deliverer(answers: Answer[], overrides: Partial<DeliverPorts> = {}) {
  receiver = await startReceiver(answers);
  const local = receiver.url;
  const retries: number[] = [];
  const deadLetters: Array<{ subscriber: string; reason: string }> = [];
  const queue: DeliveryQueue = {
    retryLater: async (_url, _handle, delaySeconds) => void retries.push(delaySeconds),
    deadLetter: async (_body, attributes) => void deadLetters.push(attributes),
  };
  const log = recordingLog();
  const env = { DWQ_DELIVERY_SUBSCRIBERS: JSON.stringify([subscriber, slackSubscriber]), DWQ_DELIVERY_DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dlq' };
  const handler = createDeliverHandler(env, {
    queue,
    log,
    readSecret: async (secretId) => (secretId === slackSubscriber.endpoint ? 'https://hooks.slack.com/services/T000/B000/XXXX' : SECRET_VALUE),
    random: () => 0.5,
    // The https receiver stands at a local port: every URL is sent there.
    post: { fetch: (_url, init) => fetch(local, init) },
    ...overrides,
  });
  return { handler, retries, deadLetters, log, received: receiver.received };
}

describe('Function: createDeliverHandler', () => {
  it('retries a receiver answering 500 twice, with one webhook-id three times, and records it delivered once', async () => {
    // Prepare
    const { handler, retries, deadLetters, log, received } = await deliverer([{ status: 500 }, { status: 500 }, { status: 200 }]);
    const sentMs = Date.now();

    // Act: SQS redelivers what the handler reported as failed.
    const answers = [];
    for (let receiveCount = 1; receiveCount <= 3; receiveCount++) {
      answers.push(await handler({ Records: [sqsRecord(QUEUE_ARN, receiveCount, sentMs)] }, localLambdaContext('deliver')));
    }

    // Assess
    expect(answers.map((answer) => answer.batchItemFailures.length)).toEqual([1, 1, 0]);
    expect(retries).toEqual([23, 45]);
    expect(deadLetters).toEqual([]);
    const id = deliveryId(SNS_MESSAGE_ID, 'incident-hook');
    expect(received.map((request) => request.headers['webhook-id'])).toEqual([id, id, id]);
    for (const request of received) expect(standardWebhookProblem(`whsec_${SECRET_VALUE}`, request.headers, request.body)).toBeUndefined();
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'run.failed', data: { flow: 'demo-load', outcome: 'ERROR' } });
    expect(log.entries.filter((entry) => entry.message === 'alert delivered')).toHaveLength(1);
  });

  it('sends a 4xx answer to the dead-letter queue at once, without a retry', async () => {
    // Prepare
    const { handler, retries, deadLetters, received } = await deliverer([{ status: 410 }]);

    // Act
    const answer = await handler({ Records: [sqsRecord(QUEUE_ARN, 1, Date.now())] }, localLambdaContext('deliver'));

    // Assess
    expect(answer.batchItemFailures).toEqual([]);
    expect(retries).toEqual([]);
    expect(received).toHaveLength(1);
    expect(deadLetters).toEqual([{ subscriber: 'incident-hook', reason: 'the receiver answered 410, which a retry would not change' }]);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    // Prepare
    const { handler, retries } = await deliverer([{ status: 429, headers: { 'retry-after': '600' } }]);

    // Act
    await handler({ Records: [sqsRecord(QUEUE_ARN, 1, Date.now())] }, localLambdaContext('deliver'));

    // Assess
    expect(retries).toEqual([600]);
  });

  it('gives up after 24 hours of retries, to the dead-letter queue', async () => {
    // Prepare
    const { handler, retries, deadLetters } = await deliverer([{ status: 503 }]);
    const dayAgo = Date.now() - 24 * 3600 * 1000 + 1000;

    // Act
    const answer = await handler({ Records: [sqsRecord(QUEUE_ARN, 40, dayAgo)] }, localLambdaContext('deliver'));

    // Assess
    expect(answer.batchItemFailures).toEqual([]);
    expect(retries).toEqual([]);
    expect(deadLetters).toEqual([{ subscriber: 'incident-hook', reason: 'the receiver answered 503; gave up after 24 hours of retries' }]);
  });

  it('posts the Slack body, unsigned, to the URL from its secret and never logs that URL', async () => {
    // Prepare
    const { handler, log, received } = await deliverer([{ status: 200 }]);

    // Act
    await handler({ Records: [sqsRecord(slackSubscriber.queueArn, 1, Date.now())] }, localLambdaContext('deliver'));

    // Assess
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['webhook-signature']).toBeUndefined();
    expect(JSON.parse(received[0]!.body)).toHaveProperty('attachments');
    expect(JSON.stringify(log.entries)).not.toContain('hooks.slack.com');
  });

  it('dead-letters a chat secret that holds no https URL, without quoting it', async () => {
    // Prepare
    const { handler, deadLetters, log } = await deliverer([{ status: 200 }], { readSecret: async () => 'http://internal.example.com/secret-token-123' });

    // Act
    await handler({ Records: [sqsRecord(slackSubscriber.queueArn, 1, Date.now())] }, localLambdaContext('deliver'));

    // Assess
    expect(deadLetters).toEqual([{ subscriber: 'data-team', reason: 'the URL in the secret dataworq/slack-data-team is not an https URL' }]);
    expect(JSON.stringify(log.entries)).not.toContain('secret-token-123');
  });

  it('retries, without logging the reason text of the SDK, when a secret cannot be read', async () => {
    // Prepare
    const denied = Object.assign(new Error('User: arn:aws:sts::123456789012 is not authorized'), { name: 'AccessDeniedException' });
    const { handler, retries, log } = await deliverer([{ status: 200 }], { readSecret: async () => Promise.reject(denied) });

    // Act
    const answer = await handler({ Records: [sqsRecord(QUEUE_ARN, 1, Date.now())] }, localLambdaContext('deliver'));

    // Assess
    expect(answer.batchItemFailures).toHaveLength(1);
    expect(retries).toEqual([23]);
    expect(log.entries.at(-1)?.extra?.['reason']).toBe('could not read a secret (AccessDeniedException)');
  });
});
