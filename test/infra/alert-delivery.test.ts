/** Template tests of the Slack, Teams and webhook delivery: queues, subscriptions, filter policies, DLQ alarm, secrets. */
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DataworqStack } from '../../infra/dataworq-stack.ts';
import { subscriberFilterPolicy, testAlertOutcome } from '../../shared/alerts/filter-policy.ts';
import { maxReceiveCount } from '../../shared/alerts/delivery/retry-policy.ts';
import { parseConfig } from '../../shared/config/load.ts';
import { ValidationError } from '../../shared/errors.ts';
import { synthStack } from '../helpers/synth.ts';

const FLOW_ID = '2932ca30-8871-48b1-8e9b-90b744020b68';

export function configWithSubscribers(subscribers: string) {
  return parseConfig(
    `flows:\n  demo-load:\n    flowId: ${FLOW_ID}\n  nightly-sales:\n    flowId: ${FLOW_ID}\nsubscribers:\n  - { name: ops-email, email: ops@example.com }\n${subscribers}`,
    'test.yaml',
  );
}

const config = configWithSubscribers(
  [
    '  - { name: data-team, slack: { webhookSecret: dataworq/slack-data-team } }',
    '  - { name: planning, teams: { webhookSecret: dataworq/teams-planning }, flows: [nightly-sales], outcomes: [ERROR] }',
    '  - { name: incident-hook, webhook: "https://hooks.example.com/dataworq" }',
  ].join('\n') + '\n',
);
const { template } = synthStack(config);
const resources = (type: string) => template.findResources(type) as Record<string, { Properties: Record<string, any> }>;

describe('Construct: AlertDelivery', () => {
  it('subscribes one encrypted queue per chat or webhook subscriber, with its own filter policy and the SNS envelope', () => {
    // Act
    const sqsSubscriptions = Object.values(resources('AWS::SNS::Subscription')).filter((subscription) => subscription.Properties.Protocol === 'sqs');

    // Assess
    expect(sqsSubscriptions).toHaveLength(3);
    const policies = sqsSubscriptions.map((subscription) => subscription.Properties.FilterPolicy);
    for (const name of ['data-team', 'planning', 'incident-hook']) {
      const subscriber = config.subscribers.find((candidate) => candidate.name === name)!;
      expect(policies).toContainEqual(subscriberFilterPolicy(subscriber));
    }
    expect(policies).toContainEqual({ outcome: ['ERROR', testAlertOutcome('planning')], flow: ['nightly-sales'], alert: ['new', 'reminder'] });
    for (const subscription of sqsSubscriptions) expect(subscription.Properties.RawMessageDelivery).not.toBe(true);
    const queues = Object.values(resources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(4);
    for (const queue of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const delivering = queues.filter((queue) => queue.Properties.RedrivePolicy !== undefined);
    expect(delivering).toHaveLength(3);
    for (const queue of delivering) {
      expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(maxReceiveCount());
      expect(queue.Properties.MessageRetentionPeriod).toBeGreaterThanOrEqual(24 * 3600);
      expect(queue.Properties.VisibilityTimeout).toBe(360);
    }
  });

  it('drains every queue with one Deliver function reporting batch item failures', () => {
    // Act
    const mappings = Object.values(resources('AWS::Lambda::EventSourceMapping'));
    const deliver = Object.values(resources('AWS::Lambda::Function')).filter((fn) => String(fn.Properties.Description).includes('Slack, Teams'));

    // Assess
    expect(deliver).toHaveLength(1);
    expect(mappings).toHaveLength(3);
    for (const mapping of mappings) expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(deliver[0]!.Properties.Timeout).toBe(60);
  });

  it('alarms on the shared dead-letter queue through the alarm topic', () => {
    // Act
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).filter((alarm) => String(alarm.Properties.AlarmDescription).includes('could not be delivered'));

    // Assess
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(JSON.stringify(alarms[0]!.Properties.AlarmActions)).toContain('AlarmTopic');
  });

  it('generates a signing secret for the webhook subscriber only, and outputs its name', () => {
    // Act
    const secrets = Object.values(resources('AWS::SecretsManager::Secret')).filter((secret) => String(secret.Properties.Name).includes('/subscriber/'));
    const outputs = template.findOutputs('*');

    // Assess
    expect(secrets.map((secret) => secret.Properties.Name)).toEqual(['DataworqRunner/subscriber/incident-hook/signing']);
    expect(secrets[0]!.Properties.Description).toContain('whsec_<this value>');
    expect(outputs['SubscriberIncidentHookSigningSecret']?.Value).toBe('DataworqRunner/subscriber/incident-hook/signing');
    expect(JSON.stringify(template.toJSON())).not.toContain('hooks.slack.com');
  });

  it('refuses at synth a webhook on a local address, which only local mode can reach', () => {
    // Prepare
    const local = configWithSubscribers('  - { name: hook, webhook: "http://127.0.0.1:9000/alerts" }\n');

    // Act
    const synth = () => synthStack(local);

    // Assess
    expect(synth).toThrow(ValidationError);
    expect(synth).toThrow('subscribers: hook: webhook is a local address (127.0.0.1:9000): only local mode (dwq start) can deliver there; deploy with an https URL');
  });

  it('leaves no cdk-nag finding unacknowledged', () => {
    // Prepare
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new DataworqStack(app, 'DataworqRunner', { config, env: { account: '123456789012', region: 'eu-west-1' } });

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).not.toThrow();
    expect(Template.fromStack(app.node.findChild('DataworqRunner') as DataworqStack).toJSON()).toBeDefined();
  });
});
