/**
 * The Deliver Lambda: drains every Slack, Teams and webhook subscriber's queue. Each SQS record
 * is one SNS alert for the subscriber that queue belongs to; a record still to be retried is
 * reported as a batch item failure after its visibility timeout was set to the backoff.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deliverQueuedAlert, type DeliverySubscriber, type QueuedDeliveryPorts } from '../../shared/alerts/delivery/queued-delivery.ts';
import { numberEnv, requiredEnv, type Env } from '../../shared/aws/lambda-env.ts';
import { asLog, createLogger } from '../../shared/aws/logger.ts';
import { cachedSecretReader, type SecretRead, secretText, type SecretValue } from '../../shared/aws/secrets-manager/cached-secret-reader.ts';
import { queueUrlOf, sqsDeliveryQueue, type DeliveryQueue } from '../../shared/aws/sqs/delivery-queue.ts';
import type { Log } from '../../shared/log.ts';

export interface DeliverPorts {
  readonly queue: DeliveryQueue;
  readSecret: SecretRead;
  readonly log: Log;
  readonly now: () => Date;
  readonly random: () => number;
  readonly post: QueuedDeliveryPorts['post'];
}

export function createDeliverHandler(env: Env, ports: Partial<DeliverPorts> = {}) {
  const logger = createLogger();
  const subscribers = JSON.parse(requiredEnv(env, 'deliverySubscribers')) as DeliverySubscriber[];
  const byQueue = new Map(subscribers.map((subscriber) => [subscriber.queueArn, subscriber]));
  const queue = ports.queue ?? sqsDeliveryQueue(requiredEnv(env, 'deliveryDeadLetterQueueUrl'));
  const readSecret = ports.readSecret ?? cachedSecretReader();
  const maxAge = numberEnv(env, 'secretMaxAgeSeconds');
  const log = ports.log ?? asLog(logger);
  const deliverRecord = async (record: SQSRecord): Promise<boolean> => {
    const subscriber = byQueue.get(record.eventSourceARN);
    if (subscriber === undefined) {
      log.error('message from a queue of no known subscriber: left for its dead-letter queue', { queue: record.eventSourceARN });
      return false;
    }
    const envelope = JSON.parse(record.body) as { MessageId?: string; Message?: string };
    const outcome = await deliverQueuedAlert(
      {
        snsMessageId: envelope.MessageId ?? record.messageId,
        message: envelope.Message ?? '',
        attempt: Number(record.attributes.ApproximateReceiveCount),
        firstSentMs: Number(record.attributes.SentTimestamp),
      },
      subscriber,
      {
        readSecret: async (secretId) => secretTextOrThrow(await readSecret(secretId, maxAge)),
        retryLater: (delaySeconds) => queue.retryLater(queueUrlOf(record.eventSourceARN), record.receiptHandle, delaySeconds),
        deadLetter: (reason) => queue.deadLetter(record.body, { subscriber: subscriber.name, reason }),
        log,
        now: ports.now ?? (() => new Date()),
        ...(ports.random ? { random: ports.random } : {}),
        ...(ports.post ? { post: ports.post } : {}),
      },
    );
    return outcome !== 'retrying';
  };
  return middy(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const done = await Promise.all(
      event.Records.map((record) =>
        deliverRecord(record).catch((error: unknown) => {
          // Unexpected: the message comes back after the queue's visibility timeout; maxReceiveCount bounds it.
          log.error('delivery attempt failed unexpectedly', { messageId: record.messageId, error: error instanceof Error ? error.name : 'error' });
          return false;
        }),
      ),
    );
    return { batchItemFailures: event.Records.filter((_, index) => !done[index]).map((record) => ({ itemIdentifier: record.messageId })) };
  }).use(injectLambdaContext(logger, { resetKeys: true }));
}

function secretTextOrThrow(value: SecretValue): string {
  const text = secretText(value);
  if (text === undefined) throw new Error('the secret has no value');
  return text;
}
