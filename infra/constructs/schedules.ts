/**
 * Every configured schedule as an EventBridge Scheduler schedule that starts the RunFlow state
 * machine directly (no Lambda in between), with a retry policy and an encrypted dead-letter
 * queue. Scheduler delivers at least once and cannot name the execution: Submit's trigger claim
 * (shared/run/trigger-claims.ts) keys on the scheduled time it substitutes into the input.
 *
 * A schedule is one resource, and its input names the flow, the schedule and the time
 * (shared/run/scheduled-input.ts): Submit builds the run from the config it carries. Past
 * SCHEDULE_SPLIT.inParentStack schedules they move into nested stacks of at most
 * SCHEDULE_SPLIT.perNestedStack each, which share this construct's group, role and dead-letter
 * queue, so no stack nears CloudFormation's 500 resources or 1 MB of template.
 */
import { createHash } from 'node:crypto';
import { Duration, NestedStack, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { DwqConfig, FlowConfig, ScheduleConfig } from '../../shared/config/schema.ts';
import { scheduledInputFor } from '../../shared/run/scheduled-input.ts';
import { parseScheduleExpression } from '../../shared/schedule/expression.ts';

export const SCHEDULE_DELIVERY = {
  /** A run that starts over an hour late is no longer the scheduled run: send it to the DLQ instead. */
  maxEventAge: Duration.hours(1),
  retryAttempts: 3,
  deadLetterRetention: Duration.days(14),
} as const;

/**
 * Where schedules live. The parent stack holds ~100 resources besides them (more with many
 * callers), so up to 150 stay there; past that every schedule moves to nested stacks of 400
 * (400 resources, ~300 KB of template each). Deployment limits: shared/config/deployment-limits.ts.
 */
export const SCHEDULE_SPLIT = { inParentStack: 150, perNestedStack: 400 } as const;

/** Scheduler limits names to 64 of [0-9A-Za-z-_.]. */
const MAX_SCHEDULE_NAME_LENGTH = 64;

export interface SchedulesProps {
  readonly config: DwqConfig;
  readonly stateMachine: sfn.IStateMachine;
  /** "Now" for start dates already past (tests fix it). Default: the time of synthesis. */
  readonly now?: Date;
}

export class Schedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly deadLetterQueue: sqs.Queue;
  readonly role: iam.Role;
  /** Keyed `<flow>/<schedule>`, the trigger id the runs carry. */
  readonly schedules: Readonly<Record<string, scheduler.Schedule>>;
  /** The nested stacks holding the schedules; empty when they fit in the parent stack. */
  readonly nestedStacks: readonly NestedStack[];

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.group = new scheduler.ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      // SQS-managed keys: Scheduler's role then needs no KMS permission to deliver here.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: SCHEDULE_DELIVERY.deadLetterRetention,
    });
    // One role for every schedule, assumable only by Scheduler for this account and group; the
    // targets grant it StartExecution on this state machine and SendMessage to the DLQ.
    this.role = new iam.Role(this, 'Role', {
      description: 'EventBridge Scheduler: starts the RunFlow state machine for the DataWORQ schedules',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account, 'aws:SourceArn': this.group.scheduleGroupArn } },
      }),
    });
    const now = props.now ?? new Date();
    const all = Object.values(props.config.flows).flatMap((flow) => flow.schedules.map((schedule) => ({ flow, schedule })));
    const nested: NestedStack[] = [];
    const scopeOf = (index: number): Construct => {
      if (all.length <= SCHEDULE_SPLIT.inParentStack) return this;
      const part = Math.floor(index / SCHEDULE_SPLIT.perNestedStack);
      nested[part] ??= new NestedStack(this, `Part${part + 1}`, { description: `DataWORQ schedules, part ${part + 1}` });
      return nested[part];
    };
    const schedules: Record<string, scheduler.Schedule> = {};
    all.forEach(({ flow, schedule }, index) => {
      schedules[`${flow.name}/${schedule.name}`] = this.addSchedule(scopeOf(index), props, flow, schedule, now);
    });
    this.schedules = schedules;
    this.nestedStacks = nested;
  }

  private addSchedule(scope: Construct, props: SchedulesProps, flow: FlowConfig, schedule: ScheduleConfig, now: Date): scheduler.Schedule {
    // The scheduled time Scheduler substitutes, also the logical time: a retried delivery keeps it.
    const input = scheduledInputFor(flow.name, schedule, scheduler.ContextAttribute.scheduledTime);
    const start = deployableStartDate(schedule, now);
    const created = new scheduler.Schedule(scope, `${flow.name}-${schedule.name}`, {
      scheduleName: scheduleNameFor(flow.name, schedule.name),
      scheduleGroup: this.group,
      description: (schedule.description ?? `DataWORQ flow ${flow.name}, schedule ${schedule.name}`).slice(0, 512),
      schedule: scheduler.ScheduleExpression.expression(schedule.expression, TimeZone.of(schedule.timeZone)),
      enabled: schedule.enabled,
      ...(start ? { start } : {}),
      ...(schedule.endDate ? { end: new Date(schedule.endDate) } : {}),
      target: new targets.StepFunctionsStartExecution(props.stateMachine, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject(input),
        deadLetterQueue: this.deadLetterQueue,
        maxEventAge: SCHEDULE_DELIVERY.maxEventAge,
        retryAttempts: SCHEDULE_DELIVERY.retryAttempts,
      }),
    });
    // The group is referenced by its generated name, a plain string: CloudFormation must still create it first.
    created.node.addDependency(this.group);
    return created;
  }
}

/** `<flow>--<schedule>`, or a shortened form with a hash when that is over Scheduler's limit. */
export function scheduleNameFor(flow: string, schedule: string): string {
  const name = `${flow}--${schedule}`;
  if (name.length <= MAX_SCHEDULE_NAME_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_SCHEDULE_NAME_LENGTH - hash.length - 1)}-${hash}`;
}

/**
 * Scheduler refuses a StartDate more than 5 minutes in the past, so a start date that has passed
 * cannot be deployed as written. For cron and at() it only gated the schedule, so it is dropped;
 * for rate() it also sets the phase, so it moves forward by whole intervals, keeping the times.
 */
export function deployableStartDate(schedule: ScheduleConfig, now: Date): Date | undefined {
  if (schedule.startDate === undefined) return undefined;
  const start = new Date(schedule.startDate);
  if (start.getTime() >= now.getTime()) return start;
  const expression = parseScheduleExpression(schedule.expression);
  if (expression.kind !== 'rate') return undefined;
  const intervals = Math.ceil((now.getTime() - start.getTime()) / expression.intervalMs);
  return new Date(start.getTime() + intervals * expression.intervalMs);
}
