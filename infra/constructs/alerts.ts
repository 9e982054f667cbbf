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
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import type { AwsDelivery, SnsEndpointProtocol } from '../../shared/alerts/channels/channel.ts';
import { channelOf } from '../../shared/alerts/channels/index.ts';
import { subscriberFilterPolicy } from '../../shared/alerts/filter-policy.ts';
import type { SubscriberConfig } from '../../shared/config/schema.ts';

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
        // Only for alarms of this account and region: CloudWatch acting for anyone else is refused.
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnLike: { 'aws:SourceArn': Stack.of(this).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
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
      // Slack, Teams and webhooks: a queue per subscriber, with the same filter policy (alert-delivery.ts).
      const delivery = channelOf(subscriber.protocol).aws(subscriber.endpoint);
      if (delivery.kind !== 'sns-subscription') continue;
      this.topic.addSubscription(subscriptionFor(delivery, snsFilterPolicyOf(subscriber)));
      if (subscriber.alarms) this.alarmTopic.addSubscription(subscriptionFor(delivery));
    }
  }
}

/**
 * A Lambda that publishes to the alerts topic: where the topic is, and the right to publish to it
 * and use its key. Spelled out rather than topic.grantPublish(), which grants kms:GenerateDataKey*.
 */
export function publishesAlerts(fn: lambda.Function, topic: sns.ITopic, key: kms.IKey): void {
  fn.addEnvironment(LAMBDA_ENV.alertsTopicArn, topic.topicArn);
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
}

/** SNS's own protocols, as CDK spells them. */
const SNS_PROTOCOLS: Readonly<Record<SnsEndpointProtocol, sns.SubscriptionProtocol>> = {
  email: sns.SubscriptionProtocol.EMAIL,
  'email-json': sns.SubscriptionProtocol.EMAIL_JSON,
  sms: sns.SubscriptionProtocol.SMS,
  http: sns.SubscriptionProtocol.HTTP,
  https: sns.SubscriptionProtocol.HTTPS,
};

/** The subscriber's one filter policy (filter-policy.ts), as CDK spells it; every subscription of it uses this. */
export function snsFilterPolicyOf(subscriber: SubscriberConfig): Record<string, sns.SubscriptionFilter> {
  const policy = subscriberFilterPolicy(subscriber);
  return Object.fromEntries(Object.entries(policy).map(([attribute, values]) => [attribute, sns.SubscriptionFilter.stringFilter({ allowlist: values })]));
}

/**
 * The subscription the subscriber's channel asks for. Bound like CDK's EmailSubscription and
 * SmsSubscription (the endpoint is the subscriber id), so the template is the same for every
 * channel SNS delivers itself.
 */
function subscriptionFor(delivery: Extract<AwsDelivery, { readonly kind: 'sns-subscription' }>, filterPolicy?: Record<string, sns.SubscriptionFilter>): sns.ITopicSubscription {
  const { endpoint, protocol } = delivery;
  return { bind: () => ({ subscriberId: endpoint, endpoint, protocol: SNS_PROTOCOLS[protocol], ...(filterPolicy ? { filterPolicy } : {}) }) };
}
