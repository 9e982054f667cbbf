/**
 * Delivery to the channels SNS cannot reach (Slack, Teams, signed webhooks): per subscriber an
 * SQS queue subscribed to the alerts topic with that subscriber's filter policy (so SNS, not our
 * code, still decides who gets what), one Deliver Lambda draining every queue, and one shared
 * dead-letter queue for alerts that could not be delivered (its alarm is in alarms.ts).
 *
 * The queues use SQS-managed encryption: SNS can deliver to them without a grant on the alerts
 * key. A message is kept 4 days, longer than the 24 hours of retries; maxReceiveCount is
 * computed from the retry policy so the redrive never cuts them short.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as lambdaEvents from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionDeliveries, type FunctionDelivery } from '../../shared/alerts/channels/index.ts';
import { deliveryUrlProblem } from '../../shared/alerts/delivery/endpoint-url.ts';
import type { DeliverySubscriber } from '../../shared/alerts/delivery/queued-delivery.ts';
import { maxReceiveCount } from '../../shared/alerts/delivery/retry-policy.ts';
import { LAMBDA_ENV, LAMBDA_ENV_DEFAULTS } from '../../shared/aws/lambda-env.ts';
import type { SubscriberConfig } from '../../shared/config/schema.ts';
import { ValidationError } from '../../shared/errors.ts';
import { snsFilterPolicyOf } from './alerts.ts';
import { BaseFunction } from './base-function.ts';
import { SubscriberSecrets } from './subscriber-secrets.ts';

const FUNCTION_TIMEOUT = Duration.seconds(60);

export interface AlertDeliveryProps {
  /** Every subscriber; those of channels SNS delivers itself are ignored. */
  readonly subscribers: readonly SubscriberConfig[];
  readonly topic: sns.ITopic;
  /** Webhook signing secrets are `<prefix>/<subscriber>/signing`. */
  readonly secretNamePrefix: string;
}

export class AlertDelivery extends Construct {
  readonly function: BaseFunction;
  readonly deadLetterQueue: sqs.Queue;
  /** Per subscriber: its queue. */
  readonly queues = new Map<string, sqs.Queue>();
  /** Per webhook subscriber: the name of its generated signing secret. */
  readonly signingSecretNames: Record<string, string> = {};

  /** True when any subscriber needs this construct. */
  static needed(subscribers: readonly SubscriberConfig[]): boolean {
    return functionDeliveries(subscribers).length > 0;
  }

  constructor(scope: Construct, id: string, props: AlertDeliveryProps) {
    super(scope, id);
    const delivered = deliveredSubscribers(props.subscribers);
    const signed = delivered.filter(({ delivery }) => delivery.signed);
    const secrets = new SubscriberSecrets(this, 'SigningSecrets', { subscribers: signed.map(({ subscriber }) => subscriber.name), namePrefix: props.secretNamePrefix });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const described: DeliverySubscriber[] = delivered.map(({ subscriber, delivery }) => {
      const queue = this.subscriberQueue(subscriber, props.topic);
      const secret = secrets.names.get(subscriber.name);
      if (secret) this.signingSecretNames[subscriber.name] = secret;
      return {
        name: subscriber.name,
        channel: subscriber.protocol,
        queueArn: queue.queueArn,
        endpoint: delivery.endpoint,
        endpointIs: delivery.endpointIs,
        ...(secret ? { signingSecret: secret } : {}),
      };
    });
    this.function = new BaseFunction(this, 'Deliver', {
      name: 'deliver',
      description: 'Delivers DataWORQ alerts to Slack, Teams and signed webhooks, retrying for 24 hours',
      timeout: FUNCTION_TIMEOUT,
      environment: {
        [LAMBDA_ENV.deliverySubscribers]: Stack.of(this).toJsonString(described),
        [LAMBDA_ENV.deliveryDeadLetterQueueUrl]: this.deadLetterQueue.queueUrl,
        [LAMBDA_ENV.secretMaxAgeSeconds]: String(LAMBDA_ENV_DEFAULTS.secretMaxAgeSeconds),
      },
    });
    for (const queue of this.queues.values()) {
      this.function.addEventSource(new lambdaEvents.SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
    }
    this.grant(delivered, secrets);
  }

  private subscriberQueue(subscriber: SubscriberConfig, topic: sns.ITopic): sqs.Queue {
    const queue = new sqs.Queue(this, `Queue-${subscriber.name}`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      // AWS's advice for a Lambda event source: six times the function's timeout.
      visibilityTimeout: Duration.seconds(FUNCTION_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: maxReceiveCount() },
    });
    // The envelope (raw delivery off) carries the SNS MessageId, from which the webhook-id is derived.
    topic.addSubscription(new subscriptions.SqsSubscription(queue, { rawMessageDelivery: false, filterPolicy: snsFilterPolicyOf(subscriber) }));
    this.queues.set(subscriber.name, queue);
    return queue;
  }

  /** Grants at the end: consume each queue, send to the dead-letter queue, read each secret. */
  private grant(delivered: readonly Delivered[], secrets: SubscriberSecrets): void {
    this.deadLetterQueue.grantSendMessages(this.function);
    for (const { subscriber, delivery } of delivered) {
      if (delivery.endpointIs === 'secret-name') {
        const existing = delivery.endpoint.startsWith('arn:')
          ? secretsmanager.Secret.fromSecretPartialArn(this, `Url-${subscriber.name}`, delivery.endpoint)
          : secretsmanager.Secret.fromSecretNameV2(this, `Url-${subscriber.name}`, delivery.endpoint);
        existing.grantRead(this.function);
      }
      secrets.secrets.get(subscriber.name)?.grantRead(this.function);
    }
  }
}

interface Delivered {
  readonly subscriber: SubscriberConfig;
  readonly delivery: FunctionDelivery;
}

/** The subscribers this construct delivers to, each with its delivery, worked out once; an endpoint only local mode can reach is refused here, at synth. */
function deliveredSubscribers(subscribers: readonly SubscriberConfig[]): Delivered[] {
  const delivered = functionDeliveries(subscribers);
  for (const { subscriber, delivery } of delivered) {
    if (delivery.endpointIs !== 'url') continue;
    const problem = deliveryUrlProblem(delivery.endpoint, 'aws');
    if (problem) throw new ValidationError(`subscribers: ${subscriber.name}: webhook ${problem}`);
  }
  return delivered;
}
