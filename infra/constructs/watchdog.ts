/**
 * The watchdog (docs/watchdog.md): an EventBridge Scheduler `rate(5 minutes)` schedule invoking a
 * small Lambda that reports MISSED fires, LATE runs and SUSPICIOUS completions to the alerts
 * topic. It carries only the schedules and LATE/SUSPICIOUS rules (watchConfigOf), never a
 * subscriber's address, inlined at bundle time. Grants come last.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { STATE_TABLE } from '../../shared/aws/dynamodb/state-table.ts';
import type { WatchConfigFile } from '../../shared/aws/config-file.ts';
import { LAMBDA_ENV } from '../../shared/aws/lambda-env.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { RUN_PREFIX } from '../../shared/aws/dynamodb/run-item.ts';
import { keysStartingWith } from './run-state-table.ts';
import { CLAIM_KEY_PREFIX } from '../../shared/run/trigger-claims.ts';
import { WATCH, WATCH_KEY_PREFIX } from '../../shared/watch/constants.ts';
import { watchConfigOf } from '../../shared/watch/watch-config.ts';
import { publishesAlerts } from './alerts.ts';
import { BaseFunction } from './base-function.ts';

export interface WatchdogProps {
  readonly config: DwqConfig;
  readonly stateTable: dynamodb.ITableV2;
  readonly alertsTopic: sns.ITopic;
  /** The alerts topic's key: publishing needs it. */
  readonly alertsKey: kms.IKey;
  /** Catch-up starts missed fires here (schedules with `catchUp`). */
  readonly stateMachine: sfn.IStateMachine;
  /** When this config takes effect: no fire before it is reported. Default: the time of synthesis. */
  readonly now?: Date;
}

export class Watchdog extends Construct {
  readonly function: BaseFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: WatchdogProps) {
    super(scope, id);
    this.function = new BaseFunction(this, 'Function', {
      name: 'watchdog',
      description: 'Reports MISSED schedule fires, LATE runs and SUSPICIOUS completions of DataWORQ flows',
      environment: {
        [LAMBDA_ENV.stateTable]: props.stateTable.tableName,
        [LAMBDA_ENV.stateMachineArn]: props.stateMachine.stateMachineArn,
      },
      configFile: watchConfigFileOf(props.config, props.now ?? new Date()),
      timeout: Duration.seconds(60),
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the DataWORQ watchdog',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(WATCH.intervalMinutes)),
      // A late watch is still worth running; retries beyond the next watch would only overlap it.
      target: new targets.LambdaInvoke(this.function, { role: this.scheduleRole(), retryAttempts: 0, maxEventAge: Duration.minutes(WATCH.intervalMinutes) }),
    });
    this.grant(props);
  }

  /** Its own role, assumable only by Scheduler for this account; the target grants it invoke on the watchdog. */
  private scheduleRole(): iam.Role {
    return new iam.Role(this, 'ScheduleRole', {
      description: 'EventBridge Scheduler: invokes the DataWORQ watchdog',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
    });
  }

  /** Its own items only (watch memory, claims read, run marks); the ledger's indexes; the alerts topic. */
  private grant(props: WatchdogProps): void {
    const table = props.stateTable.tableArn;
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table], conditions: keysStartingWith(WATCH_KEY_PREFIX, CLAIM_KEY_PREFIX) }));
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [table], conditions: keysStartingWith(WATCH_KEY_PREFIX) }));
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [table], conditions: keysStartingWith(RUN_PREFIX) }));
    this.function.addToRolePolicy(new iam.PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: Object.values(STATE_TABLE.indexes).map((index) => `${table}/index/${index.name}`),
    }));
    // Catch-up: a missed fire starts as the scheduled delivery would have (StartExecution, named).
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [props.stateMachine.stateMachineArn] }));
    publishesAlerts(this.function, props.alertsTopic, props.alertsKey);
  }
}

/** What the watchdog's `config.json` holds (shared/aws/config-file.ts). */
export function watchConfigFileOf(config: DwqConfig, since: Date): WatchConfigFile {
  return { watch: watchConfigOf(config, since) };
}
