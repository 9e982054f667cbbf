/**
 * The SQS side of alert delivery: put a message back for later (its visibility timeout is the
 * backoff), and hand an undeliverable one to the dead-letter queue with the reason.
 */
// Types only at the top: the SDK comes through lazy-client.ts on first use (docs/bench.md, P3).
import type { SQSClient } from '@aws-sdk/client-sqs';
import { lazyClient } from '../lazy-client.ts';

export interface DeliveryQueue {
  /** The message becomes visible again after `delaySeconds`: the next attempt. */
  retryLater(queueUrl: string, receiptHandle: string, delaySeconds: number): Promise<void>;
  /** Sends the message's body to the dead-letter queue, with the subscriber and the reason as attributes. */
  deadLetter(body: string, attributes: { subscriber: string; reason: string }): Promise<void>;
}

const sqs = lazyClient(
  () => import('@aws-sdk/client-sqs'),
  (sdk) => new sdk.SQSClient({}),
);

export function sqsDeliveryQueue(deadLetterQueueUrl: string, client?: SQSClient): DeliveryQueue {
  const clientOf = async () => client ?? (await sqs.client());
  return {
    async retryLater(queueUrl, receiptHandle, delaySeconds) {
      const { ChangeMessageVisibilityCommand } = await sqs.sdk();
      await (await clientOf()).send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: delaySeconds }));
    },
    async deadLetter(body, attributes) {
      const { SendMessageCommand } = await sqs.sdk();
      await (await clientOf()).send(
        new SendMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MessageBody: body,
          MessageAttributes: {
            subscriber: { DataType: 'String', StringValue: attributes.subscriber },
            reason: { DataType: 'String', StringValue: attributes.reason.slice(0, 1000) },
          },
        }),
      );
    },
  };
}

/** `arn:aws:sqs:eu-west-1:123456789012:name` → `https://sqs.eu-west-1.amazonaws.com/123456789012/name`. */
export function queueUrlOf(queueArn: string): string {
  const [, partition, , region, account, name] = queueArn.split(':');
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}
