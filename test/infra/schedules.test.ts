/** Template tests: each configured schedule as an EventBridge Scheduler schedule starting RunFlow. */
import { describe, expect, it } from 'vitest';
import { deployableStartDate, scheduleNameFor } from '../../infra/constructs/schedules.ts';
import { parseConfig } from '../../shared/config/load.ts';
import { scheduleRunFlow } from '../../shared/config/resolve.ts';
import type { ScheduleConfig } from '../../shared/config/schema.ts';
import { scheduleConfigOf } from '../../shared/config/config-subsets.ts';
import { withResolvedFlow } from '../../shared/run/scheduled-input.ts';
import { synthStack } from '../helpers/synth.ts';

const CONFIG = parseConfig(`
defaults:
  timeZone: America/New_York
flows:
  nightly-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    parameters:
      ROWS: { type: integer, default: 1000 }
      LABEL: { type: string, default: standard }
      RATIO: { type: float }
    schedules:
      - name: nightly
        expression: cron(30 1 ? * 2-6 *)
        timeZone: Europe/London
        parameters: { ROWS: 5000, RATIO: 0.5 }
        description: Weeknights at 01:30 London time
      - name: hourly
        expression: rate(1 hour)
        enabled: false
        startDate: 2099-01-01T00:00:00Z
        endDate: 2099-12-31T23:59:59+01:00
  year-end:
    flowId: 54d9d784-e574-4160-9f44-6fb95317fecb
    overlap: allow
    schedules:
      - name: once
        expression: at(2099-12-31T23:00:00)
`, 'schedules test config');

const { template } = synthStack(CONFIG);
type Resource = { Properties: Record<string, any> };
const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
/** The flows' schedules: the watchdog's own (infra/constructs/watchdog.ts) is in the default group. */
const flowSchedulesOf = (of: typeof template) => Object.fromEntries(Object.entries(of.findResources('AWS::Scheduler::Schedule')).filter(([, schedule]) => schedule.Properties.GroupName !== undefined));
const schedules = Object.values(flowSchedulesOf(template)).map((schedule) => schedule.Properties as Record<string, any>);
const scheduleNamed = (name: string) => {
  const found = schedules.find((schedule) => schedule.Name === name);
  if (!found) throw new Error(`no schedule named ${name}`);
  return found;
};
const logicalIdOf = (type: string) => Object.keys(resources(type))[0]!;

describe('Construct: Schedules', () => {
  it('creates one schedule per configured schedule, in one group, with expression, zone and state as written', () => {
    // Act
    const groups = resources('AWS::Scheduler::ScheduleGroup');
    const [groupId, group] = Object.entries(groups)[0]!;

    // Assess
    expect(schedules.map((schedule) => schedule.Name).sort()).toEqual(['nightly-load--hourly', 'nightly-load--nightly', 'year-end--once']);
    expect(Object.keys(groups)).toHaveLength(1);
    for (const schedule of schedules) expect(schedule.GroupName).toBe(group.Properties.Name);
    for (const created of Object.values(flowSchedulesOf(template))) expect(created.DependsOn).toContain(groupId);
    expect(scheduleNamed('nightly-load--nightly')).toMatchObject({
      ScheduleExpression: 'cron(30 1 ? * 2-6 *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      Description: 'Weeknights at 01:30 London time',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    expect(scheduleNamed('nightly-load--hourly')).toMatchObject({ ScheduleExpression: 'rate(1 hour)', ScheduleExpressionTimezone: 'America/New_York', State: 'DISABLED' });
    expect(scheduleNamed('year-end--once')).toMatchObject({ ScheduleExpression: 'at(2099-12-31T23:00:00)', ScheduleExpressionTimezone: 'America/New_York', State: 'ENABLED' });
  });

  it('passes start and end dates in UTC, and none when the config has none', () => {
    // Act
    const hourly = scheduleNamed('nightly-load--hourly');
    const nightly = scheduleNamed('nightly-load--nightly');

    // Assess
    expect(hourly.StartDate).toBe('2099-01-01T00:00:00.000Z');
    expect(hourly.EndDate).toBe('2099-12-31T22:59:59.000Z');
    expect(nightly.StartDate).toBeUndefined();
    expect(nightly.EndDate).toBeUndefined();
  });

  it('starts the RunFlow state machine with an input that names the flow, the schedule and the scheduled-time placeholder', () => {
    // Prepare
    const stateMachineId = logicalIdOf('AWS::StepFunctions::StateMachine');

    // Act
    const target = scheduleNamed('nightly-load--nightly').Target;
    const input = JSON.parse(target.Input as string);

    // Assess
    expect(target.Arn).toEqual({ Ref: stateMachineId });
    expect(input).toEqual({
      flow: { name: 'nightly-load' },
      trigger: {
        kind: 'schedule',
        id: 'nightly-load/nightly',
        time: '<aws.scheduler.scheduled-time>',
        // Scheduler substitutes the placeholder here too: the logical time is the scheduled time.
        logicalTime: { time: '<aws.scheduler.scheduled-time>', timeZone: CONFIG.flows['nightly-load']?.schedules[0]?.timeZone },
      },
    });
    // A few hundred bytes whatever the flow: its name, the schedule's and the time placeholder.
    expect(String(target.Input).length).toBeLessThan(300);
  });

  it('resolves, from the config Submit carries, the RunFlow with the schedule parameters applied', () => {
    // Prepare
    const carried = scheduleConfigOf(CONFIG);
    const input = JSON.parse(scheduleNamed('nightly-load--nightly').Target.Input as string);

    // Act
    const resolved = withResolvedFlow(input, () => carried);
    const once = withResolvedFlow(JSON.parse(scheduleNamed('year-end--once').Target.Input as string), () => carried);

    // Assess
    expect(resolved.flow).toEqual(scheduleRunFlow(CONFIG, 'nightly-load', 'nightly'));
    expect(resolved.flow.parameters).toEqual([
      { name: 'ROWS', type: 'integer', value: 5000 },
      { name: 'LABEL', type: 'string', value: 'standard' },
      { name: 'RATIO', type: 'float', value: 0.5 },
    ]);
    expect(once.flow).toMatchObject({ name: 'year-end', overlap: 'allow', parameters: [] });
  });

  it('retries a failed delivery for at most an hour, then sends it to an encrypted dead-letter queue', () => {
    // Prepare
    const queueId = logicalIdOf('AWS::SQS::Queue');

    // Act
    const queue = resources('AWS::SQS::Queue')[queueId]!.Properties;
    const queuePolicy = Object.values(resources('AWS::SQS::QueuePolicy'))[0]!.Properties;

    // Assess
    for (const schedule of schedules) {
      expect(schedule.Target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 });
      expect(schedule.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    }
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.MessageRetentionPeriod).toBe(14 * 86_400);
    expect(queuePolicy.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
  });

  it('lets the Scheduler role only start this state machine and send to the dead-letter queue', () => {
    // Prepare
    const roleArn = schedules[0]!.Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = resources('AWS::IAM::Role')[roleArn]!.Properties;

    // Act
    const statements = Object.values(resources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleArn))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    // Assess
    for (const schedule of schedules) expect(schedule.Target.RoleArn).toEqual({ 'Fn::GetAtt': [roleArn, 'Arn'] });
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf('AWS::Scheduler::ScheduleGroup'), 'Arn'] } } },
      }),
    ]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(statements).toEqual([
      { Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: logicalIdOf('AWS::StepFunctions::StateMachine') } },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalIdOf('AWS::SQS::Queue'), 'Arn'] } },
    ]);
  });

  it('creates no schedules, group or queue when no flow has a schedule', () => {
    // Prepare
    const config = parseConfig('flows:\n  adhoc:\n    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68\n', 'no schedules');

    // Act
    const { template: bare } = synthStack(config);

    // Assess
    expect(flowSchedulesOf(bare)).toEqual({});
    expect(bare.findResources('AWS::Scheduler::ScheduleGroup')).toEqual({});
    expect(bare.findResources('AWS::SQS::Queue')).toEqual({});
  });
});

describe('Function: deployableStartDate', () => {
  const schedule = (expression: string, startDate?: string): ScheduleConfig => ({
    name: 's', expression, timeZone: 'UTC', enabled: true, parameters: {}, ...(startDate ? { startDate } : {}),
  });
  const now = new Date('2026-06-10T12:07:00.000Z');

  it('keeps a start date that is still ahead', () => {
    // Act & Assess
    expect(deployableStartDate(schedule('cron(0 2 * * ? *)', '2026-07-01T00:00:00.000Z'), now)?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('drops a past start date of a cron or at schedule, which Scheduler would refuse and which no longer gates anything', () => {
    // Act & Assess
    expect(deployableStartDate(schedule('cron(0 2 * * ? *)', '2026-01-01T00:00:00.000Z'), now)).toBeUndefined();
    expect(deployableStartDate(schedule('at(2026-12-01T00:00:00)', '2026-01-01T00:00:00.000Z'), now)).toBeUndefined();
  });

  it('moves a past start date of a rate schedule to its next firing, so the times it fires at do not shift', () => {
    // Act
    const moved = deployableStartDate(schedule('rate(15 minutes)', '2026-01-01T00:05:00.000Z'), now);

    // Assess
    expect(moved?.toISOString()).toBe('2026-06-10T12:20:00.000Z');
  });
});

describe('Function: scheduleNameFor', () => {
  it('names a schedule <flow>--<schedule>, shortened with a hash to 64 characters when longer', () => {
    // Prepare
    const flow = 'a'.repeat(40);

    // Act
    const short = scheduleNameFor('nightly-load', 'nightly');
    const long = [scheduleNameFor(flow, 'b'.repeat(40)), scheduleNameFor(flow, `${'b'.repeat(39)}c`)];

    // Assess
    expect(short).toBe('nightly-load--nightly');
    for (const name of long) expect(name).toMatch(/^[0-9A-Za-z_.-]{1,64}$/);
    expect(long[0]).not.toBe(long[1]);
  });
});
