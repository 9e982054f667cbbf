/**
 * The watchdog in the synthesized template: its Scheduler schedule every 5 minutes invoking its
 * Lambda, the Lambda's narrow grants and inlined watch config, and its two alarms.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import { watchConfigDefine } from '../../infra/constructs/watchdog.ts';
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

  it('inlines the schedules and LATE rules but no subscriber address', () => {
    // Prepare
    const config = loadConfig();

    // Act
    const define = watchConfigDefine(config, new Date('2026-05-01T00:00:00Z'))[`process.env.${LAMBDA_ENV.watchConfig}`]!;
    const watch = JSON.parse(JSON.parse(define) as string) as { since: string; flows: { name: string; schedules: unknown[] }[] };

    // Assess
    expect(watch.since).toBe('2026-05-01T00:00:00.000Z');
    expect(watch.flows.map((flow) => flow.name)).toEqual(Object.keys(config.flows));
    for (const subscriber of config.subscribers) expect(define).not.toContain(subscriber.endpoint);
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
