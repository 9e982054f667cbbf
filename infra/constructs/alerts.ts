/**
 * The alerts topic and its subscribers: each gets a filter policy on the message attributes
 * (`outcome`, `flow`, `alert`), so "SMS only on failures" is decided by SNS, not by our code.
 *
 * CloudWatch alarms go to a second topic. Their notifications carry no message attributes, and
 * SNS delivers a message without attributes to no filtered subscription (not even with
 * `exists: false`), so on the alerts topic they would reach nobody. Subscribers with `alarms`
 * (default: email) are subscribed to it without a filter. Both topics use one key that CloudWatch
 * may use, and accept only TLS publishes.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { SubscriberConfig } from '../../shared/config/schema.ts';
import { subscriptionFilterPolicy } from '../../shared/alerts/filter-policy.ts';

export interface AlertsProps {
  readonly subscribers: readonly SubscriberConfig[];
}

export class Alerts extends Construct {
  readonly topic: sns.Topic;
  /** Where the CloudWatch alarms publish. */
  readonly alarmTopic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the DataWORQ alerts topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch alarms publish to the alarm topic, so they must be able to use its key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'DataWORQ alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'DataWORQ runner alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const subscriber of props.subscribers) {
      this.topic.addSubscription(subscriptionFor(subscriber, filterPolicyOf(subscriber)));
      if (subscriber.alarms) this.alarmTopic.addSubscription(subscriptionFor(subscriber));
    }
  }
}

function filterPolicyOf(subscriber: SubscriberConfig): Record<string, sns.SubscriptionFilter> {
  const policy = subscriptionFilterPolicy({ outcomes: subscriber.outcomes, flows: subscriber.allFlows ? ['*'] : subscriber.flows, failures: subscriber.failures });
  return Object.fromEntries(Object.entries(policy).map(([attribute, values]) => [attribute, sns.SubscriptionFilter.stringFilter({ allowlist: values })]));
}

function subscriptionFor(subscriber: SubscriberConfig, filterPolicy?: Record<string, sns.SubscriptionFilter>): sns.ITopicSubscription {
  const options = filterPolicy ? { filterPolicy } : {};
  return subscriber.protocol === 'email'
    ? new subscriptions.EmailSubscription(subscriber.endpoint, options)
    : new subscriptions.SmsSubscription(subscriber.endpoint, options);
}
