/**
 * The watchdog in the synthesized template: its Scheduler schedule every 5 minutes invoking its
 * Lambda, the Lambda's narrow grants and inlined watch config, and its two alarms.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import { watchConfigFileOf } from '../../infra/constructs/watchdog.ts';
import { watchConfigFromFile } from '../../functions/watchdog/watch-config-env.ts';
import { synthStack } from '../helpers/synth.ts';

let template: Template;
let functionId: string;

beforeAll(() => {
  template = synthStack().template;
  functionId = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('MISSED') } }))[0]!;
});

describe('Construct: Watchdog', () => {
  it('invokes its Lambda every 5 minutes from an EventBridge Scheduler schedule', () => {
    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [functionId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
  });

  it('publishes to the alerts topic and touches only its own state-table keys', () => {
    // Assess
    const role = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('WatchdogFunction.*Role') }] } });
    const statements = Object.values(role).flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties.PolicyDocument.Statement);
    const byAction = (action: string) => statements.find((statement) => ([] as unknown[]).concat(statement['Action']).includes(action));
    expect(byAction('sns:Publish')).toBeDefined();
    expect(byAction('dynamodb:GetItem')?.['Condition']).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['watch#*', 'claim#*'] } });
    expect(byAction('dynamodb:PutItem')?.['Condition']).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['watch#*'] } });
    const updates = statements.filter((statement) => statement['Action'] === 'dynamodb:UpdateItem').map((statement) => statement['Condition']);
    expect(updates).toEqual([{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['run#*'] } }]);
    expect(statements.some((statement) => ([] as unknown[]).concat(statement['Action']).includes('dynamodb:Scan'))).toBe(false);
  });

  it('gives the Lambda, as data, the schedules and LATE rules but no subscriber address, and refuses any other file', () => {
    // Prepare
    const config = loadConfig();

    // Act
    const file = JSON.stringify(watchConfigFileOf(config, new Date('2026-05-01T00:00:00Z')));
    const watch = watchConfigFromFile(JSON.parse(file));

    // Assess
    expect(watch.since).toBe('2026-05-01T00:00:00.000Z');
    expect(watch.flows.map((flow) => flow.name)).toEqual(Object.keys(config.flows));
    for (const subscriber of config.subscribers) expect(file).not.toContain(subscriber.endpoint);
    expect(() => watchConfigFromFile({ config: {} })).toThrow(/watch: not the watch config the stack writes at synth/);
  });

  it('alarms when the watchdog has not run for 15 minutes (missing data breaches) and when it errors', () => {
    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
      Period: 900,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlertsAlarmTopic') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});
