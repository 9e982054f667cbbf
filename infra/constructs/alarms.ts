/**
 * The backstop: if our own machinery fails (an execution fails because an alert could not go
 * out, a Lambda errors or is throttled, a schedule delivery lands in the dead-letter queue), a
 * CloudWatch alarm tells the alarm topic; so does an alert no Slack, Teams or webhook receiver took (see alerts.ts for why it is not the alerts topic).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { WATCH } from '../../shared/watch/constants.ts';

export interface AlarmsProps {
  readonly topic: sns.ITopic;
  readonly stateMachine: sfn.StateMachine;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly deadLetterQueues?: Readonly<Record<string, sqs.IQueue>>;
  /** Alerts that could not be delivered to a Slack, Teams or webhook subscriber (alert-delivery.ts). */
  readonly alertDeadLetterQueue?: sqs.IQueue;
  /** The watchdog Lambda: alarms when it errors and when it has not run for a while. */
  readonly watchdog?: lambda.IFunction;
}

export class Alarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.action = new actions.SnsAction(props.topic);
    const add = this.add.bind(this);
    const period = Duration.minutes(5);
    add('ExecutionsFailed', props.stateMachine.metricFailed({ period, statistic: 'Sum' }),
      'A RunFlow execution failed: an alert could not be published, so a run outcome may not have reached anyone. Check the execution history.');
    add('ExecutionsTimedOut', props.stateMachine.metricTimedOut({ period, statistic: 'Sum' }),
      'A RunFlow execution hit its own timeout (a backstop beyond every flow max duration).');
    add('ExecutionsAborted', props.stateMachine.metricAborted({ period, statistic: 'Sum' }),
      'A RunFlow execution was stopped by hand or by a deployment.');
    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name}Errors`, fn.metricErrors({ period, statistic: 'Sum' }), `The ${name} Lambda returned errors.`);
      add(`${name}Throttles`, fn.metricThrottles({ period, statistic: 'Sum' }), `The ${name} Lambda was throttled.`);
    }
    if (props.watchdog) this.watchdogAlarms(props.watchdog);
    for (const [name, queue] of Object.entries(props.deadLetterQueues ?? {})) {
      add(`${name}DeadLetters`, queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        `Messages in the ${name} dead-letter queue: a trigger could not start a run. Inspect and redrive them.`);
    }
    if (props.alertDeadLetterQueue) {
      add('AlertDeliveryDeadLetters', props.alertDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        'An alert could not be delivered to a Slack, Teams or webhook subscriber (refused, or still failing after 24 hours). Each message says which subscriber and why; fix the receiver or its secret, then redrive them.');
    }
  }

  /**
   * One alarm on the alarm topic, raised and cleared there. By default it fires on any count (a
   * missing metric = nothing happened); `whenSilent` turns it round: it fires when the count is
   * below one, a missing metric included.
   */
  private add(name: string, metric: cloudwatch.IMetric, description: string, { whenSilent = false } = {}): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: whenSilent ? cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD : cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: whenSilent ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }

  /**
   * Who watches the watchdog: no invocation for WATCH.silentAfterMinutes (a missing metric
   * breaches: a deleted or disabled schedule sends no data at all), and errors (a watch that
   * could not finish, whose window the next one retries).
   */
  private watchdogAlarms(fn: lambda.IFunction): void {
    this.add('WatchdogSilent', fn.metricInvocations({ period: Duration.minutes(WATCH.silentAfterMinutes), statistic: 'Sum' }),
      `The watchdog has not run for ${WATCH.silentAfterMinutes} minutes: MISSED and LATE runs go unnoticed. Check its Scheduler schedule and Lambda.`,
      { whenSilent: true });
    this.add('WatchdogErrors', fn.metricErrors({ period: Duration.minutes(WATCH.intervalMinutes), statistic: 'Sum' }),
      'The watchdog failed a watch (state table or alerts topic unavailable); the next watch retries its window. Check its logs.');
  }
}
