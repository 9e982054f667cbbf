/**
 * The backstop alarms in the synthesized template: when our own machinery fails (an execution
 * fails or times out, a Lambda errors or is throttled, a schedule delivery lands in the
 * dead-letter queue), CloudWatch tells the alarm topic, which the subscribers with `alarms` (email
 * by default) receive without a filter: alarm notifications carry no message attributes, which no
 * filtered subscription would let through.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthStack } from '../helpers/synth.ts';

interface AlarmProperties {
  readonly MetricName: string;
  readonly Namespace: string;
  readonly Dimensions: { Name: string; Value: unknown }[];
  readonly AlarmActions: unknown[];
  readonly OKActions: unknown[];
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly TreatMissingData: string;
  readonly AlarmDescription: string;
}

let template: Template;
let topicRef: { Ref: string };

beforeAll(() => {
  template = synthStack().template;
  topicRef = { Ref: Object.keys(template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('AlertsAlarmTopic'))! };
});

function alarms(): AlarmProperties[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((resource) => (resource as { Properties: AlarmProperties }).Properties);
}

function alarmsOn(namespace: string, metric: string): AlarmProperties[] {
  return alarms().filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metric);
}

function refOf(type: string, idPrefix: string): { Ref: string } {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(idPrefix));
  expect(ids, `one ${type} named ${idPrefix}…`).toHaveLength(1);
  return { Ref: ids[0]! };
}

describe('Alarms', () => {
  it('notifies the alarm topic, on alarm and on recovery, from every alarm', () => {
    // Act
    const all = alarms();

    // Assess
    expect(all.length).toBeGreaterThanOrEqual(11);
    for (const alarm of all) {
      expect(alarm.AlarmActions).toEqual([topicRef]);
      expect(alarm.OKActions).toEqual([topicRef]);
      expect(alarm.Threshold).toBe(1);
      // The one alarm on silence (the watchdog not running) breaches on missing data: test/infra/watchdog.test.ts.
      if (alarm.MetricName === 'Invocations') continue;
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      // No data means nothing went wrong: a quiet night must not raise an alarm.
      expect(alarm.TreatMissingData).toBe('notBreaching');
      expect(alarm.AlarmDescription.length).toBeGreaterThan(20);
    }
  });

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut'])('watches the RunFlow state machine for %s', (metric) => {
    // Act
    const found = alarmsOn('AWS/States', metric);

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]!.Dimensions).toEqual([{ Name: 'StateMachineArn', Value: refOf('AWS::StepFunctions::StateMachine', 'RunEngineRunFlow') }]);
  });

  it.each([
    ['Submit', 'RunEngineSubmit'],
    ['Check', 'RunEngineCheck'],
    ['Notify', 'RunEngineNotify'],
    ['Webhook', 'WebhookApiFunction'],
  ])('watches the %s Lambda for errors and throttles', (_name, logicalIdPrefix) => {
    // Prepare
    const fn = refOf('AWS::Lambda::Function', logicalIdPrefix);

    // Act
    const watching = (metric: string) => alarmsOn('AWS/Lambda', metric).filter((alarm) => JSON.stringify(alarm.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: fn }]));

    // Assess
    expect(watching('Errors')).toHaveLength(1);
    expect(watching('Throttles')).toHaveLength(1);
  });

  it('raises an alarm as soon as a schedule delivery lands in the dead-letter queue', () => {
    // Act
    const found = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');

    // Assess
    expect(found).toHaveLength(1);
    expect(found[0]!.Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [refOf('AWS::SQS::Queue', 'SchedulesDeadLetters').Ref, 'QueueName'] } }]);
  });

  it('subscribes the email subscriber to the alarm topic without a filter, and the SMS subscriber not at all (its default)', () => {
    // Act
    const onAlarmTopic = Object.values(template.findResources('AWS::SNS::Subscription'))
      .map((resource) => (resource as { Properties: { TopicArn: unknown; Protocol: string; FilterPolicy?: unknown } }).Properties)
      .filter((subscription) => JSON.stringify(subscription.TopicArn) === JSON.stringify(topicRef));

    // Assess
    expect(onAlarmTopic.map((subscription) => subscription.Protocol)).toEqual(['email']);
    expect(onAlarmTopic[0]!.FilterPolicy).toBeUndefined();
  });

  it('lets CloudWatch use the key of the encrypted topic, so alarms can publish to it', () => {
    // Assess
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: expectArrayContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      },
    });
  });
});

describe('Dead-letter queue', () => {
  it('is encrypted and refuses requests that do not use TLS', () => {
    // Prepare
    const queue = refOf('AWS::SQS::Queue', 'SchedulesDeadLetters');

    // Assess
    const properties = (Object.values(template.findResources('AWS::SQS::Queue'))[0] as { Properties: Record<string, unknown> }).Properties;
    expect(properties.SqsManagedSseEnabled === true || properties.KmsMasterKeyId !== undefined).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [queue],
      PolicyDocument: {
        Statement: expectArrayContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      },
    });
  });
});

function expectArrayContaining(item: Record<string, unknown>) {
  return Match.arrayWith([Match.objectLike(item)]);
}
