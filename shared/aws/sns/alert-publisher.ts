/**
 * Publishes an alert to the one SNS topic, one body per protocol (`MessageStructure: 'json'`),
 * with the attributes that subscription filter policies select on.
 */
// Types only at the top: the SDK comes through lazy-client.ts on the first publish, so that
// Notify loads it then rather than at init, and the channel table (every channel's renderer) is
// imported then too: Submit, Check and the watchdog publish only when something is wrong
// (docs/bench.md, P3).
import type { MessageAttributeValue, SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../../alerts/alert-message.ts';
import type { AlertPublisher } from '../../alerts/publisher.ts';
import { AlertPublishError } from '../../errors.ts';
import type { ClientOption } from '../client-option.ts';
import { AWS_CLIENT_TIMEOUTS, lazyClient } from '../lazy-client.ts';
import { errorName } from '../../log.ts';
import { optionalEnv, requiredEnv, type Env } from '../lambda-env.ts';

export interface SnsAlertPublisherOptions extends ClientOption<SNSClient> {
  readonly topicArn: string;
}

const sns = lazyClient(
  () => import('@aws-sdk/client-sns'),
  (sdk) => new sdk.SNSClient({ ...AWS_CLIENT_TIMEOUTS }),
);

export class SnsAlertPublisher implements AlertPublisher {
  readonly #topicArn: string;
  readonly #client: SNSClient | undefined;

  constructor(options: SnsAlertPublisherOptions) {
    this.#topicArn = options.topicArn;
    this.#client = options.client;
  }

  async publish(message: AlertMessage): Promise<{ messageId: string }> {
    const [{ PublishCommand }, { snsMessageBodies }] = await Promise.all([sns.sdk(), import('../../alerts/channels/index.ts')]);
    const client = this.#client ?? (await sns.client());
    const command = new PublishCommand({
      TopicArn: this.#topicArn,
      Subject: message.subject,
      MessageStructure: 'json',
      Message: JSON.stringify(snsMessageBodies(message.bodies)),
      MessageAttributes: {
        outcome: stringAttribute(message.attributes.outcome),
        flow: stringAttribute(message.attributes.flow),
        severity: stringAttribute(message.attributes.severity),
        ...(message.attributes.alert ? { alert: stringAttribute(message.attributes.alert) } : {}),
      },
    });
    try {
      const result = await client.send(command);
      return { messageId: result.MessageId ?? 'unknown' };
    } catch (error) {
      // One name whatever SNS said (throttling included): the state machine retries on it.
      throw new AlertPublishError(`could not publish the alert to ${this.#topicArn}: ${errorName(error)}`, {
        cause: error,
      });
    }
  }
}

function stringAttribute(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

export function alertPublisherFromEnv(env: Env): AlertPublisher {
  return new SnsAlertPublisher({ topicArn: requiredEnv(env, 'alertsTopicArn') });
}

/** The publisher when the environment names the alerts topic (Submit and Check send the connector's recovery alert with it). */
export function optionalAlertPublisherFromEnv(env: Env): AlertPublisher | undefined {
  return optionalEnv(env, 'alertsTopicArn') ? alertPublisherFromEnv(env) : undefined;
}
