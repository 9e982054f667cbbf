/** Template tests: past the parent stack's share, schedules move into nested stacks that share one group, role and DLQ. */
import { NestedStack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SCHEDULE_SPLIT } from '../../infra/constructs/schedules.ts';
import { scaleConfig } from '../../bench/scale-config.ts';
import { synthStack } from '../helpers/synth.ts';

const count = (template: Template, type: string) => Object.keys(template.findResources(type)).length;

describe('Construct: Schedules split into nested stacks', () => {
  it(`keeps up to ${SCHEDULE_SPLIT.inParentStack} schedules in the parent stack`, () => {
    // Act
    const { stack, template } = synthStack(scaleConfig(SCHEDULE_SPLIT.inParentStack / 2));

    // Assess
    expect(stack.schedules!.nestedStacks).toHaveLength(0);
    // And the watchdog's own schedule (infra/constructs/watchdog.ts), always in the parent.
    expect(count(template, 'AWS::Scheduler::Schedule')).toBe(SCHEDULE_SPLIT.inParentStack + 1);
  }, 120_000);

  it(`puts 2,000 schedules in nested stacks of at most ${SCHEDULE_SPLIT.perNestedStack}, each within CloudFormation's limits, one resource per schedule`, () => {
    // Act
    const { stack, template } = synthStack(scaleConfig(1000));
    const nested = stack.schedules!.nestedStacks.map((part: NestedStack) => Template.fromStack(part));

    // Assess
    expect(count(template, 'AWS::Scheduler::Schedule')).toBe(1); // the watchdog's
    expect(count(template, 'AWS::CloudFormation::Stack')).toBe(5);
    expect(nested.map((part) => count(part, 'AWS::Scheduler::Schedule'))).toEqual([400, 400, 400, 400, 400]);
    for (const part of nested) {
      const json = JSON.stringify(part.toJSON());
      expect(Object.keys(part.toJSON().Resources).length).toBeLessThanOrEqual(500);
      expect(json.length).toBeLessThan(1_000_000);
      // No group, role or queue of its own: the parent's, passed in as parameters.
      expect(count(part, 'AWS::Scheduler::ScheduleGroup') + count(part, 'AWS::IAM::Role') + count(part, 'AWS::SQS::Queue')).toBe(0);
    }
    expect(count(template, 'AWS::Scheduler::ScheduleGroup')).toBe(1);
    expect(count(template, 'AWS::SQS::Queue')).toBe(1);
  }, 120_000);

  it("gives each nested schedule the parent's role and dead-letter queue, and an input that only names its flow", () => {
    // Act
    const { stack } = synthStack(scaleConfig(200));
    const part = Template.fromStack(stack.schedules!.nestedStacks[0]!);
    const [schedule] = Object.values(part.findResources('AWS::Scheduler::Schedule')) as Array<{ Properties: Record<string, any> }>;

    // Assess
    expect(schedule!.Properties.Target.RoleArn).toEqual({ Ref: expect.stringMatching(/Role/) });
    expect(schedule!.Properties.Target.DeadLetterConfig.Arn).toEqual({ Ref: expect.stringMatching(/DeadLetters/) });
    expect(JSON.parse(schedule!.Properties.Target.Input)).toEqual({
      flow: { name: 'flow-0001' },
      trigger: { kind: 'schedule', id: 'flow-0001/nightly', time: '<aws.scheduler.scheduled-time>', logicalTime: { time: '<aws.scheduler.scheduled-time>', timeZone: 'Europe/London' } },
    });
  });
});
