/**
 * The one alerts topic and its subscribers. Each subscriber gets a filter policy on the message
 * attributes (`outcome`, `flow`), so "SMS only on failures" is decided by SNS, not by our code.
 * The topic is encrypted with a key CloudWatch alarms may use, and accepts only TLS publishes.
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
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the DataWORQ alerts topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch alarms publish to the topic, so they must be able to use its key.
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
    for (const subscriber of props.subscribers) this.subscribe(subscriber);
  }

  private subscribe(subscriber: SubscriberConfig): void {
    const policy = subscriptionFilterPolicy({ outcomes: subscriber.outcomes, flows: subscriber.allFlows ? ['*'] : subscriber.flows, failures: subscriber.failures });
    // Alert messages always carry every attribute a policy names; CloudWatch alarm notifications
    // carry none. `exists: false` lets the alarms through to every subscriber.
    const filterPolicy = Object.fromEntries(
      Object.entries(policy).map(([attribute, values]) => [attribute, new sns.SubscriptionFilter([...values, { exists: false }])]),
    );
    const subscription =
      subscriber.protocol === 'email'
        ? new subscriptions.EmailSubscription(subscriber.endpoint, { filterPolicy })
        : new subscriptions.SmsSubscription(subscriber.endpoint, { filterPolicy });
    this.topic.addSubscription(subscription);
  }
}
